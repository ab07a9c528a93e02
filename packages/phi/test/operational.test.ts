import { describe, expect, it } from 'vitest';
import { digitsOutside, operationalSpans } from '../src/operational.ts';

const covered = (text: string): string[] => operationalSpans(text).map((s) => text.slice(s.start, s.end));

describe('operationalSpans', () => {
  it('finds SIDs, UUIDs, timestamps, versions, digests and Twilio URLs', () => {
    const text =
      '2024-03-05T12:00:00Z SM0123456789abcdef0123456789abcdef 550e8400-e29b-41d4-a716-446655440000 v2.14.0 sha256:abc123 https://api.twilio.com/2010-04-01/Accounts';
    const spans = covered(text);
    for (const token of ['2024-03-05T12:00:00Z', 'SM0123456789abcdef0123456789abcdef', '550e8400-e29b-41d4-a716-446655440000', 'v2.14.0', 'sha256:abc123']) {
      expect(spans).toContain(token);
    }
    expect(spans.some((s) => s.startsWith('https://api.twilio.com/'))).toBe(true);
  });
  it('leaves phone-shaped dotted numbers, IPv4 and "zip code" numbers to the detectors', () => {
    expect(covered('call 415.555.2671')).toEqual([]);
    expect(covered('from 10.0.0.12')).toEqual([]);
    expect(covered('zip code 94105')).toEqual([]);
    expect(covered('error code 30007')).toEqual(['code 30007']);
  });
});

describe('digitsOutside', () => {
  it('counts digits outside overlapping spans, stopping at the limit', () => {
    const text = 'ab12cd3456ef78';
    expect(digitsOutside(text, [], 99)).toBe(8);
    expect(digitsOutside(text, [{ start: 4, end: 8 }, { start: 6, end: 10 }], 99)).toBe(4);
    expect(digitsOutside(text, [{ start: 0, end: 14 }], 99)).toBe(0);
    expect(digitsOutside(text, [], 3)).toBe(3);
  });
});
