import { describe, expect, it } from 'vitest';
import { deaValid, luhnValid, mbiValid, npiValid, ssnValid, vinValid } from '../src/validators.ts';

describe('luhnValid', () => {
  it('accepts card test numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4012888888881881')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('rejects non-digits and single digits', () => {
    expect(luhnValid('41111x1111111111')).toBe(false);
    expect(luhnValid('0')).toBe(false);
  });
});

describe('ssnValid', () => {
  it('accepts an ordinary number', () => expect(ssnValid('219', '09', '9999')).toBe(true));
  it.each([
    ['000', '12', '3456'],
    ['666', '12', '3456'],
    ['912', '12', '3456'],
    ['123', '00', '3456'],
    ['123', '45', '0000'],
  ])('rejects %s-%s-%s', (a, g, s) => expect(ssnValid(a, g, s)).toBe(false));
});

describe('npiValid', () => {
  it('accepts the CMS example and rejects a changed check digit', () => {
    expect(npiValid('1234567893')).toBe(true);
    expect(npiValid('1234567890')).toBe(false);
  });
  it('needs 10 digits starting 1 or 2', () => {
    expect(npiValid('3234567893')).toBe(false);
    expect(npiValid('123456789')).toBe(false);
  });
});

describe('deaValid', () => {
  it('checks the DEA check digit', () => {
    // (1+3+5) + 2*(2+4+6) = 33 -> check digit 3
    expect(deaValid('AB1234563')).toBe(true);
    expect(deaValid('AB1234565')).toBe(false);
    expect(deaValid('BM6125341')).toBe(true);
    expect(deaValid('BM6125342')).toBe(false);
  });
  it('rejects unknown registrant letters and wrong shapes', () => {
    expect(deaValid('ZB6125341')).toBe(false);
    expect(deaValid('BM612534')).toBe(false);
  });
});

describe('mbiValid', () => {
  it('accepts the CMS example with and without dashes', () => {
    expect(mbiValid('1EG4TE5MK73')).toBe(true);
    expect(mbiValid('1EG4-TE5-MK73')).toBe(true);
  });
  it('rejects excluded letters and wrong positions', () => {
    expect(mbiValid('1SG4TE5MK73')).toBe(false); // S is excluded
    expect(mbiValid('0EG4TE5MK73')).toBe(false); // first char 1-9
    expect(mbiValid('1EG4TE5MK7')).toBe(false);
  });
});

describe('vinValid', () => {
  it('accepts a VIN with a correct check digit', () => {
    expect(vinValid('1M8GDM9AXKP042788')).toBe(true);
    expect(vinValid('1HGCM82633A004352')).toBe(true);
  });
  it('rejects a wrong check digit and the letters I, O, Q', () => {
    expect(vinValid('1M8GDM9A1KP042788')).toBe(false);
    expect(vinValid('1M8GDM9AXKP04278O')).toBe(false);
  });
});
