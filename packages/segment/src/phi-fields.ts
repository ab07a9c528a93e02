// Field names that announce PHI (a person's identifiers or health information). Used to
// judge which fields a filter lets through, a mapping sends or a query selects, when only
// names are visible. Deliberately broad: a false alarm costs a review, a miss costs a breach.
// Values are judged by @chaperone/phi; this list covers names only, including health
// content (diagnosis, medication...) that Safe Harbor identifiers do not name.

const PHI_NAME_PARTS = [
  'email', 'phone', 'mobile', 'fax', 'ssn', 'socialsecurity', 'dob', 'birth', 'firstname', 'lastname', 'fullname',
  'middlename', 'surname', 'patientname', 'address', 'street', 'zip', 'postal', 'mrn', 'medicalrecord', 'patientid',
  'insurance', 'memberid', 'policynumber', 'healthplan', 'diagnos', 'icd', 'condition', 'medication', 'prescription',
  'treatment', 'procedure', 'symptom', 'allerg', 'labresult', 'ipaddress', 'license', 'deviceid', 'serial',
];
const PHI_EXACT = new Set(['name', 'ip', 'city', 'age', 'gender', 'sex']);

const normalise = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** True when a field's name (last segment of a dotted path) suggests PHI. */
export function isPhiFieldName(path: string): boolean {
  const last = path.slice(path.lastIndexOf('.') + 1);
  const key = normalise(last);
  return PHI_EXACT.has(key) || PHI_NAME_PARTS.some((part) => key.includes(part));
}
