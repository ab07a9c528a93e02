// RFC 9162 §2.1.3: audit paths proving that one leaf is in a tree. Written here, not taken
// from a library: no maintained npm package implements RFC 9162 proofs (sigstore-js keeps its
// inclusion check internal, and drops Node 20). The verifier is checked against every
// transparency-dev/merkle vector, negatives included.
import { LedgerInputError } from './errors.ts';
import { HASH_SIZE, nodeHash } from './hash.ts';
import { climbLeftChildren, half, isOdd, splitPoint } from './bits.ts';
import { subtreeRoot } from './root.ts';
import { sameBytes } from './same-bytes.ts';

/** PATH(index, D[n]) of §2.1.3.1 over the leaf hashes given, bottom-up; O(n) time. */
export function inclusionProof(index: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  const size = leafHashes.length;
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new LedgerInputError(`inclusion proof: index must be an integer in [0, ${size})`);
  }
  // Walk down from the whole tree to the leaf; the sibling met at each split is one step of
  // the path, and the path lists them from the leaf up.
  const siblings: Buffer[] = [];
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      siblings.push(subtreeRoot(leafHashes, start + k, start + n));
      n = k;
    } else {
      siblings.push(subtreeRoot(leafHashes, start, start + k));
      start += k;
      m -= k;
      n -= k;
    }
  }
  return siblings.reverse();
}

/** §2.1.3.2: true only if `proof` shows the leaf `leafHash` at `index` in the tree of `size` leaves whose head is `root`. */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      [fn, sn] = climbLeftChildren(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameBytes(r, root);
}
