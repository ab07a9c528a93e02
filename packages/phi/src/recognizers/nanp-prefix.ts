// Whether libphonenumber's verdict on a NANP number (+1 and ten digits) is fixed by its first six
// national digits (area code and exchange), so phone.ts may keep one verdict per prefix. Log
// numbers rarely repeat whole but share area codes and exchanges, and a libphonenumber check
// (~25 us) was a tenth of the detector's time on log text.
//
// Read from the metadata libphonenumber-js validates with, not assumed: every pattern of every
// +1 country (national number and number types) must be alternatives each ending in \d{k} with
// k >= 4 and free of look-arounds, so on ten digits only the first 10 - k <= 6 decide; every
// leading-digits rule (which picks the country) must read at most six digits. National numbers
// starting 0 or 1 are left out: only there could a national prefix ("1") be stripped. If the
// metadata ever breaks these rules, no prefix is shared and every number is checked whole.
import { createRequire } from 'node:module';

interface Metadata {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown[]>;
}

const require = createRequire(import.meta.url);
const PREFIX_DIGITS = 6;
const NATIONAL_DIGITS = 10;
const NANP_NUMBER = /^\+1[2-9]\d{9}$/;

/** Top-level alternatives of a pattern (a '|' outside groups and classes). */
function alternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  out.push(pattern.slice(from));
  return out;
}

const TRAILING_DIGITS = /\\d\{(\d+)\}$/;
const LOOKAROUND = /\(\?<?[=!]/;

function decidedByPrefix(pattern: unknown): boolean {
  if (typeof pattern !== 'string' || LOOKAROUND.test(pattern)) return false;
  return alternatives(pattern).every((alt) => Number(TRAILING_DIGITS.exec(alt)?.[1] ?? 0) >= NATIONAL_DIGITS - PREFIX_DIGITS);
}

// A leading-digits rule of digits and digit classes only ("268", "8001|8[024]9").
const ATOM = /\d|\[[\d-]+\]/g;
const PLAIN_LEADING_DIGITS = /^(?:\d|\[[\d-]+\]|\|)+$/;

function leadingDigitsShort(rule: unknown): boolean {
  if (rule === undefined || rule === 0 || rule === null) return true;
  if (typeof rule !== 'string' || !PLAIN_LEADING_DIGITS.test(rule)) return false;
  return rule.split('|').every((alt) => (alt.match(ATOM)?.length ?? 0) <= PREFIX_DIGITS);
}

/** The rules above, checked on libphonenumber-js's default (min) metadata and its array layout. */
export function nanpDecidedByPrefix(metadata: Metadata): boolean {
  const countries = metadata.country_calling_codes['1'];
  if (!countries || countries.length === 0) return false;
  return countries.every((code) => {
    const c = metadata.countries[code];
    if (!Array.isArray(c) || !decidedByPrefix(c[2]) || !leadingDigitsShort(c[10])) return false;
    const types = c[11];
    if (types === undefined || types === 0) return true;
    if (!Array.isArray(types)) return false;
    // An absent type is 0 or [""] (removed as a duplicate of fixed line); others hold their pattern first.
    return types.every((t) => t === 0 || (Array.isArray(t) && (t[0] === '' || decidedByPrefix(t[0]))));
  });
}

const SHARED = nanpDecidedByPrefix(require('libphonenumber-js/metadata.min.json') as Metadata);

/** The key under which `e164`'s verdict may be shared with numbers of its prefix, or undefined. */
export function nanpPrefixKey(e164: string): string | undefined {
  return SHARED && NANP_NUMBER.test(e164) ? e164.slice(0, 2 + PREFIX_DIGITS) : undefined;
}
