import { describe, expect, it } from 'vitest';
import { redactPhi } from '../src/index.ts';

describe('ages over 89 as people state them', () => {
  it.each([
    ['my mom is 94 and cant type', 'my mom is <AGE> and cant type'],
    ['grandma turns 103 on Sunday', 'grandma turns <AGE> on Sunday'],
    ['mi abuela tiene 96 años', 'mi abuela tiene <AGE> años'],
    ['Notatka: pacjentka Halina, lat 93', 'Notatka: pacjentka Halina, lat <AGE>'],
    ['Consent for <NAME> (mother, 94) on file'.replace('<NAME>', 'her'), 'Consent for her (mother, <AGE>) on file'],
    ['Row: 5/14/1931,95,Chicago', 'Row: <DATE>,<AGE>,Chicago'],
  ])('%s', (text, out) => expect(redactPhi(text)).toBe(out));

  it.each([
    'Retention is 93 years for audit rows',
    'residents aged 90 and over: 14',
    "I'm a 90+ year old veteran",
    'queue wait is 95 seconds',
    'max_age=120',
  ])('leaves %s', (text) => expect(redactPhi(text)).toBe(text));
});
