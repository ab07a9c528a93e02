// Date, age, phone, device and account rules of the fourth recall pass (our own text): each
// case fails without its rule.
import { describe, expect, it } from 'vitest';
import { redactPhi } from '../index.ts';

const cases: [string, string][] = [
  // dates said aloud, compact, with spaced dots, in lower case with a year, in Arabic, after a vaccine
  ['Voicemail: my birthday is june fifth nineteen eighty one, bye', 'Voicemail: my birthday is <DATE>, bye'],
  ['she was born on the twenty-first of March, nineteen forty', 'she was born on <DATE>'],
  ['DOB 17MAR1948 per chart', 'DOB <DATE> per chart'],
  ['Termín 3. 11. 2026 v 9:00', 'Termín <DATE> v 9:00'],
  ['[visitor] feb 3 1990', '[visitor] <DATE>'],
  ['موعدك يوم 4 نوفمبر', 'موعدك يوم <DATE>'],
  ['Flu vaccine given 2026-10-02 at the pharmacy', 'Flu vaccine given <DATE> at the pharmacy'],
  // an age after a name with diacritics, or with a sex letter
  ['Seen: (Zofia Wróblewska, 97) at home', 'Seen: (<NAME>, <AGE>) at home'],
  ['Resident Ines Cole (92F) stable', 'Resident <NAME> (<AGE>F) stable'],
  // phones: an extension, a Spanish number word, a number read out in words
  ['Call 212 555 0188 extension 7 today', 'Call <PHONE> today'],
  ['Mi número 55 4821 9036 gracias', 'Mi número <PHONE> gracias'],
  ['Voicemail: call back at two one two, five five five, zero one eight eight', 'Voicemail: call back at <PHONE>'],
  // devices named by what they are; a UDI's serial
  ['Dexcom transmitter ID 9HX41K paired', 'Dexcom transmitter ID <DEVICE> paired'],
  ['BP reading from CUF-4410-2219 ok', 'BP reading from <DEVICE> ok'],
  ['UDI (01)00844588003288(21)SN77Q1', 'UDI (01)00844588003288(21)<DEVICE>'],
  // accounts in groups; a card read out digit by digit (Luhn-valid)
  ['Refund to acct 5521 0098 771 please', 'Refund to acct <ACCOUNT> please'],
  ['Caller: my card is 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 ok', 'Caller: my card is <ACCOUNT> ok'],
];

describe('date, age, phone, device and account rules (fourth pass)', () => {
  for (const [input, expected] of cases) it(input, () => expect(redactPhi(input)).toBe(expected));
  it('keeps ordinal prose, monitors without a code and Luhn failures', () => {
    expect(redactPhi('The second of the two options is fine.')).toBe('The second of the two options is fine.');
    expect(redactPhi('The monitor shows HR 72')).toBe('The monitor shows HR 72');
    expect(redactPhi('Caller: my card is 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 2 ok')).toBe('Caller: my card is 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 2 ok');
  });
});
