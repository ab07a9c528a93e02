// The RFC 9162 §2.1.1 Merkle tree head of a list of leaf hashes. Folding them through a
// CompactRange gives the same tree as the recursive MTH definition (split at the largest power
// of two below n) in O(n) time and O(log n) memory, with no recursion.
import { CompactRange } from './compact-range.ts';

/** MTH(D[n]) given the leaf hashes (leafHash(entry) of each entry, in log order). */
export function rootOf(leafHashes: readonly Uint8Array[]): Buffer {
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** MTH of the leaves [start, end) of `leafHashes`. */
export function subtreeRoot(leafHashes: readonly Uint8Array[], start: number, end: number): Buffer {
  const range = new CompactRange();
  for (let i = start; i < end; i++) range.append(leafHashes[i]!);
  return range.root();
}
