import { describe, expect, it } from 'vitest';
import { redactPhi, sanitizeForSupport } from '../src/index.ts';

const LINE = 'Patient Maria Lopez (DOB 03/14/1975) at 415-555-2671, SSN 219-09-9999, msg SM0123456789abcdef0123456789abcdef';
const SECRETS = ['Maria', 'Lopez', '03/14/1975', '555-2671', '219-09-9999'];

describe('redaction styles', () => {
  it('tag (default) names the type and keeps operational tokens', () => {
    expect(redactPhi(LINE)).toBe(
      'Patient <NAME> (DOB <DATE>) at <PHONE>, SSN <SSN>, msg SM0123456789abcdef0123456789abcdef',
    );
  });

  it('mask keeps the shape and masks phones like Twilio does', () => {
    const out = redactPhi(LINE, { style: 'mask' });
    expect(out).toBe(
      'Patient ***** ***** (DOB **/**/****) at 415555****, SSN ***-**-****, msg SM0123456789abcdef0123456789abcdef',
    );
  });

  it('hash is stable for a key, differs across keys, and normalises phone formats', () => {
    const a = redactPhi('call 415-555-2671', { style: 'hash', hashKey: 'key-one-0123456789' });
    const b = redactPhi('call (415) 555-2671', { style: 'hash', hashKey: 'key-one-0123456789' });
    const c = redactPhi('call 415-555-2671', { style: 'hash', hashKey: 'key-two-0123456789' });
    expect(a).toMatch(/^call <PHONE:[0-9a-f]{8}>$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('hash without a key fails closed with a clear message', () => {
    expect(() => redactPhi('x', { style: 'hash' })).toThrow(/hashKey/);
  });

  it('leaves no seeded PHI in any style', () => {
    for (const out of [redactPhi(LINE), redactPhi(LINE, { style: 'mask' }), redactPhi(LINE, { style: 'hash', hashKey: 'k'.repeat(16) })]) {
      for (const secret of SECRETS) expect(out).not.toContain(secret);
    }
  });

  it('sanitizeForSupport is the tag style', () => {
    expect(sanitizeForSupport(LINE)).toBe(redactPhi(LINE, { style: 'tag' }));
  });

  it('returns text without PHI unchanged', () => {
    const clean = 'error 30007 for SM0123456789abcdef0123456789abcdef at 2024-03-05T12:00:00Z (v2.14.0)';
    expect(redactPhi(clean)).toBe(clean);
  });
});
