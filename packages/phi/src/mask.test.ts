import { describe, expect, it } from 'vitest';
import { maskPhoneNumber } from './mask.ts';

describe('maskPhoneNumber', () => {
  it('hides the last four digits of an E.164 number', () => {
    expect(maskPhoneNumber('+14155551234')).toBe('+1415555****');
  });
  it('keeps the channel prefix', () => {
    expect(maskPhoneNumber('whatsapp:+14155551234')).toBe('whatsapp:+1415555****');
  });
  it('normalises punctuation before masking', () => {
    expect(maskPhoneNumber('+1 (415) 555-1234')).toBe('+1415555****');
  });
  it('masks everything it cannot parse', () => {
    expect(maskPhoneNumber('client:alice')).toBe('****');
    expect(maskPhoneNumber('123')).toBe('****');
  });
});
