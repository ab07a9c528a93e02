import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPhi, redactPhi } from '../src/index.ts';

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const sid = fc.tuple(fc.constantFrom('SM', 'CA', 'AC', 'WK', 'WT', 'MG', 'PN', 'FW'), hex(32)).map(([p, h]) => p + h);
const uuid = fc.uuid();
const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const version = fc.tuple(fc.nat(40), fc.nat(40), fc.nat(40)).map(([a, b, c]) => `v${a}.${b}.${c}`);
const operational = fc.oneof(sid, uuid, timestamp, version);
const filler = fc.constantFrom('status=delivered', 'error 30007', 'retry', 'INFO', 'sent to queue', '{"ok":true}', 'latency=20ms');

describe('properties', () => {
  it('operational tokens in any log-like mix come out untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(operational, filler), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.join(' ');
        expect(redactPhi(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('hits are in order, inside the text and non-overlapping, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let last = 0;
        for (const h of detectPhi(text)) {
          expect(h.start).toBeGreaterThanOrEqual(last);
          expect(h.end).toBeGreaterThan(h.start);
          expect(h.end).toBeLessThanOrEqual(text.length);
          last = h.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('redaction never adds or removes a line break', () => {
    const phiWords = fc.constantFrom('Patient', 'Maria', 'Lopez', '415', '555-2671', '12 Oak', 'Street', 'DOB March', '3, 1975', 'Dr.');
    const line = fc.array(fc.oneof(fc.string({ maxLength: 20 }), phiWords), { maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        expect(redactPhi(text).split('\n').length).toBe(text.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });

  it('a multi-line text is redacted exactly as its lines one by one', () => {
    const text = 'Hi Maria\nLopez called from 415\n555-2671\nPatient Olivia Murphy DOB 03/14/1975';
    expect(redactPhi(text)).toBe(text.split('\n').map((l) => redactPhi(l)).join('\n'));
    expect(redactPhi(text)).toBe('Hi <NAME>\nLopez called from 415\n555-2671\nPatient <NAME> DOB <DATE>');
  });
});
