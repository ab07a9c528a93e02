/**
 * Which Twilio webhook / resource fields carry PHI, by name, for any product: Voice,
 * Messaging (SMS, MMS, WhatsApp), Conversations (webhooks and Event Streams), Chat,
 * TaskRouter, Studio, Verify, Video status callbacks, Fax, Lookup; plus the names an app's
 * own records give a patient's identifiers, and credentials (headers, cookies, tokens).
 *
 * Names are compared normalised (lower case, without `_`, `.`, `-`), so `MessagingBinding.Address`,
 * `messaging_binding_address` and a nested `MessagingBinding: { Address }` are the same field.
 */
export type FieldClass = 'number' | 'content' | 'secret';

/** Names that hold a phone number or a channel address: masked when they look like a number, removed otherwise. */
export const NUMBER_FIELD_NAMES = [
  'From', 'To', 'Caller', 'Called', 'ForwardedFrom', 'CallerId', 'PhoneNumber', 'WaId', 'Author',
  'Address', 'ProxyAddress', 'AuthorAddress', 'ProjectedAddress', 'MessagingBinding.Address',
  'MessagingBinding.ProxyAddress', 'MessagingBinding.AuthorAddress', 'MessagingBinding.ProjectedAddress',
  'OriginalRepliedMessageSender', 'RemoteStationId', 'NationalFormat', 'Recipient', 'Sender',
  'Phone', 'Mobile', 'Fax', 'HomePhone', 'MobilePhone', 'WorkPhone', 'CellPhone',
] as const;

/**
 * Names whose whole value is PHI (free text, media, identities, location, keypad and speech input).
 * Not `Code`: a Verify code is no PHI and `code` is every error's code in a log.
 */
export const CONTENT_FIELD_NAMES = [
  'Body', 'MessageBody', 'MessageSubject', 'Subject', 'Attributes', 'MessageAttributes', 'ChannelAttributes',
  'ConversationAttributes', 'ParticipantAttributes', 'TaskAttributes', 'WorkerAttributes', 'Identity',
  'ClientIdentity', 'ParticipantIdentity', 'FriendlyName', 'AuthorFriendlyName', 'UniqueName', 'ProfileName',
  'CallerName', 'WorkerName', 'RoomName', 'TrackName', 'Media', 'MediaUrl', 'SpeechResult', 'UnstableSpeechResult',
  'TranscriptionText', 'TranscriptionUrl', 'RecordingUrl', 'Digits', 'Latitude', 'Longitude',
  'Label', 'ButtonText', 'ButtonPayload', 'ReferralBody', 'ReferralHeadline', 'ReferralSourceUrl', 'Email',
  'Parameters', 'FlowData',
  ...Array.from({ length: 10 }, (_, i) => `MediaUrl${i}`),
  ...['From', 'To', 'Caller', 'Called'].flatMap((p) => [`${p}City`, `${p}State`, `${p}Zip`]),
] as const;

/**
 * Names an app's own records use for a patient's identifiers (Safe Harbor: names, dates of
 * birth, record and social security numbers, street, city and ZIP): removed whole.
 */
export const PATIENT_FIELD_NAMES = [
  'PatientName', 'PatientId', 'PatientDob', 'PatientMrn', 'PatientPhone', 'PatientEmail', 'PatientAddress', 'FirstName', 'LastName', 'FullName', 'MiddleName', 'Surname', 'GivenName', 'FamilyName',
  'Dob', 'DateOfBirth', 'BirthDate', 'Birthday', 'Mrn', 'MedicalRecordNumber', 'Ssn', 'SocialSecurityNumber',
  'Street', 'StreetAddress', 'City', 'Zip', 'ZipCode', 'PostalCode',
  'InsuranceId', 'MemberId', 'PolicyNumber',
] as const;

/** Credentials a pino-http `req.headers` / `res.headers` or an app's own object would print: removed whole. */
export const SECRET_FIELD_NAMES = [
  'Authorization', 'Proxy-Authorization', 'X-Twilio-Signature', 'Cookie', 'Cookies', 'Set-Cookie', 'X-Api-Key', 'ApiKey',
  'Password', 'Passwd', 'Secret', 'ClientSecret', 'Token', 'AuthToken', 'AccessToken', 'RefreshToken', 'IdToken', 'PrivateKey',
] as const;

export function normaliseFieldName(name: string): string {
  return name.replace(/[_.\-\s]/g, '').toLowerCase();
}

const NUMBER_SET = new Set(NUMBER_FIELD_NAMES.map(normaliseFieldName));
const CONTENT_SET = new Set(CONTENT_FIELD_NAMES.map(normaliseFieldName));
// Suffix families: a Conversations binding's `*Address`, any `*Attributes` JSON, `*Identity`,
// `*FriendlyName`/`*ProfileName`, numbered media (`MediaUrl12`) and speech/transcription text.
// `phone`, `home_phone`, `mobile`, `fax`: an app's own number fields, in any format.
const NUMBER_SUFFIX = /(address|phone|phonenumber|mobile|fax)$/;
const CONTENT_PATTERN = /(attributes|identity|friendlyname|profilename|callername|uniquename|transcriptiontext|speechresult)$|^mediaurl\d*$|^(from|to|caller|called)(city|state|zip)$/;
// `patient*` (patient_id, patientDob...), `*_dob`, `*_mrn`, `home_phone`, `billing_zip`...: the
// app's own identifier fields, whatever prefix it gives them. Not a bare `name`: pino's
// logger name and every library's `name` field would go; a person's name there is still
// caught by the detector, which every string meets.
const PATIENT_PATTERN = /^patient|(dob|dateofbirth|birthdate|mrn|ssn|firstname|lastname|fullname|middlename|surname|givenname|familyname|zipcode|postalcode)$/;
const SECRET_PATTERN = /(password|passwd|secret|apikey|authtoken|accesstoken|refreshtoken|idtoken|sessiontoken|privatekey|cookie|cookies|authorization)$/;
const PATIENT_SET = new Set(PATIENT_FIELD_NAMES.map(normaliseFieldName));
const SECRET_SET = new Set(SECRET_FIELD_NAMES.map(normaliseFieldName));

/**
 * The class of a field, or undefined when it carries no PHI by name. `parent` is the
 * normalised name of the enclosing object: a binding's `Name` (Conversations participant
 * events) is a person's name.
 */
export function classifyField(name: string, parent?: string): FieldClass | undefined {
  const key = normaliseFieldName(name);
  if (SECRET_SET.has(key) || SECRET_PATTERN.test(key)) return 'secret';
  if (NUMBER_SET.has(key) || NUMBER_SUFFIX.test(key)) return 'number';
  if (CONTENT_SET.has(key) || CONTENT_PATTERN.test(key) || PATIENT_SET.has(key) || PATIENT_PATTERN.test(key)) return 'content';
  // A name inside a binding (Conversations participant events) or a patient/person object.
  if (key === 'name' && parent !== undefined && /binding|patient|person|contact|customer/.test(parent)) return 'content';
  return undefined;
}
