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

export const ssn: Recognizer = {
  name: 'ssn',
  types: ['SSN'],
  minDigits: 4,
  detect(text: string, sink: Sink): void {
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
