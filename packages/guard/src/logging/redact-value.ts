import { detectPhi, maskPhoneNumber, redactPhi } from '@chaperone/phi';
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
// An absolute URL, or a path with a query string (`/voice?From=...`), inside any text.
// Both character classes exclude the delimiter that ends them, so matching stays linear.
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+|\/[^\s"'<>?]*\?[^\s"'<>]*/gi;
// `Bearer eyJ...` / `Basic dHdpbGlv...` pasted into a message.
const AUTH_SCHEME_IN_TEXT = /\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{6,}/g;
// Query parameters whose value is a credential (OAuth, signed links, API keys).
const SECRET_QUERY_NAMES = new Set(['token', 'accesstoken', 'idtoken', 'refreshtoken', 'apikey', 'key', 'secret', 'password', 'pass', 'pwd', 'auth', 'authtoken', 'signature', 'sig', 'code', 'session', 'sessionid', 'jwt', 'xamzsignature', 'xamzcredential', 'xamzsecuritytoken']);

/** A number field's value: numbers masked Twilio's way (last four hidden), anything else removed. */
export function maskNumberField(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return value;
  if (typeof value === 'string') return PHONE_LIKE.test(value.trim()) ? maskPhoneNumber(value) : REDACTED;
  if (typeof value === 'number') return maskPhoneNumber(String(value));
  if (Array.isArray(value)) return value.map(maskNumberField);
  return REDACTED;
}

function isWholeNumber(value: unknown): value is number | bigint {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint';
}

/** Whether the detector finds PHI in a number's digits (read after `key=` when there is a key). */
function numberHasPhi(digits: string, key?: string): boolean {
  if (digits.length < 5) return false;
  const prefix = key === undefined ? '' : `${key}=`;
  return detectPhi(prefix + digits).some((h) => h.end > prefix.length);
}

/** The value of a named field, redacted by what the name says it holds. */
export function redactField(name: string, value: unknown, parent?: string, depth = 0, walk?: Walk): unknown {
  if (walk?.extra?.has(normaliseFieldName(name))) return value === undefined ? value : REDACTED;
  const cls = classifyField(name, parent);
  // `req.body` is the container of a webhook's parameters, not a message body: walk it.
  // Judged with its key as context ("callback=4155550123" is a phone, 4155550123 alone is not).
  if (cls === undefined && isWholeNumber(value)) return numberHasPhi(String(value), name) ? REDACTED : value;
  if (cls === undefined || (cls === 'content' && name.toLowerCase() === 'body' && isWalkable(value))) {
    return redactValue(value, normaliseFieldName(name), depth, walk);
  }
  if (cls === 'number') return maskNumberField(value);
  // content and secret: the whole value goes.
  return value === undefined || value === null || value === '' ? value : REDACTED;
}

/**
 * Any value about to be logged, at any depth: fields redacted by name, URL query strings
 * and form-encoded strings cleaned, E.164 numbers in free text masked, JSON strings walked.
 * Copy on write: an object without PHI is returned as is, so clean logs cost a walk, no copy.
 */
export function redactValue(value: unknown, parent?: string, depth = 0, walk: Walk = { seen: new WeakSet() }): unknown {
  if (typeof value === 'string') return redactString(value, depth, walk);
  // A number is text too (`{"callback": 4155550123}`, `{"acct": 4111111111111111}`): the
  // detector judges its digits, and a number it finds anything in is removed whole.
  if (isWholeNumber(value)) return numberHasPhi(String(value)) ? REDACTED : value;
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

/**
 * A string with no known field name: JSON (walked), a form body, or free text. Every string
 * meets the PHI detector of @chaperone/phi (no shortcut skips one): free text outside URLs
 * through `redactPhi`, with E.164 numbers masked first; URLs lose their credentials
 * (`user:pass@`), their query is cleaned by name and value, their path meets the detector.
 */
export function redactString(text: string, depth = 0, walk: Walk = { seen: new WeakSet() }): string {
  if (text === '') return text;
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
  if (!/\s/.test(text) && /^[^=&/:?]+=/.test(text)) return redactQuery(text);
  let out = '';
  let at = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    out += redactProse(text.slice(at, match.index)) + redactUrl(match[0]);
    at = match.index + match[0].length;
  }
  return at === 0 ? redactProse(text) : out + redactProse(text.slice(at));
}

/** Text with no URL in it: numbers masked Twilio's way, then every other identifier the detector finds, tagged (`<NAME>`, `<SSN>`). */
function redactProse(text: string): string {
  if (text === '') return text;
  return redactPhi(maskE164(text).replace(AUTH_SCHEME_IN_TEXT, (_m, scheme: string) => `${scheme} ${REDACTED}`), { style: 'tag' });
}

/** scheme://user:pass@host/path?query#fragment, or /path?query: credentials out, path and query cleaned. */
function redactUrl(url: string): string {
  let rest = url;
  let origin = '';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    const at = authority.lastIndexOf('@');
    origin = scheme[0] + (at < 0 ? authority : `${REDACTED}@${authority.slice(at + 1)}`);
  }
  const q = rest.search(/[?#]/);
  const path = q < 0 ? rest : rest.slice(0, q);
  const tail = q < 0 ? '' : rest.slice(q);
  // The fragment meets the detector too (`#patient=Jane%20Doe`); `#rc=5` comes out as it went in.
  const cleanedTail = tail.startsWith('?') ? `?${redactQuery(tail.slice(1))}` : redactFragment(tail);
  return origin + redactProse(path) + cleanedTail;
}

/** `#...` as it is when the detector finds nothing in it (decoded), else `#[REDACTED]`. */
function redactFragment(fragment: string): string {
  if (!fragment.startsWith('#') || fragment.length === 1) return fragment;
  let decoded = fragment.slice(1);
  try {
    decoded = decodeURIComponent(decoded.replace(/\+/g, ' '));
  } catch {
    // undecodable: judged as written
  }
  return redactProse(decoded) === decoded ? fragment : `#${REDACTED}`;
}

function maskE164(text: string): string {
  return text.replace(E164_IN_TEXT, (_m, plus: string, digits: string) => plus + maskPhoneNumber(digits));
}

/**
 * A query string or form body: number parameters masked, PHI parameters dropped (their
 * names stay out too, so a log does not even say a message body was there), credentials
 * replaced, the rest through the detector. The fragment is kept when the detector finds nothing in it (`#rc=5`).
 */
export function redactQuery(query: string): string {
  const hash = query.indexOf('#');
  const fragment = hash >= 0 ? query.slice(hash) : '';
  const search = new URLSearchParams(hash >= 0 ? query.slice(0, hash) : query);
  const out = new URLSearchParams();
  for (const [key, value] of search) {
    const cls = classifyField(key);
    if (cls === 'content') continue;
    if (cls === 'secret' || SECRET_QUERY_NAMES.has(normaliseFieldName(key))) {
      out.append(key, REDACTED);
      continue;
    }
    const masked = cls === 'number' ? maskNumberField(value) : redactProse(value);
    out.append(key, typeof masked === 'string' ? masked : REDACTED);
  }
  return out.toString() + redactFragment(fragment);
}
