/**
 * Which Twilio webhook / resource fields carry PHI, by name, for any product: Voice,
 * Messaging (SMS, MMS, WhatsApp), Conversations (webhooks and Event Streams), Chat,
 * TaskRouter, Studio, Verify, Video status callbacks, Fax, Lookup.
 *
 * Names are compared normalised (lower case, without `_`, `.`, `-`), so `MessagingBinding.Address`,
 * `messaging_binding_address` and a nested `MessagingBinding: { Address }` are the same field.
 */
export type FieldClass = 'number' | 'content';

/** Names that hold a phone number or a channel address: masked when they look like a number, removed otherwise. */
export const NUMBER_FIELD_NAMES = [
  'From', 'To', 'Caller', 'Called', 'ForwardedFrom', 'CallerId', 'PhoneNumber', 'WaId', 'Author',
  'Address', 'ProxyAddress', 'AuthorAddress', 'ProjectedAddress', 'MessagingBinding.Address',
  'MessagingBinding.ProxyAddress', 'MessagingBinding.AuthorAddress', 'MessagingBinding.ProjectedAddress',
  'OriginalRepliedMessageSender', 'RemoteStationId', 'NationalFormat', 'Recipient', 'Sender',
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
  // Not PHI, but credentials a pino-http `req.headers` would otherwise print.
  'Authorization', 'X-Twilio-Signature',
  ...Array.from({ length: 10 }, (_, i) => `MediaUrl${i}`),
  ...['From', 'To', 'Caller', 'Called'].flatMap((p) => [`${p}City`, `${p}State`, `${p}Zip`]),
] as const;

export function normaliseFieldName(name: string): string {
  return name.replace(/[_.\-\s]/g, '').toLowerCase();
}

const NUMBER_SET = new Set(NUMBER_FIELD_NAMES.map(normaliseFieldName));
const CONTENT_SET = new Set(CONTENT_FIELD_NAMES.map(normaliseFieldName));
// Suffix families: a Conversations binding's `*Address`, any `*Attributes` JSON, `*Identity`,
// `*FriendlyName`/`*ProfileName`, numbered media (`MediaUrl12`) and speech/transcription text.
const NUMBER_SUFFIX = /(address|phonenumber)$/;
const CONTENT_PATTERN = /(attributes|identity|friendlyname|profilename|callername|uniquename|transcriptiontext|speechresult)$|^mediaurl\d*$|^(from|to|caller|called)(city|state|zip)$/;

/**
 * The class of a field, or undefined when it carries no PHI by name. `parent` is the
 * normalised name of the enclosing object: a binding's `Name` (Conversations participant
 * events) is a person's name.
 */
export function classifyField(name: string, parent?: string): FieldClass | undefined {
  const key = normaliseFieldName(name);
  if (NUMBER_SET.has(key) || NUMBER_SUFFIX.test(key)) return 'number';
  if (CONTENT_SET.has(key) || CONTENT_PATTERN.test(key)) return 'content';
  if (key === 'name' && parent !== undefined && parent.includes('binding')) return 'content';
  return undefined;
}
