import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { nanpDecidedByPrefix, nanpPrefixKey } from '../src/recognizers/nanp-prefix.ts';
import { e164Valid } from '../src/recognizers/phone.ts';

const require = createRequire(import.meta.url);
type Metadata = Parameters<typeof nanpDecidedByPrefix>[0];
const metadata = (): Metadata => structuredClone(require('libphonenumber-js/metadata.min.json')) as Metadata;

describe('NANP verdicts shared by area code and exchange', () => {
  it('holds for the metadata libphonenumber-js ships, so the prefix cache is in use', () => {
    expect(nanpDecidedByPrefix(metadata())).toBe(true);
    expect(nanpPrefixKey('+14155550132')).toBe('+1415555');
    // National numbers starting 0 or 1, and other lengths, are checked whole.
    expect(nanpPrefixKey('+11155550132')).toBeUndefined();
    expect(nanpPrefixKey('+1415555013')).toBeUndefined();
    expect(nanpPrefixKey('+441632960961')).toBeUndefined();
  });

  it('is refused when a pattern reads past the sixth digit, looks around, or a leading-digits rule is long', () => {
    const late = metadata();
    (late.countries.CA as unknown[])[2] = '[2-9]\\d{7}12';
    expect(nanpDecidedByPrefix(late)).toBe(false);
    const lookahead = metadata();
    (lookahead.countries.US as unknown[])[2] = '(?=\\d{10})[2-9]\\d{9}';
    expect(nanpDecidedByPrefix(lookahead)).toBe(false);
    const leading = metadata();
    (leading.countries.PR as unknown[])[10] = '7871234';
    expect(nanpDecidedByPrefix(leading)).toBe(false);
  });

  it('gives every number of a sampled prefix the same verdict (both ways phone.ts validates)', () => {
    // phone.ts's validation, run whole on numbers sharing the first six digits.
    const verdict = (e164: string, plus: boolean): boolean => e164Valid(e164, plus ? 'plus' : 'national');
    let seed = 11;
    const digit = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 10;
    const prefixes = ['201555', '415555', '780420', '268460', '787555', '800555', '900555', '521234', '983555', '284555'];
    for (let i = 0; i < 200; i++) prefixes.push(`${2 + (digit() % 8)}${digit()}${digit()}${digit()}${digit()}${digit()}`);
    let valid = 0;
    for (const prefix of prefixes) {
      for (const plus of [true, false]) {
        const verdicts = new Set<boolean>();
        for (let k = 0; k < 8; k++) verdicts.add(verdict(`+1${prefix}${digit()}${digit()}${digit()}${digit()}`, plus));
        expect(verdicts.size, `+1${prefix}`).toBe(1);
        if (verdicts.has(true)) valid++;
      }
    }
    // Not a vacuous sample: both verdicts occur.
    expect(valid).toBeGreaterThan(0);
    expect(valid).toBeLessThan(prefixes.length * 2);
  });
});
