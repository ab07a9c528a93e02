import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LedgerInputError, consistencyProof, inclusionProof, leafHash, rootOf, verifyConsistency, verifyInclusion } from '../../src/tlog/index.ts';

// Distinct leaves, so that a proof for one position can only verify at that position.
const treeOf = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const flip = (proof: Buffer[], at: number, bit: number): Buffer[] =>
  proof.map((p, i) => {
    if (i !== at) return p;
    const q = Buffer.from(p);
    q[Math.floor(bit / 8) % q.length]! ^= 1 << bit % 8;
    return q;
  });
const sameProof = (a: Buffer[], b: Buffer[]): boolean => a.length === b.length && a.every((p, i) => p.equals(b[i]!));

const sizeAndIndex = fc.integer({ min: 1, max: 70 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1)));

describe('inclusion proofs on random trees', () => {
  it('verify, and fail on any flipped bit of the proof, the leaf or the root', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.nat(255), ([n, i], at, bit) => {
        const leaves = treeOf(n);
        const root = rootOf(leaves);
        const proof = inclusionProof(i, leaves);
        expect(verifyInclusion(i, n, leaves[i]!, proof, root)).toBe(true);
        if (proof.length > 0) expect(verifyInclusion(i, n, leaves[i]!, flip(proof, at % proof.length, bit), root)).toBe(false);
        expect(verifyInclusion(i, n, flip([leaves[i]!], 0, bit)[0]!, proof, root)).toBe(false);
        expect(verifyInclusion(i, n, leaves[i]!, proof, flip([root], 0, bit)[0]!)).toBe(false);
        expect(verifyInclusion(i, n, leaves[i]!, proof.slice(0, -1), root)).toBe(proof.length === 0);
        expect(verifyInclusion(i, n, leaves[i]!, [...proof, root], root)).toBe(false);
      }),
    );
  });

  it('fail at any other index', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(69), ([n, i], j) => {
        fc.pre(j !== i);
        const leaves = treeOf(n);
        expect(verifyInclusion(j, n, leaves[i]!, inclusionProof(i, leaves), rootOf(leaves))).toBe(false);
      }),
    );
  });

  it('verify at another size only where that tree has the very same path', () => {
    // A root is bound to its size only by the checkpoint, so a path can be valid for two sizes
    // (index 0 of 3 and of 4 leaves share [h1, h2] when checked against the 3-leaf root); against
    // the other tree's own root, it must verify exactly when it is that tree's path.
    fc.assert(
      fc.property(sizeAndIndex, fc.integer({ min: 1, max: 70 }), ([n, i], m) => {
        fc.pre(m !== n && i < m);
        const big = treeOf(Math.max(n, m));
        const proof = inclusionProof(i, big.slice(0, n));
        expect(verifyInclusion(i, m, big[i]!, proof, rootOf(big.slice(0, m)))).toBe(sameProof(proof, inclusionProof(i, big.slice(0, m))));
      }),
    );
  });

  it('refuse to build a proof for an index outside the tree', () => {
    expect(() => inclusionProof(3, treeOf(3))).toThrow(LedgerInputError);
    expect(() => inclusionProof(-1, treeOf(3))).toThrow(LedgerInputError);
    expect(() => inclusionProof(0, [])).toThrow(LedgerInputError);
  });
});

const oldAndNew = fc.integer({ min: 1, max: 70 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

describe('consistency proofs on random trees', () => {
  it('verify, and fail on any flipped bit of the proof or either root', () => {
    fc.assert(
      fc.property(oldAndNew, fc.nat(), fc.nat(255), ([m, n], at, bit) => {
        const leaves = treeOf(n);
        const oldRoot = rootOf(leaves.slice(0, m));
        const newRoot = rootOf(leaves);
        const proof = consistencyProof(m, leaves);
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true);
        if (proof.length > 0) expect(verifyConsistency(m, n, oldRoot, newRoot, flip(proof, at % proof.length, bit))).toBe(false);
        expect(verifyConsistency(m, n, flip([oldRoot], 0, bit)[0]!, newRoot, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flip([newRoot], 0, bit)[0]!, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, newRoot, [...proof, newRoot])).toBe(false);
      }),
    );
  });

  it('fail for a tree that rewrote an old leaf', () => {
    fc.assert(
      fc.property(oldAndNew, fc.nat(69), ([m, n], k) => {
        const leaves = treeOf(n);
        const forged = leaves.slice();
        forged[k % m] = leafHash(Buffer.from('forged'));
        const proof = consistencyProof(m, forged);
        expect(verifyConsistency(m, n, rootOf(leaves.slice(0, m)), rootOf(forged), proof)).toBe(false);
      }),
    );
  });

  it('verify at other sizes only where the proof is that pair of trees’ own proof', () => {
    fc.assert(
      fc.property(oldAndNew, fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), ([m, n], m2, n2) => {
        fc.pre((m2 !== m || n2 !== n) && m2 <= n2);
        const big = treeOf(Math.max(n, n2));
        const proof = consistencyProof(m, big.slice(0, n));
        const ok = verifyConsistency(m2, n2, rootOf(big.slice(0, m2)), rootOf(big.slice(0, n2)), proof);
        expect(ok).toBe(sameProof(proof, consistencyProof(m2, big.slice(0, n2))));
      }),
    );
  });

  it('refuse a proof from the empty tree or past the end', () => {
    expect(() => consistencyProof(0, treeOf(3))).toThrow(LedgerInputError);
    expect(() => consistencyProof(4, treeOf(3))).toThrow(LedgerInputError);
    expect(consistencyProof(3, treeOf(3))).toEqual([]);
  });
});
