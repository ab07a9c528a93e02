import { CONTENT_FIELD_NAMES, NUMBER_FIELD_NAMES, PATIENT_FIELD_NAMES, SECRET_FIELD_NAMES, normaliseFieldName } from './twilio-fields.ts';
import { redactField, redactValue } from './redact-value.ts';

export { REDACTED } from './redact-value.ts';

export interface TwilioRedactionOptions {
  /**
   * More fields to remove. pino paths (`'req.body.PatientName'`) are accepted; their last
   * segment is removed at ANY depth (pino's own paths are fixed-depth, which is what leaked).
   */
  extraPaths?: readonly string[];
}

/** pino paths take a top-level key with a dot only in brackets. */
function topLevelPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`;
}

function spellings(name: string): string[] {
  const snake = name.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const camel = name[0]!.toLowerCase() + name.slice(1);
  return [...new Set([name, camel, snake, name.toLowerCase()])];
}

/**
 * A pino `redact` preset for Twilio payloads: `pino({ redact: twilioRedaction() })`.
 *
 * pino's redact paths are fixed-depth, so the preset uses them only as entry points: the
 * listed Twilio names at the top level (where pino hides the key from a wildcard censor) and
 * the top-level wildcard `*`, whose censor walks the whole value (`res.req.body.From`,
 * Conversations `MessagingBinding.Address`, `req.url` query strings...) and the message.
 */
export function twilioRedaction(options: TwilioRedactionOptions = {}): { paths: string[]; censor: (value: unknown, path: string[]) => unknown } {
  const extra = new Set((options.extraPaths ?? []).map((p) => normaliseFieldName(p.split('.').at(-1)!.replace(/[[\]"'`]/g, ''))));
  const names = [...NUMBER_FIELD_NAMES, ...CONTENT_FIELD_NAMES, ...PATIENT_FIELD_NAMES, ...SECRET_FIELD_NAMES].flatMap(spellings);
  const paths = ['*', ...new Set(names.map(topLevelPath))];
  const censor = extra.size === 0 ? censorTwilioValue : (value: unknown, path: string[]) => censorWith(value, path, extra);
  return { paths, censor };
}

export function censorTwilioValue(value: unknown, path: string[]): unknown {
  return censorWith(value, path, undefined);
}

function censorWith(value: unknown, path: string[], extra: ReadonlySet<string> | undefined): unknown {
  // pino hands the top-level wildcard's censor a symbol (or '*') instead of the key.
  const key: unknown = path.at(-1);
  const walk = { seen: new WeakSet<object>(), extra };
  if (typeof key !== 'string' || key === '*') return redactValue(value, undefined, 0, walk);
  return redactField(key, value, undefined, 0, walk);
}
