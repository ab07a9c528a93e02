import { describe, expect, it } from 'vitest';
import { ProofIndex } from '../src/index.ts';
import { inclusionProof, leafHash, rootOf, verifyInclusion } from '../src/tlog/index.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));

describe('ProofIndex', () => {
  it('gives the same RFC 9162 paths as tlog inclusionProof, which verifyInclusion accepts', () => {
    for (let n = 1; n <= 40; n++) {
      const all = leaves(n);
      const index = new ProofIndex(all);
      expect(Buffer.from(index.root()).equals(rootOf(all))).toBe(true);
      for (let i = 0; i < n; i++) {
        const path = index.inclusionPath(i);
        expect(path.map((h) => Buffer.from(h).toString('hex'))).toEqual(inclusionProof(i, all).map((h) => Buffer.from(h).toString('hex')));
        expect(verifyInclusion(i, n, all[i]!, path, rootOf(all))).toBe(true);
      }
    }
  });

  it('proves a leaf against an earlier, smaller tree of the same leaves', () => {
    const all = leaves(37);
    const index = new ProofIndex(all);
    const path = index.inclusionPath(20, 29);
    expect(verifyInclusion(20, 29, all[20]!, path, rootOf(all.slice(0, 29)))).toBe(true);
    expect(verifyInclusion(21, 29, all[21]!, path, rootOf(all.slice(0, 29)))).toBe(false);
    expect(() => index.inclusionPath(29, 29)).toThrow(RangeError);
  });
});
