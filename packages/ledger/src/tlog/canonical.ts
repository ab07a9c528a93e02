// RFC 8785 (JCS) canonical bytes of a ledger body. The serialisation itself is the
// `canonicalize` package (co-written by the RFC's author); this module only refuses, before
// it runs, every value JCS cannot represent faithfully, because canonicalize silently drops
// `undefined` members and follows `toJSON()`, and the bytes we hash must be exactly the data given.
import canonicalize from 'canonicalize';
import { LedgerInputError } from './errors.ts';
import { isWellFormed } from './well-formed.ts';

const encoder = new TextEncoder();

/** The RFC 8785 canonical UTF-8 bytes of `value`; throws LedgerInputError naming the path of the first value JCS cannot carry. */
export function canonicalBytes(value: unknown): Uint8Array {
  assertJson(value, '$', new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new LedgerInputError('$: not a JSON value');
  return encoder.encode(text);
}

/**
 * Whether `text` is exactly the RFC 8785 form of `parsed` (= JSON.parse(text)), for verifying
 * a million stored entries. Fast path: with every object's keys already in UTF-16 code-unit
 * order and no \u escape in the text, RFC 8785's output is JSON.stringify's (same string
 * escapes, same ECMAScript number form, no whitespace). Anything else (integer-like keys,
 * which V8 reorders; escapes; -0) is decided by the full canonicalisation.
 */
export function isCanonicalJson(text: string, parsed: unknown): boolean {
  if (!text.includes('\\u') && keysSorted(parsed) && JSON.stringify(parsed) === text) return true;
  try {
    assertJson(parsed, '$', new Set());
    return canonicalize(parsed) === text;
  } catch {
    return false;
  }
}

function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(keysSorted);
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function assertJson(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      if (hasLoneSurrogate(value)) throw new LedgerInputError(`${path}: string holds a lone UTF-16 surrogate (RFC 8785 §3.2.2.2); pass well-formed Unicode`);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new LedgerInputError(`${path}: number is not finite; JSON has no NaN or Infinity`);
      return;
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      throw new LedgerInputError(`${path}: ${typeof value} is not a JSON value; use a string, number, boolean, null, array or plain object`);
  }
  if (value === null) return;
  if (ancestors.has(value)) throw new LedgerInputError(`${path}: circular reference`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // A hole in a sparse array reads as undefined; JSON has no hole either.
      assertJson(value[i], `${path}[${i}]`, ancestors);
    }
  } else {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new LedgerInputError(`${path}: not a plain object (a Date, Map, class instance...); convert it to plain JSON first (timestamps as ISO strings)`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new LedgerInputError(`${path}: symbol-keyed property; JSON keys are strings`);
    let i = 0;
    for (const [key, member] of Object.entries(value)) {
      if (hasLoneSurrogate(key)) throw new LedgerInputError(`${path}: key #${i} holds a lone UTF-16 surrogate (RFC 8785 §3.2.2.2); pass well-formed Unicode`);
      assertJson(member, `${path}${pathKey(key, i)}`, ancestors);
      i++;
    }
  }
  ancestors.delete(value);
}

// A key can itself be data (a map keyed by phone number), so only identifier-like keys, which
// are field names, appear in a path; any other key is named by its position.
function pathKey(key: string, index: number): string {
  return /^[A-Za-z_$][\w$]{0,39}$/.test(key) ? `.${key}` : `[key #${index}]`;
}

function hasLoneSurrogate(s: string): boolean {
  return !isWellFormed(s);
}
