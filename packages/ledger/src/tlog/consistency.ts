// RFC 9162 §2.1.4: consistency proofs that a tree of newSize leaves extends the tree of
// oldSize leaves (same first oldSize leaves, in the same order). Hand-written for the same
// reason as inclusion.ts, and checked against the same vectors.
import { LedgerInputError } from './errors.ts';
import { HASH_SIZE, nodeHash } from './hash.ts';
import { climbLeftChildren, half, isOdd, isPowerOfTwo, splitPoint } from './bits.ts';
import { subtreeRoot } from './root.ts';
import { sameBytes } from './same-bytes.ts';

/** PROOF(oldSize, D[n]) of §2.1.4.1 over the leaf hashes given (n = leafHashes.length); empty when oldSize = n. */
export function consistencyProof(oldSize: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  const size = leafHashes.length;
  if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > size) {
    throw new LedgerInputError(`consistency proof: old size must be an integer in [1, ${size}] (a proof from the empty tree proves nothing)`);
  }
  // SUBPROOF(m, D[start:start+n], b) unrolled: each split adds one sibling, listed after the
  // proof of the part that holds the old tree's edge, so they come out in reverse.
  const siblings: Buffer[] = [];
  let start = 0;
  let n = size;
  let m = oldSize;
  let wholeOldTree = true;
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      siblings.push(subtreeRoot(leafHashes, start + k, start + n));
      n = k;
    } else {
      siblings.push(subtreeRoot(leafHashes, start, start + k));
      start += k;
      m -= k;
      n -= k;
      wholeOldTree = false;
    }
  }
  // The verifier knows the old root, so it is left out when this subtree is the whole old tree.
  const proof = wholeOldTree ? [] : [subtreeRoot(leafHashes, start, start + n)];
  return proof.concat(siblings.reverse());
}

/** §2.1.4.2: true only if `proof` shows that the tree (newSize, newRoot) extends the tree (oldSize, oldRoot). */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize)) return false;
  // From the empty tree every tree is consistent, so such a claim carries no evidence.
  if (oldSize < 1 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && sameBytes(oldRoot, newRoot);
  if (proof.length === 0) return false;
  if (oldRoot.length !== HASH_SIZE || newRoot.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE)) return false;

  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      [fn, sn] = climbLeftChildren(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameBytes(fr, oldRoot) && sameBytes(sr, newRoot);
}
