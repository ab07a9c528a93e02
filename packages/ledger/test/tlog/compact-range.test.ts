import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactRange, EMPTY_ROOT, LedgerInputError, leafHash } from '../../src/tlog/index.ts';
import { referenceRoot } from './merkle-reference.ts';

describe('CompactRange', () => {
  it('starts empty', () => {
    const r = new CompactRange();
    expect(r.size).toBe(0);
    expect(r.root().equals(EMPTY_ROOT)).toBe(true);
    expect(r.toJSON()).toEqual({ size: 0, hashes: [] });
  });

  it('gives the RFC root after every append, and survives a JSON round trip at any point', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 4 }), { maxLength: 40 }), fc.nat(40), (entries, cut) => {
        let range = new CompactRange();
        entries.forEach((e, i) => {
          if (i === cut) range = CompactRange.fromJSON(JSON.parse(JSON.stringify(range.toJSON())));
          range.append(leafHash(e));
          expect(range.size).toBe(i + 1);
          expect(range.root().equals(referenceRoot(entries.slice(0, i + 1)))).toBe(true);
        });
      }),
    );
  });

  it('keeps one hash per set bit of size (O(log n) state)', () => {
    const r = new CompactRange();
    for (let i = 0; i < 1000; i++) r.append(leafHash(Buffer.from([i & 0xff])));
    expect(r.toJSON().hashes).toHaveLength(6); // 1000 = 0b1111101000
  });

  it('root() does not expose internal state', () => {
    const r = new CompactRange();
    r.append(leafHash(Buffer.from('a')));
    r.root().fill(0);
    expect(r.root().equals(referenceRoot([Buffer.from('a')]))).toBe(true);
  });

  it.each([
    ['not an object', 'x'],
    ['negative size', { size: -1, hashes: [] }],
    ['fractional size', { size: 1.5, hashes: [] }],
    ['too few hashes', { size: 3, hashes: [EMPTY_ROOT.toString('base64')] }],
    ['too many hashes', { size: 2, hashes: [EMPTY_ROOT.toString('base64'), EMPTY_ROOT.toString('base64')] }],
    ['short hash', { size: 1, hashes: ['AAAA'] }],
    ['url-safe base64', { size: 1, hashes: [Buffer.alloc(32, 0xff).toString('base64url') + '='] }],
    ['non-string hash', { size: 1, hashes: [1] }],
  ])('fromJSON refuses %s', (_name, json) => {
    expect(() => CompactRange.fromJSON(json)).toThrow(LedgerInputError);
  });

  it('append refuses a non-hash', () => {
    expect(() => new CompactRange().append(Buffer.from('entry bytes, not a hash'))).toThrow(LedgerInputError);
  });
});
