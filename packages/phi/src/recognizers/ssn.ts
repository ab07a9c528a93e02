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
const NATIONAL_ID =
  /\b(?:sin|nir|insee|cpf|aadhaa?r|pesel|bsn|personnummer|personal number|fødselsnummer|henkilötunnus|dni|nie|nif|numéro de sécurité sociale|sécurité sociale|securite sociale|codice fiscale|national id|national insurance|burgerservicenummer|rodné číslo|egn|cnp|tc kimlik|nric)\b(?:\s+(?:number|no\.?|nummer|numéro|do paciente|del paciente|is|est|es|é|:))*\s*[:#=]?\s*((?:\d[\d ./-]{6,22}\d)(?:-[A-Z])?)(?![\w-])/giu;
const NATIONAL_GATE = /sin|nir|insee|cpf|aadha|pesel|bsn|personnummer|personal number|fødsels|henkilö|dni|nie|nif|sécurité|securite|codice|national|burgerservice|rodné|egn|cnp|kimlik|nric/i;
const LAST_FOUR_SOCIAL = /\b(?:last\s*(?:4|four)(?:\s+digits)?\s+of\s+(?:my|your|his|her|the)?\s*(?:social|ssn|ss#)(?:\s+security(?:\s+number)?)?)(?:\s+is)?[\s:?."]*(?:caller:\s*|patient:\s*|pt:\s*)?"?(\d{4})(?!\d)/gi;
const MASKED_SSN = /(?<![\w-])[X*•]{3}-[X*•]{2}-(\d{4})(?![\w-])/gi;

function detectOtherPersonNumbers(text: string, sink: Sink): void {
  if (NATIONAL_GATE.test(text)) {
    for (const m of matches(NATIONAL_ID, text)) {
      const value = m[1] as string;
      const digits = value.replace(/\D/g, '').length;
      if (digits < 8 || digits > 15) continue;
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
