// Key names as context: `patient_name`, `dob`, `mrn`, `insurance_id` tell what their value
// is, so a value is judged with its key (in JSON and in key=value log text alike).
import type { PhiType } from './types.ts';

// Normalised key (lower case, letters and digits only) -> the PHI type its value carries.
const KEY_TYPES: ReadonlyMap<string, PhiType> = new Map<string, PhiType>([
  ...['patientname', 'firstname', 'lastname', 'middlename', 'fullname', 'givenname', 'familyname', 'surname',
    'callername', 'contactname', 'membername', 'guardianname', 'customername', 'patient', 'patientfirstname',
    'patientlastname', 'fname', 'lname', 'nameofpatient', 'subscribername', 'recipientname', 'emergencycontact',
    'holder', 'accountholder', 'cardholder', 'nameoncard', 'owner', 'driver', 'rider', 'passenger', 'subscriber', 'payee',
    'guarantor', 'caregivername', 'caregiver', 'contactname', 'insuredname', 'policyholder', 'beneficiary', 'kontoinhaber', 'kontoinhaberin',
    // FHIR HumanName parts, a device's or task's assignee, caller-id names
    'given', 'family', 'assignedto', 'calleridname']
    .map((k) => [k, 'NAME'] as const),
  ...['dob', 'dateofbirth', 'birthdate', 'birthday', 'admitdate', 'admissiondate', 'admitted', 'dischargedate',
    'discharged', 'dateofdeath', 'deathdate', 'dod', 'dos', 'dateofservice', 'patientdob', 'servicedate']
    .map((k) => [k, 'DATE'] as const),
  ...['mrn', 'medicalrecordnumber', 'medicalrecord', 'medicalrecordno', 'patientid', 'chartnumber', 'chartno',
    'patientmrn', 'mrnumber', 'ehrid', 'emrid', 'userid', 'patientuuid', 'hospitalnumber', 'nhsnumber']
    .map((k) => [k, 'MRN'] as const),
  ...['insuranceid', 'insurancenumber', 'memberid', 'membernumber', 'mbi', 'medicareid', 'medicarenumber',
    'medicaidid', 'medicaidnumber', 'policynumber', 'policyid', 'subscriberid', 'healthplanid', 'groupnumber',
    'beneficiaryid', 'planid', 'insuranceno']
    .map((k) => [k, 'HEALTH_PLAN'] as const),
  ...['ssn', 'socialsecuritynumber', 'socialsecurity', 'socialsecurityno', 'patientssn']
    .map((k) => [k, 'SSN'] as const),
  ...['accountnumber', 'acctnumber', 'acctno', 'accountno', 'bankaccount', 'cardnumber', 'creditcard',
    'creditcardnumber', 'iban', 'card', 'cardno', 'bankaccountnumber', 'billingaccount', 'patientaccount', 'pan', 'account']
    .map((k) => [k, 'ACCOUNT'] as const),
  ...['driverslicense', 'driverlicense', 'licensenumber', 'licenseno', 'dlnumber', 'dl', 'npi', 'dea',
    'deanumber', 'certificatenumber', 'licence', 'licencenumber', 'license', 'passport', 'passportnumber', 'passportno',
    'dni', 'nationalid', 'idnumber', 'driverslicence', 'driverlicence']
    .map((k) => [k, 'LICENSE'] as const),
  ...['vin', 'licenseplate', 'plate', 'platenumber', 'vehicleid', 'vehicle', 'vehicleplate', 'licenceplate'].map((k) => [k, 'VEHICLE'] as const),
  ...['deviceserial', 'serialnumber', 'serial', 'imei', 'udi', 'implantserial', 'deviceserialnumber', 'deviceid',
    'advertisingid', 'idfa', 'idfv', 'androidid', 'macaddress', 'mac', 'imsi', 'meid', 'deviceserialno']
    .map((k) => [k, 'DEVICE'] as const),
  ...['address', 'streetaddress', 'homeaddress', 'addressline1', 'addressline2', 'street', 'mailingaddress',
    'patientaddress', 'address1', 'address2', 'line1', 'line2', 'pickup', 'pickupaddress', 'dropoff', 'dropoffaddress',
    'shippingaddress', 'deliveryaddress', 'homestreet',
    // a person's city (a subdivision smaller than a state) and coordinates
    'city', 'town', 'lat', 'lon', 'lng', 'latitude', 'longitude']
    .map((k) => [k, 'ADDRESS'] as const),
  ...['zip', 'zipcode', 'postalcode', 'postcode', 'zip5', 'postal', 'plz', 'cep', 'eircode', 'pincode'].map((k) => [k, 'ZIP'] as const),
  ...['phone', 'phonenumber', 'mobile', 'mobilephone', 'cell', 'cellphone', 'homephone', 'workphone', 'tel',
    'telephone', 'patientphone', 'contactphone', 'callbacknumber']
    .map((k) => [k, 'PHONE'] as const),
  ...['fax', 'faxnumber', 'faxno'].map((k) => [k, 'FAX'] as const),
  ...['email', 'emailaddress', 'patientemail', 'contactemail'].map((k) => [k, 'EMAIL'] as const),
  ...['age', 'patientage', 'ageofpatient', 'ageyears', 'ageinyears', 'currentage'].map((k) => [k, 'AGE'] as const),
  ...['ip', 'ipaddress', 'clientip', 'remoteaddr', 'remoteip', 'sourceip'].map((k) => [k, 'IP'] as const),
]);

const NON_ALNUM = /[^a-z0-9]/g;
const TRAILING_DIGITS = /\d+$/;

export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(NON_ALNUM, '');
}

// Key endings that name their value whatever the prefix: `test_dob`, `from_zip`, `guardianSsn`.
// Only unambiguous words (not `name`, `id` or `number`, which end keys of every kind).
const SUFFIX_TYPES: ReadonlyMap<string, PhiType> = new Map<string, PhiType>([
  ['dob', 'DATE'], ['birthdate', 'DATE'], ['ssn', 'SSN'], ['mrn', 'MRN'], ['zip', 'ZIP'], ['zipcode', 'ZIP'],
  ['email', 'EMAIL'], ['phone', 'PHONE'], ['fax', 'FAX'], ['npi', 'LICENSE'], ['vin', 'VEHICLE'], ['mbi', 'HEALTH_PLAN'],
  // `state_license`, `medical_licence`: a licence key's value needs a digit (judgeKeyedValue), so `software_license: MIT` stays.
  ['license', 'LICENSE'], ['licence', 'LICENSE'],
]);

/** The last word of a snake, kebab or camel case key ("test_dob" -> "dob", "guardianSsn" -> "Ssn"). */
function lastKeyWord(key: string): string {
  // Read backwards by hand: a `$`-anchored regex is tried at every start position.
  let i = key.length;
  while (i > 0) {
    const c = key.charCodeAt(i - 1);
    if (c === 95 || c === 45) break;
    i--;
    if (c >= 65 && c <= 90) break;
  }
  return key.slice(i);
}

// Keys naming a date in a person's life, however the schema spells the rest: `admitted_at`,
// `birthDate`, `dischargeTime`, FHIR's `deceasedDateTime`. A timestamp under one of these is a
// person's date, not an operational one, so it beats the ISO-timestamp exemption.
const PERSON_DATE_KEY =
  /^(?:dob|dateofbirth|birth|admit|admitted|admission|discharge|discharged|death|deceased|dateofdeath|appointment|appt|visit|nextappointment|implant|surgery|procedure)(?:date|datetime|at|on|time|timestamp|day|dt|ts|start|starttime)?$|^(?:date|slot|when|dateofservice|servicedate)$/;
// An appointment or visit is a date of care (Safe Harbor 3), not the app's own timing; `scheduled_at`
// is left alone: job queues schedule themselves.
// Service dates count as a person's (date_of_service, service_date, dos are exact keys), but
// `service_time` / `service_at` are left alone: services time themselves in operational logs.

/** True when the key names a date tied to a person (birth, admission, discharge, death, service). */
export function isPersonDateKey(key: string): boolean {
  const k = normaliseKey(key.slice(key.lastIndexOf('.') + 1));
  return PERSON_DATE_KEY.test(k) || KEY_TYPES.get(k) === 'DATE' || SUFFIX_TYPES.get(lastKeyWord(key).toLowerCase()) === 'DATE';
}

// Logs repeat the same keys on every line: a bounded memo keeps the normalising off the hot path.
const keyTypeMemo = new Map<string, PhiType | null>();
const KEY_MEMO_MAX = 10_000;

/** The PHI type a key announces, or undefined. Takes the last segment of a dotted key. */
export function keyType(key: string): PhiType | undefined {
  let type = keyTypeMemo.get(key);
  if (type === undefined) {
    type = computeKeyType(key) ?? null;
    if (keyTypeMemo.size >= KEY_MEMO_MAX) keyTypeMemo.clear();
    keyTypeMemo.set(key, type);
  }
  return type ?? undefined;
}

// The answer fields of Twilio Studio widgets and form steps (`widgets.gather_dob.Digits`,
// `widgets.ask_zip.SpeechResult`): the widget's name, not the field's, says what the value is. Ours.
const ANSWER_FIELDS = new Set(['digits', 'speechresult', 'body', 'answer', 'response']);

function computeKeyType(key: string): PhiType | undefined {
  const dot = key.lastIndexOf('.');
  let last = dot >= 0 ? key.slice(dot + 1) : key;
  if (dot > 0 && ANSWER_FIELDS.has(last.toLowerCase())) {
    const segments = key.slice(0, dot).split('.').filter((s) => s !== 'inbound');
    last = segments[segments.length - 1] ?? last;
  }
  const exact = KEY_TYPES.get(normaliseKey(last));
  if (exact) return exact;
  // A digit after the word counts it (`gather_ssn4`: the last four of a social, `zip5`).
  const suffix = SUFFIX_TYPES.get(lastKeyWord(last).toLowerCase().replace(TRAILING_DIGITS, ''));
  if (suffix) return suffix;
  return isPersonDateKey(last) ? 'DATE' : undefined;
}

// Short name parts (`first`, `last`, `given`): a person's name only under a person-ish parent
// (`patient.first`) or beside their partner in one object (`{"first":..,"last":..}`).
const GIVEN_PARTS = new Set(['first', 'given', 'fname', 'firstname', 'givenname', 'forename']);
const FAMILY_PARTS = new Set(['last', 'family', 'lname', 'lastname', 'familyname', 'surname']);
const OTHER_PARTS = new Set(['middle', 'mname', 'middlename', 'name', 'full', 'fullname']);
const PERSON_PARENTS = new Set([
  'patient', 'member', 'guarantor', 'subscriber', 'guardian', 'caller', 'customer', 'contact', 'person', 'insured',
  // Not `client`, `parent` or `child`: SDK clients and workflow parents have names too.
  'beneficiary', 'resident', 'spouse', 'mother', 'father', 'dependent', 'insuredperson', 'patientinfo',
  'emergencycontact', 'nextofkin', 'responsibleparty', 'policyholder', 'name', 'patientname', 'membername', 'legalname',
]);

export type NamePart = 'given' | 'family' | 'other';

/** Which part of a name a short key holds, or undefined when it is no name-part key. */
export function namePart(key: string): NamePart | undefined {
  const k = normaliseKey(key.slice(key.lastIndexOf('.') + 1));
  if (GIVEN_PARTS.has(k)) return 'given';
  if (FAMILY_PARTS.has(k)) return 'family';
  return OTHER_PARTS.has(k) ? 'other' : undefined;
}

/** A parent key whose children are parts of a person (`patient`, `guarantor`, `name`). */
export function isPersonParentKey(key: string): boolean {
  return PERSON_PARENTS.has(normaliseKey(key.slice(key.lastIndexOf('.') + 1)));
}

/** Generic `name` keys: the value is a person's name only if it reads like one. */
export function isGenericNameKey(key: string): boolean {
  const k = normaliseKey(key.slice(key.lastIndexOf('.') + 1));
  return k === 'name' || k === 'friendlyname' || k === 'contact' || k === 'caller';
}

// Keys that name another field's value in a name/value pair ({"key":"mrn","value":"0077..."}:
// Studio set-variables, form fields, attribute lists).
export const NAMING_KEYS: readonly string[] = ['key', 'name', 'field', 'attribute', 'variable', 'label'];
