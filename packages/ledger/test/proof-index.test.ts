import { describe, expect, it } from 'vitest';
import { ProofIndex } from '../src/index.ts';
import { consistencyProof, inclusionProof, leafHash, rootOf, verifyConsistency, verifyInclusion } from '../src/tlog/index.ts';

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

  it('gives the same RFC 9162 consistency proofs as tlog consistencyProof, which verifyConsistency accepts', () => {
    const all = leaves(37);
    const index = new ProofIndex(all);
    const hex = (list: Uint8Array[]) => list.map((h) => Buffer.from(h).toString('hex'));
    for (let n = 1; n <= 37; n++) {
      for (let m = 1; m <= n; m++) {
        const path = index.consistencyPath(m, n);
        expect(hex(path), `${m} -> ${n}`).toEqual(hex(consistencyProof(m, all.slice(0, n))));
        expect(verifyConsistency(m, n, rootOf(all.slice(0, m)), rootOf(all.slice(0, n)), path)).toBe(true);
      }
    }
    expect(verifyConsistency(5, 9, rootOf(all.slice(0, 6)), rootOf(all.slice(0, 9)), index.consistencyPath(5, 9))).toBe(false);
    expect(() => index.consistencyPath(0, 9)).toThrow(RangeError);
  });
});
