// PHONE and FAX (Safe Harbor 4, 5), of any country. Candidates are found by shape (NANP with
// separators, "+" and "00" international forms, trunk-prefixed national forms such as
// "030 1234567" or "07911 123456", bare digit runs after a phone word) and every one is
// validated by libphonenumber-js against its numbering plan.
//
// Why not libphonenumber-js `findNumbers`: measured here at under 1 MB/s on log text, five
// times below this package's throughput target; it also runs one scan per default country.
// The shapes below are ours; the validity rules are libphonenumber's.
import { PhoneNumber, parsePhoneNumberFromString, type CountryCode, type E164Number } from 'libphonenumber-js';
import type { PhiType } from '../types.ts';
import { nanpPrefixKey } from './nanp-prefix.ts';
import { before, matches, type Recognizer, type Sink } from './shared.ts';

// US forms with separators, E.164 and international "+" forms, and bare 10 digits (context only).
// An extension after the number is part of it ("555 0177 ext. 4412", "x22", "extension 22").
const PHONE_US = /(?<![\w+.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:,?\s?(?:x|ext\.?|extension)\s?\d{1,5}(?!\d))?(?![\w-]|\.\d)/g;
const PHONE_PLUS = /(?<![\w+])(?:\+|00(?=[1-9]))(?:\d[ .()/-]{0,2}){7,14}\d(?![\w-])/g;
// A national number with its trunk prefix 0: "030 1234567", "(0)20 7946 0958", "06 12 34 56 78".
// Groups are split by a required separator, so no run of digits can be split two ways (no backtracking).
const PHONE_NATIONAL = /(?<![\w+.,/-])(?:(?:\(0[1-9]\d{0,3}\) ?|0[1-9]\d{0,3}[ ./-])(?:\d{2,8}[ ./-]){0,3}\d{2,8}|0[1-9]\d{7,10})(?![\w-]|[.,/]\d)/g;
const INTERNATIONAL_00 = /(?:^|[\s(:="'])00[1-9]/;
const PHONE_BARE = /(?<![\w.+-])1?\d{10}(?![\w.-])/g;
const PHONE_CONTEXT = /\b(?:phone|ph|tel|telephone|call|calling|called|cell|mobile|text|sms|contact|number|fax|callback|from|to|at|on|reach|whatsapp|tlf|telefon|téléphone|teléfono|telefone|telefono|handy|móvil|movil|cel|celular|portable|numer|número|numero|nummer|numéro|číslo|lambarkaygu|rumber)\b|(?:номер|телефон|ĐT|电话|電話|연락|رقمي|mera number|#)\s*[:：]?\s*$|[:：]\s*$/;
// Numbers written nationally in plans without a trunk 0 (Spain 612 34 56 78, Poland 512-873-406,
// Czechia 731 552 018, Mexico 55 4821 9036, Brazil (11) 98412-3307, India 98204 53117, China
// 139 2045 7781, Russia 8 (916) 284-17-53), after a phone word: libphonenumber decides, region by region.
const PHONE_GROUPED = /(?<![\w+.,/-])(?:\d{1,2}\s)?(?:\(\d{1,4}\)\s?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-]|[.,/]\d)/g;
const NO_TRUNK_REGIONS: readonly CountryCode[] = ['US', 'ES', 'PL', 'CZ', 'SK', 'MX', 'BR', 'IN', 'CN', 'RU', 'IT', 'PT', 'DK', 'NO', 'GR', 'HK', 'SG', 'KR', 'VN', 'PH', 'NG', 'KE', 'SO', 'ET', 'CA'];
const SSN_SHAPED = /^\d{3}[ .-]\d{2}[ .-]\d{4}$/;
// A dotted quad of octets is an IPv4 address (the IP recognizer's): never a phone in any region,
// and judging it region by region was a fifth of this recognizer's time on log text.
const IPV4_SHAPED = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const DATE_SHAPED = /^(?:\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4})$/;
// Digits read out one by one in a voicemail transcript ("3 1 2 5 5 5 0 1 4 4").
const SPELLED_DIGITS = /(?<![\w.])(?:\d ){9,11}\d(?![\w.])/g;

const EXTENSION = /,?\s?(?:x|ext\.?|extension)\s?\d{1,5}$/;

function anyRegionValid(candidate: string): boolean {
  const plain = candidate.replace(EXTENSION, '');
  for (const region of NO_TRUNK_REGIONS) if (parsePhoneNumberFromString(plain, region)?.isValid()) return true;
  return false;
}
// "fax", also as a key part ("fax_number", "faxNo").
const FAX_CONTEXT = /\bfax(?![a-z])|\bfax(?:_|no\b|number\b)/;

// Countries tried for a national number with trunk prefix 0, most spoken-to first. Presidio's
// default regions (US, UK, DE, FR, IL, IN, CA, BR) plus the other large trunk-0 plans.
const TRUNK_ZERO_REGIONS: readonly CountryCode[] = ['GB', 'DE', 'FR', 'IN', 'AU', 'NL', 'BE', 'AT', 'CH', 'IL', 'BR', 'TR', 'PK', 'NG', 'ZA', 'PH', 'ID', 'JP', 'KR', 'NZ', 'IE', 'SE', 'FI', 'MY', 'TH', 'VN', 'EG', 'KE', 'AR', 'PE', 'UA', 'CZ', 'SK', 'HR', 'RS', 'BA', 'SI', 'RO', 'IT'];

const NON_DIGITS = /\D/g;

/** `+` and digits: US numbers written nationally get +1; "+" / "00" forms keep their country code. */
function toE164(candidate: string): string {
  const trimmed = candidate.trimStart();
  const digits = candidate.replace(NON_DIGITS, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (trimmed.startsWith('00')) return `+${digits.slice(2)}`;
  return digits.length === 10 ? `+1${digits}` : `+${digits}`;
}

// libphonenumber's PhoneNumber built from an E.164 string: the same validation as
// parsePhoneNumber without its text-parsing step (several times faster). Where one calling
// code serves several countries (+1: US, CA and the Caribbean; +44: GB, GG, IM, JE) the bare
// constructor rejects valid numbers of the other countries (+1 780 Alberta, +44 7911), so a
// rejected number gets a second opinion from the full parser, which picks the country.
// Written with "+" and 10 or more digits, a number whose length fits its country's plan is a
// phone even when its range is not (yet) assigned in libphonenumber's metadata: Ofcom's drama
// range (+44 7700 900xxx) and new mobile ranges are typed by people all the same.
const PLUS_POSSIBLE_MIN_DIGITS = 10;

export function e164Valid(e164: string, written: 'plus' | 'national'): boolean {
  try {
    const fast = new PhoneNumber(e164 as E164Number);
    if (fast.isValid()) return true;
    if (written === 'plus' && e164.length - 1 >= PLUS_POSSIBLE_MIN_DIGITS && fast.isPossible()) return true;
    return parsePhoneNumberFromString(e164)?.isValid() ?? false;
  } catch {
    return false;
  }
}

function nationalValid(candidate: string): boolean {
  for (const region of TRUNK_ZERO_REGIONS) {
    if (parsePhoneNumberFromString(candidate, region)?.isValid()) return true;
  }
  return false;
}

// NANP toll-free numbers (800, 833, ...) are redacted like any other: a clinic's, pharmacy's or
// provider's line in a patient's message says where they are treated (both blind sets of
// 2026-12 label them), and the app's own numbers are told apart by ../own-numbers.ts instead.

// Logs repeat the same numbers; a bounded memo keeps libphonenumber (~30us a call) off the hot path.
const phoneMemo = new Map<string, boolean>();
const PHONE_MEMO_MAX = 10_000;

function memo(key: string, compute: () => boolean): boolean {
  let valid = phoneMemo.get(key);
  if (valid === undefined) {
    valid = compute();
    if (phoneMemo.size >= PHONE_MEMO_MAX) phoneMemo.clear();
    phoneMemo.set(key, valid);
  }
  return valid;
}

function phoneValid(candidate: string): boolean {
  return memo(candidate, () => {
    const e164 = toE164(candidate.replace(EXTENSION, ''));
    const written = candidate.trimStart().startsWith('+') ? 'plus' : 'national';
    // A NANP number shares the verdict of its area code and exchange (nanp-prefix.ts says why that is exact).
    const prefix = nanpPrefixKey(e164);
    if (prefix === undefined) return e164Valid(e164, written);
    const key = `${written}:${prefix}`;
    let valid = nanpMemo.get(key);
    if (valid === undefined) {
      valid = e164Valid(e164, written);
      if (nanpMemo.size >= NANP_MEMO_MAX) nanpMemo.clear();
      nanpMemo.set(key, valid);
    }
    return valid;
  });
}
// Two written forms times 8 x 10^5 area code and exchange pairs at most; short keys.
const nanpMemo = new Map<string, boolean>();
const NANP_MEMO_MAX = 100_000;

function phoneOrFax(text: string, start: number): PhiType {
  return FAX_CONTEXT.test(before(text, start, 20)) ? 'FAX' : 'PHONE';
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

// A number read out in words in a voicemail transcript ("nine one five five five five zero one
// three three", "five oh three, five five five, oh one nine six"): ten or eleven digit words
// after a phone word, validated as the digits they say. Ours.
const DIGIT_WORD: Record<string, string> = { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const SPOKEN_NUMBER = /\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s,.-]{1,3}){9,10}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi;
const SPOKEN_GATE = /\b(?:five|nine|oh|zero)\s/i;

export function detectSpokenPhones(text: string, sink: Sink): void {
  if (!SPOKEN_GATE.test(text)) return;
  for (const m of matches(SPOKEN_NUMBER, text)) {
    if (!PHONE_CONTEXT.test(before(text, m.index, 24))) continue;
    const digits = m[0].toLowerCase().split(/[\s,.-]+/).map((w) => DIGIT_WORD[w] ?? '').join('');
    if (memo(`w:${digits}`, () => phoneValid(digits))) sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, 0.8);
  }
}

export const phone: Recognizer = {
  name: 'phone',
  types: ['PHONE', 'FAX'],
  minDigits: 4,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    // Starts of the NANP-shaped numbers already accepted: the grouped form would match them again.
    const accepted = new Set<number>();
    for (const m of matches(PHONE_US, text)) {
      if (phoneValid(m[0])) {
        sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, 0.9);
        accepted.add(m.index);
      }
    }
    // "00" only as an international prefix at a word start, not inside "10:00:00".
    if (text.includes('+') || INTERNATIONAL_00.test(text)) {
      for (const m of matches(PHONE_PLUS, text)) {
        if (phoneValid(m[0])) sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, m[0].startsWith('+') ? 0.92 : 0.85);
      }
    }
    for (const m of matches(PHONE_NATIONAL, text)) {
      const value = m[0];
      const digits = digitCount(value);
      if (digits < 9 || digits > 12) continue;
      // Without a separator a trunk-prefixed run is as likely an order or record number: a phone word must say so.
      const separated = /[ .()/-]/.test(value);
      const context = PHONE_CONTEXT.test(before(text, m.index, 20));
      if (!separated && !context) continue;
      // Right after another group of digits it is the tail of a longer code (an IBAN, a card
      // printed in groups), not a number of its own, unless a phone word says otherwise.
      if (!context && /[\dA-Z][ .-]$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
      if (memo(`0:${value}`, () => nationalValid(value))) {
        sink.push(phoneOrFax(text, m.index), m.index, m.index + value.length, separated ? 0.85 : 0.8);
      }
    }
    for (const m of matches(PHONE_GROUPED, text)) {
      const digits = digitCount(m[0]);
      // An SSN's 3-2-4 shape is the SSN recognizer's, a date's the date recognizer's.
      if (digits < 8 || digits > 13 || accepted.has(m.index) || DATE_SHAPED.test(m[0]) || SSN_SHAPED.test(m[0]) || IPV4_SHAPED.test(m[0]) || !PHONE_CONTEXT.test(before(text, m.index, 24))) continue;
      if (memo(`n:${m[0]}`, () => anyRegionValid(m[0]))) sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, 0.8);
    }
    if (text.includes(' 5 ') || /\d \d \d/.test(text)) {
      for (const m of matches(SPELLED_DIGITS, text)) {
        if (PHONE_CONTEXT.test(before(text, m.index, 24)) && memo(`s:${m[0]}`, () => phoneValid(m[0].replace(/ /g, '')))) sink.push('PHONE', m.index, m.index + m[0].length, 0.8);
      }
    }
    for (const m of matches(PHONE_BARE, text)) {
      if (!PHONE_CONTEXT.test(before(text, m.index, 20))) continue;
      if (phoneValid(m[0])) sink.push(phoneOrFax(text, m.index), m.index, m.index + m[0].length, 0.8);
    }
  },
};
