import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscaped, encodeEscaped } from '../src/index.ts';

describe('decodeEscaped / encodeEscaped', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const b = Buffer.from(bytes);
        expect(encodeEscaped(decodeEscaped(b)).equals(b)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads valid UTF-8 as text, including characters outside the BMP', () => {
    const text = 'José 😀 Šárka Ottová';
    expect(decodeEscaped(Buffer.from(text, 'utf8'))).toBe(text);
    expect(encodeEscaped(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('escapes each invalid byte as one lone surrogate, which no letter or digit class matches', () => {
    const s = decodeEscaped(Buffer.from('caf\xe9', 'latin1'));
    expect(s).toBe('caf\udce9');
    expect(/[\p{L}\p{N}]/u.test(s.slice(3))).toBe(false);
    // Overlong, surrogate and out-of-range sequences are invalid UTF-8: every byte escaped.
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      expect(decodeEscaped(Buffer.from(bad))).toHaveLength(bad.length);
    }
  });
});
