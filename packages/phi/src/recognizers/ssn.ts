// SSN (Safe Harbor 7), also ITINs (IRS individual taxpayer numbers, 9XX-[50-65|70-88|90-92|94-99]-XXXX):
// both are a person's tax identity. Separators may be '-', ' ' or '.', the same one twice
// (Presidio's rule: mixed delimiters are not an SSN). SSA area/group/serial rules and
// Presidio's invalid list (all digits equal, 123456789, the Woolworth card 078-05-1120) drop
// the rest; bare nine digits only after an SSN/ITIN word.
import { itinValid, ssnValid } from '../validators.ts';
import { before, matches, type Recognizer, type Sink } from './shared.ts';

const SSN = /(?<![\w-])(\d{3})([- .])(\d{2})\2(\d{4})(?![\w-]|\.\d)/g;
const NINE_DIGITS = /(?<![\w.+-])\d{9}(?![\w.-])/g;
const SSN_CONTEXT = /\b(?:ssn|social security|social sec|soc sec|sozialversicherung|social)\b|\bss#/;
const ITIN_CONTEXT = /\b(?:itin|taxpayer|tax id|tax identification|tin)\b/;
// The card SSA printed in wallets in 1938 and thousands of people used since: an example, not a person's.
const EXAMPLE_SSNS = new Set(['078051120', '123456789']);

function repeated(digits: string): boolean {
  return /^(\d)\1+$/.test(digits);
}

// Other countries' person numbers after their name (Safe Harbor 7 covers any such number):
// SIN (CA), NIR / sécurité sociale (FR), CPF (BR), Aadhaar (IN), PESEL (PL), BSN (NL),
// personnummer (SE), DNI/NIE (ES), NIF, CURP-less national id words; and "last 4 of my social",
// masked "XXX-XX-6608". The word is what tells the number: digits in groups of 1-8 with spaces,
// dots or dashes, 8-15 digits in all. Ours, from those numbers' published formats.
// Also: France's "numéro de sécu", Germany's Steuer-ID, Nigeria's NIN, the Philippines' SSS,
// Vietnam's CCCD/CMND, the UAE's Emirates ID, and the CJK words (身份证号 China, マイナンバー
// Japan, 주민등록번호 Korea), which stand without a word boundary before them.
const NATIONAL_ID =
  /(?:\b(?:sin|nir|insee|cpf|aadhaa?r|pesel|bsn|personnummer|personal number|fødselsnummer|henkilötunnus|dni|nie|nif|numéro de sécurité sociale|sécurité sociale|securite sociale|numéro de sécu|n° de sécu|sécu|codice fiscale|national id|national insurance|burgerservicenummer|rodné číslo|egn|cnp|tc kimlik|nric|steuer-?id|steuer-identifikationsnummer|steueridentifikationsnummer|nin|sss|cccd|cmnd|emirates id)\b|身份证(?:号码|号)?|マイナンバー|個人番号|주민등록번호)(?:\s+(?:number|no\.?|nummer|numéro|do paciente|del paciente|is|est|es|é|:))*\s*[:#=：]?\s*((?:\d[\d ./-]{6,22}[\dX])(?:-[A-Z])?)(?![\w-])/giu;
const NATIONAL_GATE = /sin|nir|insee|cpf|aadha|pesel|bsn|personnummer|personal number|fødsels|henkilö|dni|nie|nif|sécu|securite|codice|national|burgerservice|rodné|egn|cnp|kimlik|nric|steuer|\bnin\b|\bsss\b|cccd|cmnd|emirates|身份证|マイナンバー|個人番号|주민등록번호/i;
// Person numbers that carry letters, by their published formats, after their word: Mexico's
// CURP (4 letters, birth date, H/M, 5 letters, 2 check characters), India's PAN (5 letters with
// the holder type 4th, 4 digits, a letter), Hong Kong's HKID (1-2 letters, 6 digits, check in
// brackets). Ours, from RENAPO's, the Income Tax Department's and the Immigration Department's formats.
const LETTERED_NATIONAL_ID =
  /\b(?:curp\s*[:#]?\s*([A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d)|pan(?:\s+(?:card|no\.?|number))?\s*[:#]?\s*([A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z])|hkid(?:\s+(?:card|no\.?|number))?\s*[:#]?\s*([A-Z]{1,2}\d{6}\s?\(?[0-9A]\)?))(?![\w-])/gi;
const LETTERED_GATE = /curp|\bpan\b|hkid/i;
// "last 4 SSN 7741", "last 4 of your social? [customer] 0093": the four digits may follow a
// question and a speaker tag (up to 40 characters without a digit).
const LAST_FOUR_SOCIAL = /\b(?:last\s*(?:4|four)(?:\s+digits)?(?:\s+of)?\s+(?:(?:my|your|his|her|the)\s+)?(?:social|ssn|ss#)(?:\s+security(?:\s+number)?)?)(?:\s+is)?[^\d\n]{0,40}?(\d{4})(?!\d)/gi;
const MASKED_SSN = /(?<![\w-])[X*•]{3}-[X*•]{2}-(\d{4})(?![\w-])/gi;

function detectOtherPersonNumbers(text: string, sink: Sink): void {
  if (NATIONAL_GATE.test(text)) {
    for (const m of matches(NATIONAL_ID, text)) {
      const value = m[1] as string;
      const digits = value.replace(/\D/g, '').length;
      // 8 to 18 digits: China's resident id has 18.
      if (digits < 8 || digits > 18) continue;
      const start = m.index + m[0].length - value.length;
      sink.push('SSN', start, start + value.length, 0.9);
    }
  }
  if (LETTERED_GATE.test(text)) {
    for (const m of matches(LETTERED_NATIONAL_ID, text)) {
      const value = (m[1] ?? m[2] ?? m[3]) as string;
      // The pattern ignores case for its words; the number itself is printed in capitals.
      if (value !== value.toUpperCase()) continue;
      const start = m.index + m[0].length - value.length;
      sink.push('SSN', start, start + value.length, 0.9);
    }
  }
  if (/last\s*(?:4|four)/i.test(text)) {
    for (const m of matches(LAST_FOUR_SOCIAL, text)) {
      const start = m.index + m[0].length - 4;
      sink.push('SSN', start, start + 4, 0.9);
    }
  }
  if (/[X*•]{3}-/i.test(text)) {
    for (const m of matches(MASKED_SSN, text)) sink.push('SSN', m.index, m.index + m[0].length, 0.9);
  }
}

export const ssn: Recognizer = {
  name: 'ssn',
  types: ['SSN'],
  minDigits: 4,
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    detectOtherPersonNumbers(text, sink);
    for (const m of matches(SSN, text)) {
      const area = m[1] as string;
      const group = m[3] as string;
      const serial = m[4] as string;
      const digits = area + group + serial;
      if (repeated(digits)) continue;
      const context = before(text, m.index, 24);
      if (itinValid(area, group, serial)) {
        sink.push('SSN', m.index, m.index + m[0].length, ITIN_CONTEXT.test(context) || SSN_CONTEXT.test(context) ? 0.97 : m[2] === '.' ? 0.6 : 0.85);
        continue;
      }
      if (!ssnValid(area, group, serial)) continue;
      const strong = SSN_CONTEXT.test(context) || ITIN_CONTEXT.test(context);
      // A dotted 123.45.6789 without a word is more often a version or a measurement.
      if (m[2] === '.' && !strong) continue;
      sink.push('SSN', m.index, m.index + m[0].length, strong ? 0.97 : m[2] === '-' ? 0.9 : 0.7);
    }
    for (const m of matches(NINE_DIGITS, text)) {
      const d = m[0];
      if (repeated(d) || EXAMPLE_SSNS.has(d)) continue;
      if (!ssnValid(d.slice(0, 3), d.slice(3, 5), d.slice(5)) && !itinValid(d.slice(0, 3), d.slice(3, 5), d.slice(5))) continue;
      const context = before(text, m.index, 24);
      if (SSN_CONTEXT.test(context) || ITIN_CONTEXT.test(context)) sink.push('SSN', m.index, m.index + 9, 0.9);
    }
  },
};
