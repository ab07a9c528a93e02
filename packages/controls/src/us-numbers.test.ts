import { describe, expect, it } from 'vitest';
import { classifyUsNumber } from './us-numbers.ts';

describe('classifyUsNumber', () => {
  it('judges NANP numbers by region, not by the +1 prefix', () => {
    expect(classifyUsNumber('+12125550123')).toMatchObject({ us: true, region: 'US' });
    expect(classifyUsNumber('+16045550123')).toMatchObject({ us: false, region: 'CA' });
    expect(classifyUsNumber('+18765550123')).toMatchObject({ us: false, region: 'JM' });
    expect(classifyUsNumber('+442079460123')).toMatchObject({ us: false, region: 'GB' });
  });
  it('counts shared NANP toll-free codes as US', () => {
    expect(classifyUsNumber('+18005550123')).toMatchObject({ us: true });
    expect(classifyUsNumber('+18885550123')).toMatchObject({ us: true });
  });
  it('treats US territories as a policy choice, off by default', () => {
    expect(classifyUsNumber('+17875550123')).toMatchObject({ us: false, region: 'PR' });
    expect(classifyUsNumber('+17875550123', { allowedUsTerritories: ['PR'] })).toMatchObject({ us: true, region: 'PR' });
  });
  it('leaves client, SIP and channel addresses to other rules', () => {
    expect(classifyUsNumber('client:alice')).toBe('not-a-number');
    expect(classifyUsNumber('sip:alice@example.com')).toBe('not-a-number');
    expect(classifyUsNumber('whatsapp:+14155550123')).toBe('not-a-number');
  });
  it('refuses what it cannot place, and never echoes the number in the reason', () => {
    const verdicts = ['12345', '4155550123', 'not a number', 'tel:+14155550123'].map((v) => classifyUsNumber(v));
    for (const verdict of verdicts) {
      expect(verdict).toMatchObject({ us: false });
      expect(JSON.stringify(verdict)).not.toMatch(/415555/);
    }
    expect(classifyUsNumber('12345', { allowedShortCodes: ['12345'] })).toMatchObject({ us: true });
  });
});
