// RFC 8785 (JCS) canonical bytes of a ledger body. The reference serialisation is the
// `canonicalize` package (co-written by the RFC's author). Before anything is hashed, every
// value JCS cannot represent faithfully is refused, because canonicalize silently drops
// `undefined` members and follows `toJSON()`, and the bytes we hash must be exactly the data
// given. Appends take a one-pass writer that checks as it writes (canonicalText below).
import canonicalize from 'canonicalize';
import { LedgerInputError } from './errors.ts';
import { isWellFormed } from './well-formed.ts';

/** The RFC 8785 canonical UTF-8 bytes of `value`; throws LedgerInputError naming the path of the first value JCS cannot carry. */
export function canonicalBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalText(value), 'utf8');
}

/**
 * The RFC 8785 canonical text of `value`. Every ledger append canonicalises each entry, so
 * this is one pass that checks and writes at once (a third of the cost of assertJson then
 * canonicalize: bench/ledger.bench.ts); anything the pass refuses is handed to assertJson,
 * which names the path. The output equals canonicalize's (tests compare the two on the
 * RFC 8785 vectors and on generated values): RFC 8785 §3.2 is JSON.stringify's string
 * escapes and ECMAScript number form, with members sorted by UTF-16 code units, which is
 * what Array.prototype.sort does to strings.
 */
export function canonicalText(value: unknown): string {
  const text = writeCanonical(value, 0);
  if (text !== undefined) return text;
  assertJson(value, '$', new Set());
  // assertJson found nothing: only the depth cap stopped the fast pass.
  const slow = canonicalize(value);
  if (slow === undefined) throw new LedgerInputError('$: not a JSON value');
  return slow;
}

/**
 * A copy of `value`, which JSON.parse returned from a text holding no `\u` escape, with every
 * object's members inserted in RFC 8785 order, so that JSON.stringify of the copy is its
 * canonical text; undefined when V8 would not keep that order. The ledger's writer thread
 * receives its entries as JSON text: for such a value the checks canonicalText makes are
 * already settled (JSON.parse yields only strings, finite numbers, booleans, null, arrays and
 * plain objects, and a lone surrogate can only come from a `\u` escape), and JSON.stringify
 * writes the text natively at half canonicalText's cost (bench/ledger.bench.ts). V8 enumerates
 * array-index keys first, whatever their insertion order, and `__proto__` would set the
 * prototype: an object with a key starting with a digit, or `__proto__`, gives undefined.
 */
export function sortedJsonCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const member = sortedJsonCopy(value[i]);
      if (member === undefined) return undefined;
      out[i] = member;
    }
    return out;
  }
  const keys = Object.keys(value).sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') return undefined;
    const member = sortedJsonCopy((value as Record<string, unknown>)[key]);
    if (member === undefined) return undefined;
    out[key] = member;
  }
  return out;
}

/** Deeper than this, the fast pass gives up (a cycle, or data no entry has) and assertJson decides. */
const MAX_FAST_DEPTH = 64;

/** The canonical text, or undefined when `value` holds anything assertJson would refuse (or nests past the cap). */
function writeCanonical(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return isWellFormed(value) ? JSON.stringify(value) : undefined;
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (depth >= MAX_FAST_DEPTH) return undefined;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const member = writeCanonical(value[i], depth + 1);
      if (member === undefined) return undefined;
      out += i === 0 ? member : ',' + member;
    }
    return out + ']';
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!isWellFormed(key)) return undefined;
    const member = writeCanonical((value as Record<string, unknown>)[key], depth + 1);
    if (member === undefined) return undefined;
    out += (i === 0 ? '' : ',') + JSON.stringify(key) + ':' + member;
  }
  return out + '}';
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
