// LICENSE (Safe Harbor 11: certificate and licence numbers): driver's licences, permits and
// certificates after their context word; NPIs (Luhn over "80840" + the number, CMS) after
// "NPI"; DEA registrations anywhere by their check digit; passport numbers after a passport
// word (a government document number, reported with the licences).
import { deaValid, npiValid } from '../validators.ts';
import { applyContextRule, hasIdContext, ID, idTokens, SEP, type ContextRule } from './context-id.ts';
import { before, groupSpan, matches, pushEveryGroup, type Recognizer, type Sink } from './shared.ts';

const LICENSE_RULE: ContextRule = {
  type: 'LICENSE',
  // Driving licence words of other languages too (Führerschein, permis de conduire, licencia de
  // conducir, carteira de motorista/CNH, patente di guida, rijbewijs, prawo jazdy, körkort).
  re: new RegExp(`\\b(?:driver'?s?\\s+licen[cs]e|driving\\s+licen[cs]e|C?DL|licen[cs]e|lic\\.?|certificate|cert\\.?|permit)(?!\\s+plate)${SEP}${ID}`, 'gi'),
  confidence: 0.9,
};
// A rule of its own behind a gate: every word of an alternation costs on every line it runs on.
const FOREIGN_LICENSE_RULE: ContextRule = {
  type: 'LICENSE',
  re: new RegExp(`\\b(?:führerschein(?:-?nr\\.?)?|permis de conduire(?:\\s+n[°º])?|licencia de conducir|carteira de motorista|CNH|patente di guida|rijbewijs|prawo jazdy|körkort)${SEP}${ID}`, 'gi'),
  confidence: 0.9,
};
const FOREIGN_LICENSE_GATE = /führerschein|permis de|licencia de|carteira de|cnh|patente di|rijbewijs|prawo jazdy|körkort/i;
const PASSPORT_GATE = /pass(?:port|eport|aporte|aporto)|pasaporte|reisepass|paszport|护照|パスポート|여권/i;
// US passports: 9 digits or a letter + 8 digits (next generation); other countries 6-9
// letters and digits. Only after a passport word: on its own it is any code.
const PASSPORT_RULE: ContextRule = {
  type: 'LICENSE',
  re: new RegExp(`(?:\\b(?:passport(?:\\s+card)?|pasaporte|passeport|reisepass|passaporte|paszport|passaporto)|护照(?:号码|号)?|パスポート(?:番号)?|여권(?:\\s*번호)?)(?:[\\s,]+(?:\\w+[\\s,]+){0,2}?(?:number|no\\.?|#))?${SEP}((?=[A-Z]*\\d)[A-Z0-9]{6,9})\\b`, 'gi'),
  confidence: 0.9,
};
// Spanish DNI (8 digits + check letter) and NIE (X/Y/Z + 7 digits + letter): the letter is the number mod 23 (Ministerio del Interior).
const DNI = /\b([XYZ]?)(\d{7,8})([A-Z])\b/g;
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function dniValid(prefix: string, digits: string, letter: string): boolean {
  if ((prefix === '' && digits.length !== 8) || (prefix !== '' && digits.length !== 7)) return false;
  const value = prefix === '' ? Number(digits) : Number(`${'XYZ'.indexOf(prefix)}${digits}`);
  return DNI_LETTERS[value % 23] === letter;
}

// "Driver's license CA D4821937": the issuing state's code between the words and the number.
const LICENSE_WITH_STATE = /\b[Dd]river'?s?\s+[Ll]icen[cs]e\s+(?:#\s*)?[A-Z]{2}\s+(?:#\s*)?((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{3,24})\b/g;
const PASSPORT_CJK = /护照|パスポート|여권/;
const NPI = /\bNPI\b\s*(?:number|no\.?|#)?\s*[:#=]?\s*#?\s*(\d{10})\b/gi;
const DEA_CONTEXT = /\bdea\b/;

export const license: Recognizer = {
  name: 'license',
  types: ['LICENSE'],
  minDigits: 1,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    const passport = PASSPORT_GATE.test(text);
    if (passport && (hasIdContext(text) || PASSPORT_CJK.test(text))) applyContextRule(PASSPORT_RULE, text, sink);
    if (hasIdContext(text)) {
      applyContextRule(LICENSE_RULE, text, sink);
      if (FOREIGN_LICENSE_GATE.test(text)) applyContextRule(FOREIGN_LICENSE_RULE, text, sink);
      pushEveryGroup(sink, 'LICENSE', LICENSE_WITH_STATE, text, 0.9);
      for (const m of matches(NPI, text)) {
        const [start, end] = groupSpan(m);
        // A failed check digit is a typo or not an NPI: below the default threshold.
        sink.push('LICENSE', start, end, npiValid(m[1] as string) ? 0.97 : 0.45);
      }
    }
    for (const m of matches(DNI, text)) {
      if (dniValid(m[1] as string, m[2] as string, m[3] as string)) sink.push('LICENSE', m.index, m.index + m[0].length, 0.85);
    }
    for (const { index, token } of idTokens(text)) {
      if (token.length === 9 && deaValid(token)) sink.push('LICENSE', index, index + 9, DEA_CONTEXT.test(before(text, index, 16)) ? 0.97 : 0.85);
    }
  },
};
