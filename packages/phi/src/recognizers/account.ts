// ACCOUNT (Safe Harbor 10): account numbers after their context word, payment cards of every
// network (issuer prefix + Luhn), IBANs (ISO 13616 country format + mod-97, by `ibantools`)
// and ABA routing numbers after a routing word (3-7-1 checksum).
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { abaValid, luhnValid } from '../validators.ts';
import { applyContextRule, hasIdContext, SEP, type ContextRule } from './context-id.ts';
import { before, matches, type Recognizer, type Sink } from './shared.ts';

const ACCOUNT_RULE: ContextRule = {
  type: 'ACCOUNT',
  re: new RegExp(`\\b(?:account|acct|a/c|billing)${SEP}(\\d[\\d-]{5,19})\\b`, 'gi'),
  confidence: 0.88,
};

// 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, or 13-19 digits in a row.
const CARD = /(?<![\w-])(?:\d{4}[ -]\d{6}[ -]\d{4,5}|(?:\d{4}[ -]){3}\d{1,7}|\d{13,19})(?![\w-])/g;
// Issuer ranges (ISO/IEC 7812 IINs) and lengths of the networks in use, from the networks'
// published ranges (ours, as a table: no well-kept package covers every network). The length
// matters: a 15-digit Luhn number starting 35 is an IMEI, not a JCB card (16-19).
const CARD_NETWORKS: readonly { prefix: RegExp; lengths: readonly [number, number] }[] = [
  { prefix: /^4/, lengths: [13, 19] }, // Visa
  { prefix: /^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, lengths: [16, 16] }, // Mastercard
  { prefix: /^220[0-4]/, lengths: [16, 19] }, // Mir
  { prefix: /^3[47]/, lengths: [15, 15] }, // American Express
  { prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 19] }, // Diners Club
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 19] }, // JCB
  { prefix: /^6(?:011|4[4-9]|5|2)/, lengths: [16, 19] }, // Discover, UnionPay
  { prefix: /^(?:50|5[6-8]|6)/, lengths: [13, 19] }, // Maestro, RuPay, Verve
];

function cardNumber(digits: string): boolean {
  const n = digits.length;
  return CARD_NETWORKS.some((c) => n >= c.lengths[0] && n <= c.lengths[1] && c.prefix.test(digits)) && luhnValid(digits);
}

// Two letters, two check digits, then 11-30 alphanumerics, printed in groups of four or not.
// Upper case as banks print them; with case ignored every Twilio SID ("SM12...") would be a candidate.
const IBAN = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b/g;

const ABA = /(?<![\w-])\d{9}(?![\w-])/g;
const ROUTING_CONTEXT = /\b(?:routing|aba|rtn|transit|bank)\b/;

export const account: Recognizer = {
  name: 'account',
  types: ['ACCOUNT'],
  minDigits: 1,
  detect(text: string, sink: Sink): void {
    const context = hasIdContext(text);
    if (context) applyContextRule(ACCOUNT_RULE, text, sink);
    for (const m of matches(CARD, text)) {
      const digits = m[0].replace(/\D/g, '');
      if (!cardNumber(digits)) continue;
      sink.push('ACCOUNT', m.index, m.index + m[0].length, 0.9);
    }
    for (const m of matches(IBAN, text)) {
      const candidate = electronicFormatIBAN(m[0]);
      if (candidate && isValidIBAN(candidate.toUpperCase())) sink.push('ACCOUNT', m.index, m.index + m[0].length, 0.95);
    }
    if (context) {
      for (const m of matches(ABA, text)) {
        if (abaValid(m[0]) && ROUTING_CONTEXT.test(before(text, m.index, 30))) sink.push('ACCOUNT', m.index, m.index + 9, 0.9);
      }
    }
  },
};
