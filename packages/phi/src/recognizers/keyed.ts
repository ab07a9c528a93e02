// Any type, from its key: a JSON key or `key=value` key (`patient_name`, `dob`, `mrn`,
// `insurance_id`) makes its value a hit of that type (../keys.ts names the keys). Short name
// parts (`first`, `last`) count under a person-ish parent or as a given + family pair in one
// object. Also the judges json.ts uses for a value under a key.
import { isGenericNameKey, isPersonDateKey, isPersonParentKey, keyType, NAMING_KEYS, namePart } from '../keys.ts';
import { firstNameSet, isCommonWord, isNotName } from '../lexicons/names.ts';
import type { PhiType } from '../types.ts';
import { HAS_DIGIT, matches, type Recognizer, type Sink } from './shared.ts';

// Found from each ':' or '=' outwards (a pattern starting at the key would be tried at
// every word): the key is read backwards, the value (quoted, escaped-quoted or bare) forwards.
const VALUE_AFTER = /\s*(?:\\?"([^"\\]*)\\?"|'([^']*)'|([^\s,;&}\]"'\\]+))/y;
const KEY_SEPARATOR = /[:=]/g;
const RECORD_ID_VALUE = /^[A-Za-z]{0,4}[-_]?\d[\w-]{3,24}$/;

// Safe Harbor names ages over 89 (younger ages are not identifiers); 130 bounds typos and ids.
const AGE_VALUE = /^(\d{2,3})(?:\.\d+)?(?:\s*(?:y|yo|yrs?|years?)(?:\s*old)?)?$/i;

function ageOverEightyNine(value: string): boolean {
  const m = AGE_VALUE.exec(value);
  if (!m) return false;
  const age = Number(m[1]);
  return age >= 90 && age <= 130;
}

// A date or timestamp value (ISO, slash or dotted): what a person-date key may override.
const DATE_LIKE_VALUE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;

/** True when `value` under `key` is a person's date that must be redacted even if it reads as an operational timestamp. */
export function isPersonDateValue(key: string, value: string): boolean {
  return DATE_LIKE_VALUE.test(value.trim()) && isPersonDateKey(key);
}

/** Confidence that `value`, under a key announcing `type`, is that identifier; 0 when it is not. */
export function judgeKeyedValue(type: PhiType, value: string): number {
  const v = value.trim();
  if (v.length === 0 || v.length > 200) return 0;
  const lower = v.toLowerCase();
  if (lower === 'null' || lower === 'true' || lower === 'false' || lower === 'undefined' || lower === 'n/a') return 0;
  switch (type) {
    case 'NAME':
      return /^[\p{L}][\p{L}'.-]*(?:[\s,]+[\p{L}][\p{L}'.-]*){0,4}$/u.test(v) ? 0.9 : 0;
    case 'EMAIL':
      return v.includes('@') ? 0.95 : 0;
    case 'ZIP':
      // Any country's postcode: 3-10 letters, digits, a space or dash, with a digit ("H2K 1W1", "02-495").
      return /^\d{5}(?:-\d{4})?$/.test(v) ? 0.95 : /^(?=[A-Z -]*\d)[A-Z0-9][A-Z0-9 -]{2,9}$/i.test(v) ? 0.85 : 0;
    case 'ADDRESS':
      return /\p{L}/u.test(v) && v.length >= 5 ? 0.85 : 0;
    case 'PHONE':
    case 'FAX':
      return (v.match(/\d/g)?.length ?? 0) >= 7 ? 0.9 : 0;
    case 'IP':
      return /^[\d.]+$|:/.test(v) && HAS_DIGIT.test(v) ? 0.9 : 0;
    case 'AGE':
      return ageOverEightyNine(v) ? 0.9 : 0;
    case 'VEHICLE':
      // A VIN or a plate mixes letters and digits; "vehicle: 2019" is a model year.
      return /[A-Za-z]/.test(v) && HAS_DIGIT.test(v) && v.length >= 4 ? 0.9 : 0;
    default:
      return HAS_DIGIT.test(v) && v.length >= 3 ? 0.9 : 0;
  }
}

/** Confidence that a value under a generic key (`name`, `friendly_name`) is a person's name. */
// A capitalised word of any Latin script ("Nguyễn", "Seo-yeon", "O'Brien"); ours.
const CAPITALISED_WORD = /^\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{L}[\p{Ll}\p{M}]+)*$/u;

export function judgeGenericName(value: string): number {
  const words = value.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return 0;
  if (!words.every((w) => CAPITALISED_WORD.test(w) && !isNotName(w))) return 0;
  if (firstNameSet().has(words[0] as string)) return 0.8;
  // Under a name key, two to four capitalised words none of which is common English (not a
  // page title like "Your Appointment", not "Flu Season") read as a person's name.
  return words.every((w) => !isCommonWord(w)) ? 0.7 : 0;
}

function isKeyChar(c: number): boolean {
  // [A-Za-z0-9_.-]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/**
 * The key ending just before a ':' or '=' at `at`, skipping a closing quote (plain or
 * backslash-escaped) and spaces. Read backwards by hand: a `$`-anchored regex over the
 * preceding text is tried at every start position.
 */
function keyBefore(text: string, at: number): string | undefined {
  let end = at;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  const q = text.charCodeAt(end - 1);
  if (q === 34 || q === 39) end--;
  if (text.charCodeAt(end - 1) === 92) end--;
  let start = end;
  while (start > 0 && end - start < 49 && isKeyChar(text.charCodeAt(start - 1))) start--;
  if (start === end || (start > 0 && isKeyChar(text.charCodeAt(start - 1)))) return undefined;
  const first = text.charCodeAt(start);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95)) return undefined;
  return text.slice(start, end);
}

const OBJECT_SCAN_LIMIT = 400;
const KEY_IN_OBJECT = /([A-Za-z_][\w-]*)\\?["']?\s*[:=]/g;

/** Index of the '{' opening the object that holds position `at`, or -1 (bounded look-back). */
function enclosingBrace(text: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0 && at - i < OBJECT_SCAN_LIMIT; i--) {
    const c = text.charCodeAt(i);
    if (c === 125) depth++;
    else if (c === 123) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The key of the object holding position `keyStart` (`"device":{"id":..}` -> "device"), lower case. */
function parentKey(text: string, keyStart: number): string | undefined {
  if (keyStart < 0) return undefined;
  const brace = enclosingBrace(text, keyStart);
  if (brace < 0) return undefined;
  let colon = brace;
  while (colon > 0 && text.charCodeAt(colon - 1) === 32) colon--;
  const sep = text.charCodeAt(colon - 1);
  return sep === 58 || sep === 61 ? keyBefore(text, colon - 1)?.toLowerCase() : undefined;
}

/**
 * Whether a short name-part key (`first`, `last`, `given`) at `keyStart` sits in a person's
 * object: its parent key is person-ish (`"patient":{"first":..`) or the same object holds both
 * a given and a family part (`{"first":"Ann","last":"Lee"}`). Text twin of the JSON walk.
 */
function inPersonObject(text: string, keyStart: number): boolean {
  if (keyStart < 0) return false;
  const brace = enclosingBrace(text, keyStart);
  if (brace < 0) return false;
  let colon = brace;
  while (colon > 0 && text.charCodeAt(colon - 1) === 32) colon--;
  const sep = text.charCodeAt(colon - 1);
  if (sep === 58 || sep === 61) {
    const parent = keyBefore(text, colon - 1);
    if (parent !== undefined && isPersonParentKey(parent)) return true;
  }
  let given = false;
  let family = false;
  const body = text.slice(brace, brace + OBJECT_SCAN_LIMIT);
  for (const m of matches(KEY_IN_OBJECT, body)) {
    const part = namePart(m[1] as string);
    given ||= part === 'given';
    family ||= part === 'family';
    if (given && family) return true;
  }
  return false;
}

// Variables written as name/value pairs: Studio's set-variables ({"key":"mrn","value":"0077..."}),
// form fields ({"name":"dob","value":...}), FHIR-ish attribute lists. The name says what the value is.
const NAMING = new Set(NAMING_KEYS);
const VALUE_KEY_NEXT = /\\?["']?\s*,\s*\\?["']?value\\?["']?\s*[:=]/y;

function pushNamedPairValue(text: string, at: number, sink: Sink): void {
  VALUE_AFTER.lastIndex = at + 1;
  const named = VALUE_AFTER.exec(text);
  if (!named) return;
  const type = keyType(named[1] ?? named[2] ?? named[3] ?? '');
  if (type === undefined) return;
  // Just past the name's value, without its closing quote: the pattern reads the quote itself.
  const nameEnd = at + 1 + named[0].length - (named[3] !== undefined ? 0 : named[0].endsWith('\\"') ? 2 : 1);
  VALUE_KEY_NEXT.lastIndex = nameEnd;
  const next = VALUE_KEY_NEXT.exec(text);
  if (!next) return;
  const sep = nameEnd + next[0].length - 1;
  VALUE_AFTER.lastIndex = sep + 1;
  const v = VALUE_AFTER.exec(text);
  if (!v) return;
  const value = v[1] ?? v[2] ?? v[3] ?? '';
  const closing = v[3] !== undefined ? 0 : v[0].endsWith('\\"') ? 2 : 1;
  const start = sep + 1 + v[0].length - closing - value.length;
  const confidence = judgeKeyedValue(type, value);
  if (confidence > 0) sink.push(type, start, start + value.length, confidence, type === 'DATE' && DATE_LIKE_VALUE.test(value.trim()));
}

interface KeyInfo {
  type: PhiType | undefined;
  namePart: boolean;
  generic: boolean;
  naming: boolean;
}

// What a key says, worked out once per key: logs repeat the same keys on every line.
const keyInfos = new Map<string, KeyInfo>();
const KEY_INFO_MAX = 10_000;

function keyInfo(key: string): KeyInfo {
  let info = keyInfos.get(key);
  if (info === undefined) {
    info = { type: keyType(key), namePart: namePart(key) !== undefined, generic: isGenericNameKey(key), naming: NAMING.has(key.toLowerCase()) };
    if (keyInfos.size >= KEY_INFO_MAX) keyInfos.clear();
    keyInfos.set(key, info);
  }
  return info;
}

function detectKeyed(text: string, sink: Sink): void {
  KEY_SEPARATOR.lastIndex = 0;
  let sep: RegExpExecArray | null;
  while ((sep = KEY_SEPARATOR.exec(text)) !== null) {
    const at = sep.index;
    const key = keyBefore(text, at);
    if (key === undefined) continue;
    const info = keyInfo(key);
    if (info.naming) pushNamedPairValue(text, at, sink);
    let type = info.type;
    if (type === undefined && info.namePart && inPersonObject(text, text.lastIndexOf(key, at))) type = 'NAME';
    // Segment's context.device.id (and any "id" of a "device" object) names the patient's device.
    if (type === undefined && key === 'id' && parentKey(text, text.lastIndexOf(key, at)) === 'device') type = 'DEVICE';
    const generic = type === undefined && info.generic;
    if (type === undefined && !generic) continue;
    VALUE_AFTER.lastIndex = at + 1;
    const v = VALUE_AFTER.exec(text);
    if (!v) continue;
    const value = v[1] ?? v[2] ?? v[3] ?? '';
    // The value ends the match (bare) or sits just before its closing quote.
    const closing = v[3] !== undefined ? 0 : v[0].endsWith('\\"') ? 2 : 1;
    const start = at + 1 + v[0].length - closing - value.length;
    // A person key holding an id (`patient=60021443`) names the patient by their record number.
    if (type === 'NAME' && RECORD_ID_VALUE.test(value)) type = 'MRN';
    // A bare word after a role label in prose ("Patient: My SSN is", "Patient: hi this is") is
    // the sentence's first word, not the name a key announces.
    if (type === 'NAME' && v[3] !== undefined && (isCommonWord(value.replace(/['’].*$/, '')) || /^i['’]/i.test(value))) continue;
    const confidence = type ? judgeKeyedValue(type, value) : judgeGenericName(value);
    // A timestamp under `dob` or `admitted_at` is a person's date, not an operational one.
    const personDate = type === 'DATE' && isPersonDateValue(key, value);
    // A device key's value is the device's id even when it has the shape of a UUID (an exempt
    // operational shape elsewhere): the key says whose it is.
    if (confidence > 0) sink.push(type ?? 'NAME', start, start + value.length, confidence, personDate || type === 'DEVICE');
  }
}

export const keyed: Recognizer = { name: 'keyed', types: ['NAME', 'DATE', 'MRN', 'HEALTH_PLAN', 'SSN', 'ACCOUNT', 'LICENSE', 'VEHICLE', 'DEVICE', 'ADDRESS', 'ZIP', 'PHONE', 'FAX', 'EMAIL', 'AGE', 'IP'], minDigits: 0, detect: detectKeyed };
