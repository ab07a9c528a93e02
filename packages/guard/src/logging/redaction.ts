import { maskPhoneNumber } from '@chaperone/phi';

// Twilio webhook and resource fields that carry a phone number: masked like Twilio's
// Phone Number Redaction (last four digits hidden) so logs still show the area code.
const NUMBER_FIELDS = ['From', 'To', 'Caller', 'Called', 'ForwardedFrom', 'CallerId', 'from', 'to', 'forwarded_from', 'caller_name', 'CallerName', 'phone_number', 'PhoneNumber'];
// Fields that are PHI as a whole: message and speech content, media, location of the
// caller (city, state and ZIP are Safe Harbor identifiers), keypad input.
const CONTENT_FIELDS = [
  'Body', 'body', 'SpeechResult', 'UnstableSpeechResult', 'TranscriptionText', 'transcription_text', 'Digits',
  ...Array.from({ length: 10 }, (_, i) => `MediaUrl${i}`), 'MediaUrl', 'media_url',
  ...['From', 'To', 'Caller', 'Called'].flatMap((p) => [`${p}City`, `${p}State`, `${p}Zip`]),
];

const NUMBER_SET = new Set(NUMBER_FIELDS);

export interface TwilioRedactionOptions {
  /** More pino redact paths, e.g. `['req.body.PatientName']`. */
  extraPaths?: readonly string[];
}

export const REDACTED = '[REDACTED]';

/**
 * A pino `redact` preset for Twilio payloads: `pino({ redact: twilioRedaction() })`.
 * Covers the fields at the top level and up to two objects deep (`req.body.From`).
 */
export function twilioRedaction(options: TwilioRedactionOptions = {}): { paths: string[]; censor: (value: unknown, path: string[]) => unknown } {
  const fields = [...NUMBER_FIELDS, ...CONTENT_FIELDS];
  const paths = fields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);
  return { paths: [...paths, ...(options.extraPaths ?? [])], censor: censorTwilioValue };
}

export function censorTwilioValue(value: unknown, path: string[]): unknown {
  if (value === undefined || value === null || value === '') return value;
  const field = path.at(-1) ?? '';
  // `req.body` is a container (the webhook's parameters), not a message body: its own
  // fields are redacted by the nested paths, and its SIDs stay useful in logs.
  if (field === 'body' && typeof value === 'object' && !Array.isArray(value)) return value;
  if (NUMBER_SET.has(field)) {
    if (typeof value === 'string') return maskPhoneNumber(value);
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? maskPhoneNumber(v) : REDACTED));
  }
  return REDACTED;
}
