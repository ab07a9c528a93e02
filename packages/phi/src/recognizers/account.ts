// ACCOUNT (Safe Harbor 10): account numbers after their context word, payment cards of every
// network (issuer prefix + Luhn), IBANs (ISO 13616 country format + mod-97, by `ibantools`)
// and ABA routing numbers after a routing word (3-7-1 checksum).
import { electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { abaValid, luhnValid } from '../validators.ts';
import { hasIdContext, SEP, type ContextRule } from './context-id.ts';
import { before, groupSpan, matches, pushEveryGroup, type Recognizer, type Sink } from './shared.ts';

// Also printed in groups ("acct 1234 5678"); six digits at least (checked in code).
const ACCOUNT_RULE: ContextRule = {
  type: 'ACCOUNT',
  re: new RegExp(`\\b(?:account|acct|a/c|billing)${SEP}(\\d[\\d-]{1,19}(?: \\d{3,8}){0,3})\\b`, 'gi'),
  confidence: 0.88,
};
// A card number read out digit by digit ("my card number is 4 0 6 0 0 9 ..."): 13-19 single
// digits after a card word, kept only when they pass the network and Luhn checks. Ours.
const SPACED_CARD = /\b(?:card|visa|mastercard|amex|credit|debit)\b[^\d\n]{0,24}((?:\d ){12,18}\d)(?![\w])/gi;
// Mexico's CLABE (18 digits, weights 3-7-1, Banxico) after its word.
const CLABE = /\bCLABE\s*[:#]?\s*(\d{18})\b/gi;

function clabeValid(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ((d.charCodeAt(i) - 48) * ([3, 7, 1][i % 3] as number)) % 10;
  return (10 - (sum % 10)) % 10 === d.charCodeAt(17) - 48;
}
// Billing, claim and invoice references with their issuer's letter prefix ("PA-0091827",
// "CLM5529018734", "INV-2026-008812", "Rechnung RE-2026-44718") after a billing word; the
// last four of a card after "card ending (in)". Ours: the words are the billing vocabulary of
// support text (English, German, Spanish, French, Portuguese, Italian).
const BILLING_REF = /\b(?:account|acct|a\/c|claim|claims|invoice|inv|bill|billing|statement|receipt|ref|reference|rechnung|konto|kundennummer|factura|facture|fatura|fattura|cuenta|compte|conta)\b(?:\s+(?:number|num|no\.?|#|id|ref))?\s*(?:is\s+|was\s+)?[:#=]?\s*#?\s*((?=[A-Z0-9-]*\d)[A-Z]{1,5}-?\d[\dA-Z-]{3,20}|\d[\d-]{5,19})(?![\w-])/gi;
const BILLING_GATE = /account|acct|a\/c|claim|invoice|inv|bill|statement|receipt|ref|rechnung|konto|kunden|factur|fatura|fattura|cuenta|compte|conta/i;
const CARD_LAST_FOUR = /\b(?:card|visa|mastercard|amex|debit|credit|cc)\b[^.\n]{0,20}?\b(?:ending|ends|last\s*(?:4|four)(?:\s+digits)?)(?:\s+(?:in|with|of|is|are))?\s*[:#]?\s*(\d{4})(?!\d)/gi;
const PERSON_BEFORE = /\b(?:my|your|his|her|their|patient|pt|who|billed|charged|disputes?|disputed|paid|refund|member|customer|caller)\b/i;
const CARD_GATE = /ending|ends|last\s*(?:4|four)/i;

/** mod-97 (ISO 13616) and the country's format; a failing national bank/branch check is still an IBAN as typed. */
function ibanValid(candidate: string): boolean {
  const { errorCodes } = validateIBAN(candidate);
  return errorCodes.every((e) => e === ValidationErrorsIBAN.WrongAccountBankBranchChecksum);
}

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
  digitsOutsideOperational: true,
  detect(text: string, sink: Sink): void {
    const context = hasIdContext(text);
    if (context) {
      for (const m of matches(ACCOUNT_RULE.re, text)) {
        if ((m[1] as string).replace(/\D/g, '').length < 6) continue;
        const [start, end] = groupSpan(m);
        sink.push('ACCOUNT', start, end, ACCOUNT_RULE.confidence);
      }
    }
    if (/\d \d \d \d/.test(text)) {
      for (const m of matches(SPACED_CARD, text)) {
        if (!cardNumber((m[1] as string).replace(/ /g, ''))) continue;
        const [start, end] = groupSpan(m);
        sink.push('ACCOUNT', start, end, 0.9);
      }
    }
    if (/clabe/i.test(text)) {
      for (const m of matches(CLABE, text)) {
        if (!clabeValid(m[1] as string)) continue;
        const [start, end] = groupSpan(m);
        sink.push('ACCOUNT', start, end, 0.9);
      }
    }
    for (const m of matches(CARD, text)) {
      const digits = m[0].replace(/\D/g, '');
      if (!cardNumber(digits)) continue;
      sink.push('ACCOUNT', m.index, m.index + m[0].length, 0.9);
    }
    for (const m of matches(IBAN, text)) {
      const candidate = electronicFormatIBAN(m[0]);
      if (candidate && ibanValid(candidate.toUpperCase())) sink.push('ACCOUNT', m.index, m.index + m[0].length, 0.95);
    }
    if (BILLING_GATE.test(text)) {
      for (const m of matches(BILLING_REF, text)) {
        // An invoice, bill or receipt is also the business's own (a Twilio invoice, an order's):
        // a person's only when the line says so.
        if (/^(?:invoice|inv|bill|receipt|statement)/i.test(m[0]) && !PERSON_BEFORE.test(text.slice(Math.max(0, m.index - 48), m.index))) continue;
        const [start, end] = groupSpan(m);
        sink.push('ACCOUNT', start, end, 0.85);
      }
    }
    if (CARD_GATE.test(text)) {
      pushEveryGroup(sink, 'ACCOUNT', CARD_LAST_FOUR, text, 0.85);
    }
    if (context) {
      for (const m of matches(ABA, text)) {
        if (abaValid(m[0]) && ROUTING_CONTEXT.test(before(text, m.index, 30))) sink.push('ACCOUNT', m.index, m.index + 9, 0.9);
      }
    }
  },
};
