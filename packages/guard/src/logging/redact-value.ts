import { maskPhoneNumber } from '@chaperone/phi';
import { classifyField, normaliseFieldName } from './twilio-fields.ts';

/** One walk's state: the objects on the current path (cycles) and the caller's extra field names. */
export interface Walk {
  seen: WeakSet<object>;
  /** Normalised names (see normaliseFieldName) removed wherever they appear. */
  extra?: ReadonlySet<string>;
}

export const REDACTED = '[REDACTED]';
// Deeper than any log object a person means to write; past it, remove rather than walk on.
const MAX_DEPTH = 32;
const PHONE_LIKE = /^([a-z]+:)?\+?\d[\d\s().-]{5,}\d$/i;
// E.164 anywhere in free text, raw or percent-encoded (`%2B1212...` in a logged URL).
const E164_IN_TEXT = /(\+|%2B)(\d{7,15})/gi;
const WORTH_A_LOOK = /[?=+{[]|%2b/i;

/** A number field's value: numbers masked Twilio's way (last four hidden), anything else removed. */
export function maskNumberField(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (typeof value === 'string') return PHONE_LIKE.test(value.trim()) ? maskPhoneNumber(value) : REDACTED;
  if (typeof value === 'number') return maskPhoneNumber(String(value));
  if (Array.isArray(value)) return value.map(maskNumberField);
  return REDACTED;
}

/** The value of a named field, redacted by what the name says it holds. */
export function redactField(name: string, value: unknown, parent?: string, depth = 0, walk?: Walk): unknown {
  if (walk?.extra?.has(normaliseFieldName(name))) return value === undefined ? value : REDACTED;
  const cls = classifyField(name, parent);
  // `req.body` is the container of a webhook's parameters, not a message body: walk it.
  if (cls === undefined || (cls === 'content' && name.toLowerCase() === 'body' && isWalkable(value))) {
    return redactValue(value, normaliseFieldName(name), depth, walk);
  }
  if (cls === 'number') return maskNumberField(value);
  return value === undefined || value === null || value === '' ? value : REDACTED;
}

/**
 * Any value about to be logged, at any depth: fields redacted by name, URL query strings
 * and form-encoded strings cleaned, E.164 numbers in free text masked, JSON strings walked.
 * Copy on write: an object without PHI is returned as is, so clean logs cost a walk, no copy.
 */
export function redactValue(value: unknown, parent?: string, depth = 0, walk: Walk = { seen: new WeakSet() }): unknown {
  if (typeof value === 'string') return redactString(value, depth, walk);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return REDACTED;
  if (walk.seen.has(value)) return '[Circular]';
  walk.seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, walk);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redactValue(toJSON.call(value), parent, depth + 1, walk);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = redactValue(value[i], parent, depth + 1, walk);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const original = record[key];
      const next = redactField(key, original, parent, depth + 1, walk);
      if (next !== original) (copy ??= { ...record })[key] = next;
    }
    return copy ?? value;
  } finally {
    walk.seen.delete(value);
  }
}

function redactError(error: Error, depth: number, walk: Walk): unknown {
  const out: Record<string, unknown> = { type: error.name, message: redactString(error.message, depth, walk) };
  if (error.stack) out['stack'] = redactString(error.stack, depth, walk);
  for (const key of Object.keys(error)) out[key] = redactField(key, (error as unknown as Record<string, unknown>)[key], undefined, depth + 1, walk);
  return out;
}

function isWalkable(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !ArrayBuffer.isView(value);
}

/** A string with no known field name: a URL, a form body, JSON, or free text. */
export function redactString(text: string, depth = 0, walk: Walk = { seen: new WeakSet() }): string {
  if (!WORTH_A_LOOK.test(text)) return text;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      const parsed: unknown = JSON.parse(text);
      const cleaned = redactValue(parsed, undefined, depth + 1, walk);
      return cleaned === parsed ? text : JSON.stringify(cleaned);
    } catch {
      // not JSON: fall through to the text rules
    }
  }
  const q = text.indexOf('?');
  if (q >= 0) return maskE164(text.slice(0, q)) + '?' + redactQuery(text.slice(q + 1));
  if (!/\s/.test(text) && /^[^=&]+=/.test(text)) return redactQuery(text);
  return maskE164(text);
}

function maskE164(text: string): string {
  return text.replace(E164_IN_TEXT, (_m, plus: string, digits: string) => plus + maskPhoneNumber(digits));
}

/**
 * A query string or form body: number parameters masked, PHI parameters dropped (their
 * names stay out too, so a log does not even say a message body was there), the rest
 * with E.164 numbers masked. The fragment (`#rc=5`) is kept.
 */
export function redactQuery(query: string): string {
  const hash = query.indexOf('#');
  const fragment = hash >= 0 ? query.slice(hash) : '';
  const search = new URLSearchParams(hash >= 0 ? query.slice(0, hash) : query);
  const out = new URLSearchParams();
  for (const [key, value] of search) {
    const cls = classifyField(key);
    if (cls === 'content') continue;
    const masked = cls === 'number' ? maskNumberField(value) : maskE164(value);
    out.append(key, typeof masked === 'string' ? masked : REDACTED);
  }
  return out.toString() + fragment;
}
