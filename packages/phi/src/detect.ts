// Finds HIPAA Safe Harbor identifiers in a piece of text. Each detector is a precompiled
// regex plus a validator (check digit, format rule or context word); candidates touching an
// operational token (SID, UUID, timestamp, digest, version) are dropped, then overlapping
// candidates are resolved by confidence and length.
import { PhoneNumber, parsePhoneNumberFromString, type E164Number } from 'libphonenumber-js';
import { isGenericNameKey, isPersonDateKey, isPersonParentKey, keyType, namePart } from './keys.ts';
import { firstNameSet, isCommonWord, isNotName, isPlaceName, isSurnameLike, surnameSet } from './names.ts';
import { digitsOutside, operationalSpans, overlapsAny, type Span } from './operational.ts';
import type { PhiHit, PhiType } from './types.ts';
import { deaValid, luhnValid, mbiValid, npiValid, ssnValid, vinValid } from './validators.ts';

export interface DetectOptions {
  /** Drop hits below this confidence (default 0.5). */
  minConfidence?: number;
}

export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Collects the hits of one line: drops weak ones and any touching an operational token. */
class Sink {
  readonly hits: PhiHit[] = [];
  constructor(
    private readonly min: number,
    private readonly protectedSpans: readonly Span[],
  ) {}

  /** `overridesOperational`: a person's context (a `dob` key) beats the timestamp exemption. */
  push(type: PhiType, start: number, end: number, confidence: number, overridesOperational = false): void {
    if (end <= start || confidence < this.min) return;
    if (!overridesOperational && this.protectedSpans.length > 0 && overlapsAny(this.protectedSpans, start, end)) return;
    this.hits.push({ type, start, end, confidence });
  }
}

/** Lower-cased text just before `start`, for context words. */
function before(text: string, start: number, width: number): string {
  return text.slice(Math.max(0, start - width), start).toLowerCase();
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** Start and end of capture group 1 inside match `m` (the value after a context word). */
function groupSpan(m: RegExpExecArray): [number, number] {
  const value = m[1] as string;
  const start = m.index + m[0].length - value.length;
  return [start, start + value.length];
}

const HAS_DIGIT = /\d/;

// Letters beyond ASCII: García, Lefèvre, João, Yılmaz are names too. Latin-1 and Latin
// Extended-A spelled out (Extended-A mixes cases) because \p{Lu} classes are several times
// slower in V8 and this pattern runs on every line.
const UP = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017F';
const LO = 'a-zß-öø-ÿ\\u0100-\\u017F';

// ---- email, URL, IP --------------------------------------------------------------------

// Emails are found from each '@' outwards: a pattern starting with the local part's
// character class would be tried at every position of every word.
const EMAIL_LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/y;
const URL = /\b(?:https?:\/\/|www\.)[^\s"'<>`\\]+/gi;
const URL_TRAILING = /[.,;:!?)\]}]+$/;
// Paths without a host, as access logs and app logs print them ("GET /patients/884213/labs"):
// a URL of a person when a segment names a person's record and the next holds an id, or the
// query carries a person's field.
const RELATIVE_URL = /(?<![\w.:/~-])\/[A-Za-z][\w.~%/-]*(?:\?[^\s"'<>`\\]*)?/g;
const PERSON_PATH = /\/(?:patients?|members?|charts?|people|persons?|users?|residents?|clients?)\/[\w.-]*\d/i;
const PERSON_QUERY = /[?&](?:patient(?:_?id)?|name|first_?name|last_?name|dob|birth_?date|mrn|ssn|phone|email|member_?id)=[^&\s]/i;
const IPV4 =
  /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w]|\.\d)/g;
const IPV6 =
  /(?<![\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4})(?![\w:])/g;
/** A full IPv6 address needs seven colons, a compressed one "::"; most lines have neither. */
function mayHoldIpv6(text: string): boolean {
  if (text.includes('::')) return true;
  let chain = 0;
  let previous = -1;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    const gap = i - previous - 1;
    chain = previous >= 0 && gap >= 1 && gap <= 4 && isHexRun(text, previous + 1, i) ? chain + 1 : 1;
    if (chain >= 7) return true;
    previous = i;
  }
  return false;
}

function isHexRun(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
const CIDR_SUFFIX = /^\/\d{1,2}(?!\d)/;
const NON_PERSONAL_IP = new Set(['0.0.0.0', '127.0.0.1', '255.255.255.255']);
const VERSION_CONTEXT = /(?:version|ver\.?|\bv)\s*[:=]?\s*$/;

function detectNetwork(text: string, sink: Sink): void {
  for (let at = text.indexOf('@'); at > 0; at = text.indexOf('@', at + 1)) {
    EMAIL_DOMAIN.lastIndex = at;
    const domain = EMAIL_DOMAIN.exec(text);
    if (!domain) continue;
    let start = at;
    while (start > 0 && at - start < 64 && EMAIL_LOCAL_CHAR.test(text[start - 1] as string)) start--;
    if (start < at) sink.push('EMAIL', start, at + domain[0].length, 0.95);
  }
  if (text.includes('://') || text.includes('www.')) {
    for (const m of matches(URL, text)) {
      const value = m[0].replace(URL_TRAILING, '');
      sink.push('URL', m.index, m.index + value.length, 0.9);
    }
  }
  if (text.includes('/')) {
    for (const m of matches(RELATIVE_URL, text)) {
      const value = m[0].replace(URL_TRAILING, '');
      if (PERSON_PATH.test(value) || PERSON_QUERY.test(value)) sink.push('URL', m.index, m.index + value.length, 0.85);
    }
  }
  for (const m of matches(IPV4, text)) {
    if (NON_PERSONAL_IP.has(m[0]) || VERSION_CONTEXT.test(before(text, m.index, 12))) continue;
    // A CIDR block (54.172.60.0/23) is a network range, such as a vendor's allowlist.
    if (text.charCodeAt(m.index + m[0].length) === 47 && CIDR_SUFFIX.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) continue;
    sink.push('IP', m.index, m.index + m[0].length, 0.9);
  }
  if (mayHoldIpv6(text)) {
    for (const m of matches(IPV6, text)) sink.push('IP', m.index, m.index + m[0].length, 0.85);
  }
}

// ---- SSN, phone, fax ---------------------------------------------------------------------

const SSN = /(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-])/g;
const NINE_DIGITS = /(?<![\w.+-])\d{9}(?![\w.-])/g;
const SSN_CONTEXT = /\b(?:ssn|ss#|social security|social sec|soc sec)\b/;

function detectSsn(text: string, sink: Sink): void {
  for (const m of matches(SSN, text)) {
    if (!ssnValid(m[1] as string, m[3] as string, m[4] as string)) continue;
    const context = SSN_CONTEXT.test(before(text, m.index, 24));
    sink.push('SSN', m.index, m.index + m[0].length, context ? 0.97 : m[2] === '-' ? 0.9 : 0.7);
  }
  for (const m of matches(NINE_DIGITS, text)) {
    const d = m[0];
    if (!ssnValid(d.slice(0, 3), d.slice(3, 5), d.slice(5))) continue;
    if (SSN_CONTEXT.test(before(text, m.index, 24))) sink.push('SSN', m.index, m.index + 9, 0.9);
  }
}

// US forms with separators, E.164 and international "+" forms, and bare 10 digits (context only).
const PHONE_US = /(?<![\w+.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-]|\.\d)/g;
const PHONE_PLUS = /(?<![\w+])\+(?:\d[ .()-]{0,2}){7,14}\d(?![\w-])/g;
const PHONE_BARE = /(?<![\w.+-])1?\d{10}(?![\w.-])/g;
const PHONE_CONTEXT = /\b(?:phone|ph|tel|telephone|call|cell|mobile|text|sms|contact|number|fax|callback|from|to)\b/;
// "fax", also as a key part ("fax_number", "faxNo").
const FAX_CONTEXT = /\bfax(?![a-z])|\bfax(?:_|no\b|number\b)/;

/** `+` and digits: US numbers written nationally get +1; "+" forms keep their country code. */
function toE164(candidate: string): string {
  const digits = candidate.replace(NON_DIGITS, '');
  if (candidate.trimStart().startsWith('+')) return `+${digits}`;
  return digits.length === 10 ? `+1${digits}` : `+${digits}`;
}

// libphonenumber's PhoneNumber built from an E.164 string: the same
// validation as parsePhoneNumber without its text-parsing step (several times faster).
// The bare constructor is the fast path. Where one calling code serves several countries (+44:
// GB, GG, IM, JE) it rejects some valid numbers (+44 7911 123456), so a rejected non-NANP
// number gets a second opinion from the full parser, which picks the country.
function e164Valid(e164: string): boolean {
  try {
    if (new PhoneNumber(e164 as E164Number).isValid()) return true;
    return !e164.startsWith('+1') && (parsePhoneNumberFromString(e164)?.isValid() ?? false);
  } catch {
    return false;
  }
}

// NANP toll-free area codes (NANPA's fixed list): businesses own them, a patient's own line
// is never one. Checked by hand because the bundled metadata has no number types.
const TOLL_FREE = /^\+1(?:800|833|844|855|866|877|888)/;

const NON_DIGITS = /\D/g;

// Logs repeat the same numbers; a bounded memo keeps libphonenumber (~30us a call) off the hot path.
const phoneMemo = new Map<string, boolean>();
const PHONE_MEMO_MAX = 10_000;

function phoneValid(candidate: string): boolean {
  let valid = phoneMemo.get(candidate);
  if (valid === undefined) {
    const e164 = toE164(candidate);
    valid = e164Valid(e164) && !TOLL_FREE.test(e164);
    if (phoneMemo.size >= PHONE_MEMO_MAX) phoneMemo.clear();
    phoneMemo.set(candidate, valid);
  }
  return valid;
}

function phoneOrFax(text: string, start: number): PhiType {
  return FAX_CONTEXT.test(before(text, start, 20)) ? 'FAX' : 'PHONE';
}

function detectPhones(text: string, sink: Sink): void {
  for (const m of matches(PHONE_US, text)) {
    if (phoneValid(m[0])) sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, 0.9);
  }
  if (text.includes('+')) {
    for (const m of matches(PHONE_PLUS, text)) {
      if (phoneValid(m[0])) sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, 0.92);
    }
  }
  for (const m of matches(PHONE_BARE, text)) {
    if (!PHONE_CONTEXT.test(before(text, m.index, 20))) continue;
    if (phoneValid(m[0])) sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, 0.8);
  }
}

// ---- dates --------------------------------------------------------------------------------

const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const DATE_SLASH = /(?<![\w/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)/g;
// European dotted 14.03.1962 (four-digit year) and year-first 1962/03/14 or 1962.03.14. One
// scan, and only on lines with four digits then '.' or '/', or '.19xx'/'.20xx' (few log lines).
const DATE_DOTTED_OR_YMD =
  /(?<![\w/.-])(?:(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})|((?:19|20)\d{2})([/.])(\d{1,2})\5(\d{1,2}))(?![\w/-]|\.\d)/g;

const isDigitAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** A '.' or '/' with four digits before it or "19"/"20" after it; by hand, as a regex gate cost more than the scan it saves. */
function mayHoldDottedOrYmd(text: string): boolean {
  for (const sep of ['.', '/']) {
    for (let i = text.indexOf(sep, 4); i >= 0; i = text.indexOf(sep, i + 1)) {
      if (isDigitAt(text, i - 1) && isDigitAt(text, i - 2) && isDigitAt(text, i - 3) && isDigitAt(text, i - 4)) return true;
      if (sep === '.' && (text.startsWith('19', i + 1) || text.startsWith('20', i + 1))) return true;
    }
  }
  return false;
}
// Month and day without a year ("DOB 3/14", "born March 3"): still a date element under Safe
// Harbor, but only read as one right after a birth, admission, discharge or death word.
const DATE_MONTH_DAY = /(?<![\w/.-])(\d{1,2})\/(\d{1,2})(?![\w/-]|\.\d)/g;
const BIRTH_CONTEXT = /\b(?:dob|d\.o\.b|born|birth|birthday|birthdate|admit|admitted|admission|discharge|discharged|died|death|deceased)\b/;
const DATE_ISO = /(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/:-]|\.\d)/g;
const DATE_WORDS = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4})\\b`,
  'g',
);
// Words that tie a date to a person: birth, admission, discharge, death, service, visit.
const DATE_CONTEXT =
  /\b(?:dob|d\.o\.b|born|birth|birthday|birthdate|b-day|admit|admitted|admission|discharge|discharged|died|death|deceased|expired|dos|service|visit|seen|appointment|appt|scheduled|surgery|procedure|treated|injury|onset|reminder|biopsy|results|cita|consulta)\b/;
// A calendar date a person keeps: after a weekday ("Friday 3/22", "Tuesday, March 19") or
// before a time of day ("3/14 at 2pm", "Apr 2 at 7:30am"). Appointment dates are PHI.
const WEEKDAY_BEFORE = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+$/;
const TIME_AFTER = /^,?\s+(?:at|@|a las|às)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|h\b)?/i;

function eventDate(text: string, start: number, end: number): boolean {
  return WEEKDAY_BEFORE.test(before(text, start, 12)) || TIME_AFTER.test(text.slice(end, end + 16));
}

const DATE_WORDS_NO_YEAR = new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?!,?\\s+\\d)`, 'g');

function validDayMonth(a: number, b: number): boolean {
  // US month/day first, but day/month when the first part cannot be a month.
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}

function dateContext(text: string, start: number): boolean {
  return DATE_CONTEXT.test(before(text, start, 40));
}

// A timestamp right after a birth, admission, discharge or death word is that person's date:
// it beats the operational-timestamp exemption ("admitted at 2024-01-05T10:00:00Z").
const PERSON_EVENT_GATE = /dob|birth|born|admi|discharg|died|death|deceased/i;
const PERSON_TIMESTAMP =
  /\b(?:dob|d\.o\.b\.?|born(?:\s+on)?|birth\s*date|date\s+of\s+birth|birthday|admitted(?:\s+(?:at|on))?|admission(?:\s+(?:date|time))?|admit(?:\s+(?:date|time))?|discharged(?:\s+(?:at|on))?|discharge(?:\s+(?:date|time))?|died(?:\s+(?:at|on))?|deceased|date\s+of\s+death)["']?\s*[:=-]?\s*["']?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)/gi;
// A birth year alone is no identifier, except when it tells an age over 89 (Safe Harbor
// aggregates those): "born 1931", "year of birth: 1930".
const BIRTH_YEAR = /\b(?:born(?:\s+in)?|birth\s*year|year\s+of\s+birth|yob|dob)["']?\s*[:=]?\s*["']?((?:18|19|20)\d{2})(?![\w/.-])/gi;
const OLDEST_UNLISTED_BIRTH_YEAR = new Date().getUTCFullYear() - 90;

function detectPersonDates(text: string, sink: Sink): void {
  if (!PERSON_EVENT_GATE.test(text)) return;
  for (const m of matches(PERSON_TIMESTAMP, text)) {
    const [start, end] = groupSpan(m);
    sink.push('DATE', start, end, 0.92, true);
  }
  for (const m of matches(BIRTH_YEAR, text)) {
    if (Number(m[1]) > OLDEST_UNLISTED_BIRTH_YEAR) continue;
    const [start, end] = groupSpan(m);
    sink.push('DATE', start, end, 0.85);
  }
}

// ---- ages over 89 ---------------------------------------------------------------------------

// Not "aged 90 days" (receivables ageing) nor "age: 100%".
const AGE_BEFORE =
  /\b(?:age|aged|ages|edad)\s*(?:is\s+|of\s+)?[:=]?\s*(\d{2,3})(?![\w.%]|\.\d|\s*(?:%|days?\b|d\b|hrs?\b|hours?\b|min|ms\b|s\b|sec|weeks?\b|months?\b))/gi;
// "93 y/o", "93yo", "93-year-old", "93 years old" ("93 years" alone may be a duration).
const AGE_AFTER = /(?<![\w.-])(\d{2,3})(?:\s*(?:y\/o|y\.o\.?|yo)|[\s-]*(?:years?|yrs?)[\s-]*old)(?![\w/])/gi;

function detectAges(text: string, sink: Sink): void {
  for (const re of [AGE_BEFORE, AGE_AFTER]) {
    for (const m of matches(re, text)) {
      const age = Number(m[1]);
      if (age < 90 || age > 130) continue;
      // "age 93" redacts the number; "93-year-old" the whole phrase, which spells the age.
      const start = re === AGE_BEFORE ? groupSpan(m)[0] : m.index;
      const end = re === AGE_BEFORE ? groupSpan(m)[1] : m.index + m[0].length;
      sink.push('AGE', start, end, 0.9);
    }
  }
}

function detectDates(text: string, sink: Sink): void {
  for (const m of matches(DATE_SLASH, text)) {
    if (!validDayMonth(Number(m[1]), Number(m[3]))) continue;
    // A dash form with a two-digit year (12-05-24) reads as a code unless a context word says otherwise.
    const weak = m[2] === '-' && (m[4] as string).length === 2;
    const ctx = dateContext(text, m.index);
    if (weak && !ctx) continue;
    sink.push('DATE', m.index, m.index + m[0].length, ctx ? 0.95 : 0.6);
  }
  if (mayHoldDottedOrYmd(text)) {
    for (const m of matches(DATE_DOTTED_OR_YMD, text)) {
      const end = m.index + m[0].length;
      if (m[1] !== undefined) {
        if (validDayMonth(Number(m[1]), Number(m[2]))) sink.push('DATE', m.index, end, dateContext(text, m.index) ? 0.95 : 0.6);
      } else if (Number(m[6]) <= 12 && validDayMonth(Number(m[6]), Number(m[7]))) {
        // Like ISO dates: "2024/03/14 17:02:11" opens nginx error lines; context decides.
        if (dateContext(text, m.index)) sink.push('DATE', m.index, end, 0.92);
      }
    }
  }
  for (const m of matches(DATE_ISO, text)) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) continue;
    // A bare ISO date in a log is usually a build or API date; only context makes it a person's.
    if (dateContext(text, m.index)) sink.push('DATE', m.index, m.index + m[0].length, 0.92);
  }
  if (/[A-Z][a-z]/.test(text)) {
    for (const m of matches(DATE_WORDS, text)) {
      sink.push('DATE', m.index, m.index + m[0].length, dateContext(text, m.index) ? 0.95 : 0.65);
    }
    for (const m of matches(DATE_WORDS_NO_YEAR, text)) {
      const end = m.index + m[0].length;
      if (BIRTH_CONTEXT.test(before(text, m.index, 24)) || dateContext(text, m.index) || eventDate(text, m.index, end)) {
        sink.push('DATE', m.index, end, 0.85);
      }
    }
  }
  for (const m of matches(DATE_MONTH_DAY, text)) {
    if (!validDayMonth(Number(m[1]), Number(m[2]))) continue;
    const end = m.index + m[0].length;
    if (BIRTH_CONTEXT.test(before(text, m.index, 24)) || dateContext(text, m.index) || eventDate(text, m.index, end)) {
      sink.push('DATE', m.index, end, 0.85);
    }
  }
}

// ---- addresses and ZIP codes --------------------------------------------------------------

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const STREET_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Row|Alley|Plaza|Broadway';
const STREET = new RegExp(
  `\\b\\d{1,6}(?:-\\d{1,4})?\\s+(?:[NSEW]\\.?\\s+)?(?:(?:[A-Z][A-Za-z'.-]*|\\d+(?:st|nd|rd|th))\\s+){1,4}(?:${STREET_SUFFIX})\\b\\.?` +
    `(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?[A-Za-z0-9-]+)?`,
  'g',
);
// Cheap gate before the street pattern: a street suffix word somewhere in the text.
const STREET_WORD = new RegExp(`\\b(?:${STREET_SUFFIX})\\b`);
// ", Springfield, IL" after a street line: the city is a geographic subdivision too.
const CITY_STATE = new RegExp(`^,?\\s+[A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2},?\\s+(?:${STATES})\\b`);
const BOX_WORD = /box/i;
const PO_BOX = /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi;
const ZIP = /(?<![\w.-])\d{5}(?:-\d{4})?(?![\w-]|\.\d)/g;
// "IL 60614", "IL, 60614" and CSV "CA,94103".
const STATE_BEFORE = new RegExp(`\\b(?:${STATES})\\.?(?:,\\s{0,3}|\\s{1,3})$`);
// German-style street lines put the number after the name: "Hauptstraße 12".
const STREET_NUMBER_AFTER = /(?<![\p{L}])\p{Lu}\p{Ll}*(?:straße|strasse)\s+\d{1,4}[a-z]?\b/gu;
// A ZIP right after a street line, with or without a city in between ("Apt 4B, 60614").
const ZIP_AFTER_STREET = /^"?[,;]?\s*(?:\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2}[,;]\s*)?(\d{5}(?:-\d{4})?)(?![\w-]|\.\d)/u;
const ZIP_CONTEXT = /\b(?:zip|zipcode|zip code|postal|postcode)\b/;

// A city with its state ("Springfield, IL", "in Dayton, Ohio") is a geographic subdivision
// smaller than a state. Upper-case two-letter codes only, so "us-east-1" and "Region: US" stay.
const STATE_NAMES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico';
const STATE_AFTER_COMMA = new RegExp(`,[ \\t]*(?:(?:${STATES})(?![\\w-])|(?:${STATE_NAMES})\\b)`);
const CITY_THEN_STATE = new RegExp(
  `(?<![${UP}${LO}0-9_.-])((?:St\\.\\s|Ft\\.\\s)?[${UP}][${LO}]+(?:[ -][${UP}][${LO}]+){0,2}),[ \\t]*(?:(${STATES})(?![\\w-])|(${STATE_NAMES})\\b)`,
  'g',
);
// Two-letter codes that are also English words or log abbreviations ("Thanks, OK").
const AMBIGUOUS_STATE_CODES = new Set(['OK', 'IN', 'OR', 'ME', 'HI', 'ID', 'DE', 'PA', 'AL', 'CO', 'LA', 'OH', 'MS', 'MD', 'DC', 'PR', 'MA', 'NE', 'SD']);
const PLACE_BEFORE = /\b(?:in|from|near|to|of|at|lives|living|resides|residing|moved|located|based|city|town|hometown)[\s:]+$/i;

function detectCities(text: string, sink: Sink): void {
  if (!text.includes(',') || !STATE_AFTER_COMMA.test(text)) return;
  for (const m of matches(CITY_THEN_STATE, text)) {
    const city = m[1] as string;
    const place = PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index));
    const firstWord = city.split(/[ -]/)[0] as string;
    const plain = !isCommonWord(firstWord) && !isNotName(firstWord);
    // A state code after a common word ("Thanks, OK", "Status, IN") needs a place word before it.
    const ok = m[2] !== undefined ? place || (!AMBIGUOUS_STATE_CODES.has(m[2]) && (plain || isCommonWord(firstWord) || isPlaceName(firstWord)) && !(isNotName(firstWord) && !isPlaceName(firstWord))) : place;
    // With a place word before it the city outranks a name read of the same word ("from Dayton, Ohio").
    if (ok) sink.push('ADDRESS', m.index, m.index + m[0].length, place ? 0.9 : 0.85);
  }
}

function detectAddresses(text: string, sink: Sink): void {
  const streets = STREET_WORD.test(text) ? matches(STREET, text) : [];
  const streetEnds: number[] = [];
  for (const m of streets) {
    let end = m.index + m[0].length;
    const rest = CITY_STATE.exec(text.slice(end, end + 60));
    if (rest) end += rest[0].length;
    sink.push('ADDRESS', m.index, end, 0.9);
    streetEnds.push(end);
  }
  if (text.includes('stra')) {
    for (const m of matches(STREET_NUMBER_AFTER, text)) {
      sink.push('ADDRESS', m.index, m.index + m[0].length, 0.85);
      streetEnds.push(m.index + m[0].length);
    }
  }
  for (const end of streetEnds) {
    const z = ZIP_AFTER_STREET.exec(text.slice(end, end + 48));
    if (z) {
      const start = end + z[0].length - (z[1] as string).length;
      sink.push('ZIP', start, end + z[0].length, 0.9);
    }
  }
  if (BOX_WORD.test(text)) {
    for (const m of matches(PO_BOX, text)) sink.push('ADDRESS', m.index, m.index + m[0].length, 0.9);
  }
  for (const m of matches(ZIP, text)) {
    const prefix = text.slice(Math.max(0, m.index - 8), m.index);
    if (STATE_BEFORE.test(prefix)) sink.push('ZIP', m.index, m.index + m[0].length, 0.9);
    else if (ZIP_CONTEXT.test(before(text, m.index, 16))) sink.push('ZIP', m.index, m.index + m[0].length, 0.9);
  }
}

// ---- identifiers announced by a context word ----------------------------------------------

interface ContextRule {
  type: PhiType;
  re: RegExp;
  confidence: number;
}

const ID = '((?=[A-Z-]*\\d)[A-Z0-9][A-Z0-9-]{3,24})\\b';
// "MRN-00917734" and "ACCT-0098812345" glue the context word to the value with a dash.
const SEP = '\\s*(?:number|num|no\\.?|#|id)?\\s*(?:is\\s+|was\\s+)?[:#=-]?\\s*#?\\s*';
const CONTEXT_RULES: readonly ContextRule[] = [
  { type: 'MRN', re: new RegExp(`\\b(?:MRN|MR#|medical record|chart|patient(?:\\s+id|\\s+#)|pt\\s+id)${SEP}${ID}`, 'gi'), confidence: 0.95 },
  { type: 'HEALTH_PLAN', re: new RegExp(`\\b(?:member|subscriber|policy|insurance|medicaid|medicare|beneficiary|health plan|plan|MBI|HICN)${SEP}${ID}`, 'gi'), confidence: 0.9 },
  { type: 'ACCOUNT', re: new RegExp(`\\b(?:account|acct|a/c|billing)${SEP}(\\d[\\d-]{5,19})\\b`, 'gi'), confidence: 0.88 },
  { type: 'LICENSE', re: new RegExp(`\\b(?:driver'?s?\\s+licen[cs]e|C?DL|licen[cs]e|lic\\.?|certificate|cert\\.?|permit)(?!\\s+plate)${SEP}${ID}`, 'gi'), confidence: 0.9 },
  { type: 'VEHICLE', re: new RegExp(`\\b(?:licen[cs]e plate|plate|tag)${SEP}([A-Z0-9][A-Z0-9-]{1,7})\\b`, 'gi'), confidence: 0.9 },
  { type: 'DEVICE', re: new RegExp(`\\b(?:serial|S/N|SN|device(?:\\s+serial)?|IMEI|MEID|UDI|implant)${SEP}([A-Z0-9][A-Z0-9:-]{4,39})\\b`, 'gi'), confidence: 0.9 },
];

const NPI = /\bNPI\b\s*(?:number|no\.?|#)?\s*[:#=]?\s*#?\s*(\d{10})\b/gi;
// DEA (9), MBI (11, or 13 with dashes) and VIN (17) share one scan for upper-case/digit
// tokens; the length picks the validator.
const ID_TOKEN = /\b[A-Z0-9][A-Z0-9-]{8,16}\b/g;
const DEA_CONTEXT = /\bdea\b/;
// A FHIR reference ("Patient/884213") names one patient's record.
const FHIR_PATIENT = /\bPatient\/([A-Za-z0-9.-]{1,64})\b/g;
const CARD = /(?<![\w-])(?:\d{4}[ -]\d{6}[ -]\d{5}|(?:\d{4}[ -]){3}\d{1,7}|\d{13,19})(?![\w-])/g;
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5))/;

// One scan for any of the context words above; most log lines have none and skip every rule.
const ANY_ID_CONTEXT =
  /\b(?:mrn|mr#|medical|chart|patient|pt|member|subscriber|policy|insurance|medicaid|medicare|beneficiary|health|group|plan|mbi|hicn|account|acct|a\/c|billing|driver|c?dl|licen[cs]e|lic|certificate|cert|permit|plate|tag|serial|s\/n|sn|device|imei|meid|udi|implant|npi)\b/i;

function detectIdentifiers(text: string, sink: Sink): void {
  const rules = ANY_ID_CONTEXT.test(text) ? CONTEXT_RULES : [];
  for (const rule of rules) {
    for (const m of matches(rule.re, text)) {
      if (!HAS_DIGIT.test(m[1] as string)) {
        // "insurance member ID 123": the first context word swallowed the second; retry after it.
        rule.re.lastIndex = m.index + 1;
        continue;
      }
      const [start, end] = groupSpan(m);
      sink.push(rule.type, start, end, rule.confidence);
    }
  }
  if (rules.length > 0) {
    for (const m of matches(NPI, text)) {
      const [start, end] = groupSpan(m);
      // A failed check digit is a typo or not an NPI: below the default threshold.
      sink.push('LICENSE', start, end, npiValid(m[1] as string) ? 0.97 : 0.45);
    }
  }
  for (const m of matches(ID_TOKEN, text)) {
    const token = m[0];
    const end = m.index + token.length;
    if (token.length === 9 && deaValid(token)) {
      sink.push('LICENSE', m.index, end, DEA_CONTEXT.test(before(text, m.index, 16)) ? 0.97 : 0.85);
    } else if ((token.length === 11 || token.length === 13) && mbiValid(token)) {
      sink.push('HEALTH_PLAN', m.index, end, 0.92);
    } else if (token.length === 17 && vinValid(token)) {
      sink.push('VEHICLE', m.index, end, 0.93);
    }
  }
  if (text.includes('Patient/')) {
    for (const m of matches(FHIR_PATIENT, text)) {
      const [start, end] = groupSpan(m);
      sink.push('MRN', start, end, 0.85);
    }
  }
  for (const m of matches(CARD, text)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !CARD_PREFIX.test(digits) || !luhnValid(digits)) continue;
    sink.push('ACCOUNT', m.index, m.index + m[0].length, 0.9);
  }
}

// ---- key=value and "key": "value" pairs ----------------------------------------------------

// Found from each ':' or '=' outwards (a pattern starting at the key would be tried at
// every word): the key is read backwards, the value (quoted, escaped-quoted or bare) forwards.
const VALUE_AFTER = /\s*(?:\\?"([^"\\]*)\\?"|'([^']*)'|([^\s,;&}\]"'\\]+))/y;
const KEY_SEPARATOR = /[:=]/g;

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
      return /^\d{5}(?:-\d{4})?$/.test(v) ? 0.95 : 0;
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
export function judgeGenericName(value: string): number {
  const words = value.trim().split(/\s+/);
  if (words.length < 2 || words.length > 3) return 0;
  if (!words.every((w) => /^[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?$/.test(w) && !isNotName(w))) return 0;
  return firstNameSet().has(words[0] as string) ? 0.8 : 0;
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

function detectKeyed(text: string, sink: Sink): void {
  KEY_SEPARATOR.lastIndex = 0;
  let sep: RegExpExecArray | null;
  while ((sep = KEY_SEPARATOR.exec(text)) !== null) {
    const at = sep.index;
    const key = keyBefore(text, at);
    if (key === undefined) continue;
    let type = keyType(key);
    if (type === undefined && namePart(key) !== undefined && inPersonObject(text, text.lastIndexOf(key, at))) type = 'NAME';
    const generic = type === undefined && isGenericNameKey(key);
    if (type === undefined && !generic) continue;
    VALUE_AFTER.lastIndex = at + 1;
    const v = VALUE_AFTER.exec(text);
    if (!v) continue;
    const value = v[1] ?? v[2] ?? v[3] ?? '';
    // The value ends the match (bare) or sits just before its closing quote.
    const closing = v[3] !== undefined ? 0 : v[0].endsWith('\\"') ? 2 : 1;
    const start = at + 1 + v[0].length - closing - value.length;
    const confidence = type ? judgeKeyedValue(type, value) : judgeGenericName(value);
    // A timestamp under `dob` or `admitted_at` is a person's date, not an operational one.
    const personDate = type === 'DATE' && isPersonDateValue(key, value);
    if (confidence > 0) sink.push(type ?? 'NAME', start, start + value.length, confidence, personDate);
  }
}

// ---- names --------------------------------------------------------------------------------

const WORD = `[${UP}](?:[${LO}]+(?:['-]?[${UP}][${LO}]+)?|'[${UP}][${LO}]+(?:-[${UP}][${LO}]+)?)`;
const NAME_SEQ = new RegExp(`\\b${WORD}(?:\\s+(?:[${UP}]\\.\\s+)?${WORD}){0,3}(?![${UP}${LO}0-9_])`, 'g');
// \b treats "í" as a non-word character; a run starting right after a letter is mid-word.
const LATIN_LETTER = new RegExp(`[${UP}${LO}]`);
// English, Spanish and Portuguese titles (Dra. García, Sra. Ruiz).
const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Dra', 'Sr', 'Sra', 'Srta']);
// Strong context says a person follows ("patient", "Dear", "caller"): an unknown word there
// is still a name. Weak context ("from", "by", "hi") only backs a word found in the name lists.
const STRONG_WORDS = new Set(['Patient', 'Pt', 'Caller', 'Member', 'Dear', 'Resident', 'Guardian', 'Attn', 'Name', 'Spouse', 'Mother', 'Father', 'Son', 'Daughter', 'Customer', 'Child']);
const WEAK_WORDS = new Set(['Hi', 'Hello', 'Hey', 'Contact', 'Client', 'Hola', 'Olá', 'Bonjour', 'Hallo']);
const TITLE_BEFORE = /\b(?:mr|mrs|ms|miss|mx|dr|dra|sr|sra|srta|prof)\.?\s*$/;
// "name" as a word or a key's last part (patient_name), not inside appName/baseName: those
// keys hold product and theme names.
const STRONG_BEFORE =
  /(?:patient|\bpt|(?<![a-z])name|caller|member|customer|\bchild|\bdear|resident|guardian|mother|father|spouse|wife|husband|\bson|daughter|\battn|named|\bmom|\bdad)[\s:=,"'#.-]*$/;
const WEAK_BEFORE = /(?:\bhi|\bhello|\bhey|\bhola|this is|\bi'?m|\bi am|regarding|contact|signed|\bby|\bfrom|\bfor|nurse|provider|physician|\bwith)[\s:=,"'#.-]*$/;

const ORGANISATION_WORDS = new Set(['Clinic', 'Hospital', 'Medical', 'Health', 'Pharmacy', 'Center', 'Labs', 'Lab', 'Care', 'Team', 'Support', 'Office']);

const NO_CONTEXT = 0;
const WEAK = 1;
const STRONG = 2;

const DIACRITICS = /\p{M}/gu;
const NON_ASCII = /[^\p{ASCII}]/u;

/** "García" -> "Garcia": the name lists are ASCII. */
function foldAccents(word: string): string {
  return word.normalize('NFD').replace(DIACRITICS, '');
}

/** In a name list, also for "Mary-Kate" (first part), "O'Brien" (as Obrien) and "José" (as Jose). */
function inList(list: Set<string>, word: string): boolean {
  if (list.has(word)) return true;
  if (NON_ASCII.test(word)) {
    const folded = foldAccents(word);
    if (folded !== word && list.has(folded)) return true;
  }
  const dash = word.indexOf('-');
  if (dash > 0 && (list.has(word.slice(0, dash)) || inList(list, word.slice(dash + 1)))) return true;
  const quote = word.indexOf("'");
  return quote > 0 && list.has(word[0] + word.slice(quote + 1).toLowerCase());
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function titleCase(word: string): string {
  return word[0] + word.slice(1).toLowerCase();
}

// "Lopez, Maria" and "LOPEZ, MARIA": surname first, as charts and rosters write it; both
// halves in the same case ("Toyota, VIN" is not a name). A CSV row ("Maria,Nguyen") may also
// hold the given name first.
const SURNAME_FIRST = new RegExp(
  `(?<![${UP}${LO}0-9_])([${UP}][${LO}]+(?:['-][${UP}][${LO}]+)?|[${UP}]{2,}(?:['-][${UP}]+)?),([ \\t]*)([${UP}][${LO}]+|[${UP}]{2,})(?![${UP}${LO}0-9_])`,
  'g',
);
const LOWER_LETTER = /[a-zß-öø-ÿ]/;

function detectSurnameFirst(text: string, sink: Sink): void {
  if (!text.includes(',')) return;
  const first = firstNameSet();
  const surnames = surnameSet();
  for (const m of matches(SURNAME_FIRST, text)) {
    const rawLast = m[1] as string;
    const rawGiven = m[3] as string;
    if (LOWER_LETTER.test(rawLast) !== LOWER_LETTER.test(rawGiven)) continue;
    const last = titleCase(rawLast);
    const given = titleCase(rawGiven);
    if (isNotName(last) || isNotName(given)) continue;
    const end = m.index + m[0].length;
    if (inList(surnames, last) && (inList(first, given) || inList(surnames, given))) {
      const strong = STRONG_BEFORE.test(before(text, m.index, 28));
      // Without context both halves must be in the lists and the given name a curated first name.
      if (strong || inList(first, given)) {
        sink.push('NAME', m.index, end, strong ? 0.9 : 0.75);
        continue;
      }
    }
    // A quoted cell holding exactly "Okafor, Chinedu": both halves listed, neither common English.
    const quoted = text[m.index - 1] === '"' && text[end] === '"';
    if (quoted && inList(surnames, last) && inList(surnames, given) && !isCommonWord(last) && !isCommonWord(given)) {
      sink.push('NAME', m.index, end, 0.7);
      continue;
    }
    // "Maria,Nguyen": adjacent CSV cells, a curated first name then a listed, uncommon surname.
    if ((m[2] as string).length === 0 && inList(first, last) && inList(surnames, given) && !isCommonWord(given)) {
      sink.push('NAME', m.index, end, 0.7);
    }
  }
}

// Lower-case names in chat and SMS ("this is kwame", "patient josé garcía says"): only after a
// word that announces a person, and only words from the name lists that are not common words.
const LOWER_NAME_DASH =
  /\s[-–—]\s*(?!(?:patient|pt|this|name|i|hi|hello|hey|dear|hola)\b)([a-zß-öø-ÿ][a-zß-öø-ÿ'-]+(?:\s+[a-zß-öø-ÿ][a-zß-öø-ÿ'-]+){0,2})/g;
const LOWER_NAME =
  /\b(?:patient|pt|this is|name is|i'?m|i am|hi|hello|hey|dear|hola|(?:dr|dra|mrs?|ms|mx|prof|sra?)\.?)[\s:,]+(?!(?:patient|pt|this|name|i|hi|hello|hey|dear|hola)\b)([a-zß-öø-ÿ][a-zß-öø-ÿ'-]+(?:\s+[a-zß-öø-ÿ][a-zß-öø-ÿ'-]+){0,2})/g;
const LOWER_TITLE = /^(?:dr|dra|mrs?|ms|mx|prof|sra?)\b/;

/** A lower-case word from the name lists; "o'brien-lopez" counts when one of its parts does. */
function listedLower(raw: string, first: Set<string>, surnames: Set<string>): { listed: boolean; curated: boolean } {
  const word = capitalise(raw);
  const curated = inList(first, word);
  if (curated || (inList(surnames, word) && !isCommonWord(foldAccents(raw)))) return { listed: true, curated };
  if (!raw.includes('-') && !raw.includes("'")) return { listed: false, curated: false };
  const parts = raw.split(/['-]/).filter((p) => p.length >= 3);
  const listed = parts.length > 0 && parts.some((p) => inList(first, capitalise(p)) || (inList(surnames, capitalise(p)) && !isCommonWord(p)));
  return { listed, curated: false };
}

function detectLowerCaseNames(text: string, sink: Sink): void {
  const first = firstNameSet();
  const surnames = surnameSet();
  const dashed = text.includes(' - ') || text.includes(' – ') || text.includes(' — ');
  const candidates = dashed ? [...matches(LOWER_NAME, text), ...matches(LOWER_NAME_DASH, text)] : matches(LOWER_NAME, text);
  for (const m of candidates) {
    const group = m[1] as string;
    const [start] = groupSpan(m);
    const dash = !/^\s*[a-z]/.test(m[0]);
    // After a title ("seen by dr. yuki tanaka") any word that is not common English is a name.
    const titled = !dash && LOWER_TITLE.test(m[0]);
    let end = start;
    let count = 0;
    let curatedHead = false;
    let anyListed = false;
    for (const wm of group.matchAll(/\S+/g)) {
      const word = capitalise(wm[0]);
      // A curated first name ("maria") counts even when it is also an English word; a word only
      // in the noisy surname list must not be common English ("says", "fine").
      const { listed, curated } = listedLower(wm[0], first, surnames);
      const unlisted = titled && wm[0].length >= 2 && !isCommonWord(foldAccents(wm[0]));
      if ((!listed && !unlisted) || isNotName(word)) break;
      anyListed ||= listed;
      if (count === 0) curatedHead = curated;
      count++;
      end = start + (wm.index ?? 0) + wm[0].length;
    }
    // After a title one word of the run must still be a listed name ("ms. excel sheet" is not one).
    if (count === 0 || (titled && !anyListed)) continue;
    // After a dash ("see u thurs - rosa") only a curated first name counts.
    if (dash && !curatedHead) continue;
    sink.push('NAME', start, end, titled ? 0.85 : curatedHead || count >= 2 ? 0.75 : 0.6);
  }
}

// A message that opens by addressing someone: "Fatima your appointment...", "Giulia: the clinic...".
const VOCATIVE = /^\s*(\p{Lu}\p{Ll}+)(?:([,:])?\s+(?=your\b)|([,:])\s)/u;

function detectVocative(text: string, sink: Sink): void {
  const m = VOCATIVE.exec(text);
  if (!m) return;
  const word = m[1] as string;
  if (isNotName(word) || isCommonWord(word)) return;
  const start = m.index + m[0].indexOf(word);
  // Before ", " or ":" only a curated first name; before "your" a listed name will do.
  const ok = inList(firstNameSet(), word) || (m[3] === undefined && inList(surnameSet(), word));
  if (ok) sink.push('NAME', start, start + word.length, 0.7);
}

/** A given name beyond doubt: in the curated list, or a listed name ("Deshawn") that is not common English. */
function clearGivenName(word: string, first: Set<string>, surnames: Set<string>): boolean {
  if (isNotName(word)) return false;
  const folded = titleCase(word);
  return inList(first, word) || inList(first, folded) || (inList(surnames, folded) && !isCommonWord(word));
}

function plausibleNameWords(words: readonly { w: string }[]): boolean {
  for (const { w } of words) {
    if ((w.length < 2 && !w.endsWith('.')) || isNotName(w)) return false;
  }
  return true;
}

function detectNames(text: string, sink: Sink): void {
  detectSurnameFirst(text, sink);
  detectLowerCaseNames(text, sink);
  detectVocative(text, sink);
  const first = firstNameSet();
  for (const m of matches(NAME_SEQ, text)) {
    if (m.index > 0 && LATIN_LETTER.test(text[m.index - 1] as string)) continue;
    const words: { w: string; at: number }[] = [];
    const wordRe = /\S+/g;
    let wm: RegExpExecArray | null;
    while ((wm = wordRe.exec(m[0])) !== null) words.push({ w: wm[0], at: m.index + wm.index });
    let titled = false;
    let context = NO_CONTEXT;
    // Leading titles and context words inside the capitalised run are context, not name.
    while (words.length > 0) {
      const w = (words[0] as { w: string }).w;
      if (TITLES.has(w)) titled = true;
      else if (STRONG_WORDS.has(w)) context = STRONG;
      else if (WEAK_WORDS.has(w)) context = Math.max(context, WEAK);
      else if (!isNotName(w)) break;
      words.shift();
    }
    if (words.length === 0) continue;
    if (!titled && context === NO_CONTEXT) {
      const prefix = before(text, (words[0] as { at: number }).at, 28);
      titled = TITLE_BEFORE.test(prefix);
      context = STRONG_BEFORE.test(prefix) ? STRONG : WEAK_BEFORE.test(prefix) ? WEAK : NO_CONTEXT;
    }
    const surnames = surnameSet();
    // "Patient: DeShawn Washington": after a clear given name and a title or strong context, a
    // surname that is also a place or a word is still the surname.
    const placeSurname =
      words.length >= 2 && (titled || context === STRONG) && isSurnameLike((words[words.length - 1] as { w: string }).w) &&
      clearGivenName((words[0] as { w: string }).w, first, surnames);
    let organisation = false;
    while (!placeSurname && words.length > 0 && isNotName((words[words.length - 1] as { w: string }).w)) {
      organisation ||= ORGANISATION_WORDS.has((words.pop() as { w: string }).w);
    }
    // "Riverside Clinic", "Mercy Hospital": a place named like a person is still a place.
    if (words.length === 0 || organisation) continue;
    const head = words[0] as { w: string; at: number };
    const tail = words[words.length - 1] as { w: string; at: number };
    if (!plausibleNameWords(placeSurname ? words.slice(0, -1) : words)) continue;
    const start = head.at;
    const end = tail.at + tail.w.length;
    const known = placeSurname || inList(first, head.w) || inList(surnames, head.w) || inList(surnames, tail.w);
    if (titled) sink.push('NAME', start, end, 0.95);
    else if (context !== NO_CONTEXT && known) sink.push('NAME', start, end, 0.9);
    // An unknown single word after "name"/"patient" is a name unless it is common English ("If").
    else if (context === STRONG && (words.length > 1 || !isCommonWord(head.w))) sink.push('NAME', start, end, 0.6);
    else if (words.length >= 2 && inList(surnames, tail.w)) {
      // No context: two or more capitalised words, the last a known surname and the first a
      // known first name (curated list: 0.8) or at least a known name (noisy list: 0.7).
      if (inList(first, head.w)) sink.push('NAME', start, end, 0.8);
      else if (inList(surnames, head.w) && !isCommonWord(head.w)) sink.push('NAME', start, end, 0.7);
    }
  }
}

// ---- assembly -----------------------------------------------------------------------------

type Detector = (text: string, sink: Sink) => void;

export const DETECTORS: readonly Detector[] = [
  detectNetwork,
  detectSsn,
  detectPhones,
  detectDates,
  // Not digit-gated: its timestamps' digits all sit in operational spans.
  detectPersonDates,
  detectAges,
  detectAddresses,
  detectCities,
  detectIdentifiers,
  detectKeyed,
  detectNames,
];

// Detectors whose every hit holds at least 4 digits (SSN 9, phones 7+) or at least one
// (dates, street numbers, identifiers after a context word, VINs).
const NEED_FOUR_DIGITS: ReadonlySet<Detector> = new Set([detectSsn, detectPhones]);
const NEED_A_DIGIT: ReadonlySet<Detector> = new Set([detectDates, detectAges, detectAddresses, detectIdentifiers]);

/** Keeps the most confident (then longest) of overlapping hits; returns them in text order. */
function resolveOverlaps(hits: PhiHit[]): PhiHit[] {
  if (hits.length < 2) return hits;
  // A URL holding a patient id, phone or date is one identifier: keep the URL, not its parts.
  const urls = hits.filter((h) => h.type === 'URL');
  if (urls.length > 0) {
    hits = hits.filter((h) => h.type === 'URL' || !urls.some((u) => u.start <= h.start && h.end <= u.end));
  }
  hits.sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  const out: PhiHit[] = [];
  for (const hit of hits) {
    if (overlapsAny(kept, hit.start, hit.end)) continue;
    kept.push(hit);
    out.push(hit);
  }
  return out.sort((a, b) => a.start - b.start);
}

// Cheap gate: text without a digit, a capital letter, an '@', a URL or a lower-case name's
// context word carries none of the identifiers.
const MAY_CARRY_PHI = /[\dA-Z@]|:\/\/|www\.|\b(?:patient|pt|this is|name is|i'?m|i am|hi|hello|hey|dear|hola|dr|dra|mrs?|ms|mx|prof|sra?)\.?\s/;

/** Every PHI identifier found in one line of text. */
function detectLine(text: string, min: number): PhiHit[] {
  if (!MAY_CARRY_PHI.test(text)) return [];
  const protectedSpans = operationalSpans(text);
  const sink = new Sink(min, protectedSpans);
  const digits = digitsOutside(text, protectedSpans, 4);
  for (const detect of DETECTORS) {
    if (digits < 4 && NEED_FOUR_DIGITS.has(detect)) continue;
    if (digits === 0 && NEED_A_DIGIT.has(detect)) continue;
    detect(text, sink);
  }
  return resolveOverlaps(sink.hits);
}

/**
 * Every PHI identifier found in `text`, in text order, non-overlapping. Lines are judged one
 * at a time so no hit spans a line break (redaction then keeps the line structure).
 */
export function detectPhi(text: string, opts: DetectOptions = {}): PhiHit[] {
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!text.includes('\n')) return detectLine(text, min);
  const hits: PhiHit[] = [];
  let from = 0;
  while (from <= text.length) {
    let nl = text.indexOf('\n', from);
    if (nl < 0) nl = text.length;
    for (const h of detectLine(text.slice(from, nl), min)) {
      hits.push({ type: h.type, start: h.start + from, end: h.end + from, confidence: h.confidence });
    }
    from = nl + 1;
  }
  return hits;
}
