// JSON-aware scanning: a value is judged together with its key (`dob`, `mrn`, `patient_name`),
// and strings that hold JSON themselves (TaskRouter attributes) are parsed and walked.
import { DEFAULT_MIN_CONFIDENCE, detectPhi } from './engine.ts';
import { isPersonDateValue, judgeGenericName, judgeKeyedValue } from './recognizers/keyed.ts';
import { isGenericNameKey, isPersonParentKey, keyType, NAMING_KEYS, namePart } from './keys.ts';
import { operationalSpans } from './operational.ts';
import { applyHits, checkRedactOptions } from './redact.ts';
import type { JsonPhiHit, PhiHit, RedactOptions } from './types.ts';

const MAX_DEPTH = 64;
const IDENTIFIER_KEY = /^[A-Za-z_$][\w$]*$/;

function childPath(path: string, key: string): string {
  const part = IDENTIFIER_KEY.test(key) ? key : JSON.stringify(key);
  return path === '' ? part : `${path}.${part}`;
}

/** A string that is itself a JSON object or array, parsed; undefined otherwise. */
function parseNested(value: string): unknown {
  const t = value.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Where a value sits: its key, and whether that key is a part of a person's name because its
 * parent is person-ish (`patient.first`, `guarantor.given`) or its object holds both a given
 * and a family part (`{"first":"Ann","last":"Lee"}`).
 */
interface Place {
  key: string | undefined;
  personName: boolean;
}

const NO_PLACE: Place = { key: undefined, personName: false };

/** True when an object's keys hold both a given and a family name part. */
function hasNamePair(node: object): boolean {
  let given = false;
  let family = false;
  for (const k of Object.keys(node)) {
    const part = namePart(k);
    given ||= part === 'given';
    family ||= part === 'family';
  }
  return given && family;
}

/** The places of an object's children, the object itself sitting at `parent`. */
function childPlaces(parent: Place, node: object): (key: string) => Place {
  const personContext = (parent.key !== undefined && isPersonParentKey(parent.key)) || hasNamePair(node);
  const named = pairName(node);
  return (key) => (named !== undefined && key === 'value' ? { key: named, personName: false } : { key, personName: personContext && namePart(key) !== undefined });
}

// A name/value pair ({"key":"mrn","value":"0077..."}): the name is the value's key.

function pairName(node: object): string | undefined {
  if (!('value' in node)) return undefined;
  for (const k of NAMING_KEYS) {
    const name = (node as Record<string, unknown>)[k];
    if (typeof name === 'string' && keyType(name) !== undefined) return name;
  }
  return undefined;
}

/** A whole-value hit from the key alone (`"dob": "1975-03-14"`), or undefined. */
function keyedHit(place: Place, value: string): PhiHit | undefined {
  const { key } = place;
  if (key === undefined) return undefined;
  const type = keyType(key) ?? (place.personName ? 'NAME' : undefined);
  if (type) {
    const confidence = judgeKeyedValue(type, value);
    return confidence > 0 ? { type, start: 0, end: value.length, confidence } : undefined;
  }
  if (isGenericNameKey(key)) {
    const confidence = judgeGenericName(value);
    return confidence > 0 ? { type: 'NAME', start: 0, end: value.length, confidence } : undefined;
  }
  return undefined;
}

/** Hits in one scalar value, judged with its key. */
function scalarHits(place: Place, value: string, min: number): PhiHit[] {
  const hits = detectPhi(value, { minConfidence: min });
  const whole = keyedHit(place, value);
  if (!whole || whole.confidence < min) return hits;
  // A timestamp under `dob` or `admitted_at` is a person's date: the key beats the
  // ISO-timestamp exemption, and the whole value goes.
  if (whole.type === 'DATE' && place.key !== undefined && isPersonDateValue(place.key, value)) return [whole];
  // Hits from the text are kept as found; when the text alone found nothing, the key (the
  // strongest context there is) makes the whole value a hit, unless it is an operational token.
  if (hits.length === 0 && !isOperationalValue(value)) return [whole];
  return hits;
}

function isOperationalValue(value: string): boolean {
  const start = value.length - value.trimStart().length;
  const end = value.trimEnd().length;
  return operationalSpans(value).some((span) => span.start <= start && span.end >= end);
}

/** Every PHI hit in a JSON value: its path and type, never the value. */
export function scanJson(value: unknown, opts: { minConfidence?: number } = {}): JsonPhiHit[] {
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const out: JsonPhiHit[] = [];
  const walk = (node: unknown, path: string, place: Place, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (typeof node === 'string') {
      const nested = parseNested(node);
      if (nested !== undefined) return walk(nested, path, place, depth + 1);
      for (const hit of scalarHits(place, node, min)) out.push({ path, type: hit.type, confidence: hit.confidence });
    } else if (typeof node === 'number' || typeof node === 'bigint') {
      for (const hit of scalarHits(place, String(node), min)) out.push({ path, type: hit.type, confidence: hit.confidence });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`, place, depth + 1));
    } else if (node !== null && typeof node === 'object') {
      const placeOf = childPlaces(place, node);
      for (const [k, v] of Object.entries(node)) walk(v, childPath(path, k), placeOf(k), depth + 1);
    }
  };
  walk(value, '', NO_PLACE, 0);
  return out;
}

/** A redacted deep copy of a JSON value; nested JSON strings stay strings (re-serialised). */
export function redactJson<T>(value: T, opts: RedactOptions = {}): T {
  checkRedactOptions(opts);
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const walk = (node: unknown, place: Place, depth: number): unknown => {
    // Deeper than any real payload: fail closed rather than pass it through unread.
    if (depth > MAX_DEPTH) return '<REDACTED>';
    if (typeof node === 'string') {
      const nested = parseNested(node);
      if (nested !== undefined) return JSON.stringify(walk(nested, place, depth + 1));
      return applyHits(node, scalarHits(place, node, min), opts);
    }
    if (typeof node === 'number' || typeof node === 'bigint') {
      const text = String(node);
      const hits = scalarHits(place, text, min);
      return hits.length === 0 ? node : applyHits(text, hits, opts);
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, place, depth + 1));
    if (node !== null && typeof node === 'object') {
      const placeOf = childPlaces(place, node);
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) copy[k] = walk(v, placeOf(k), depth + 1);
      return copy;
    }
    return node;
  };
  return walk(value, NO_PLACE, 0) as T;
}
