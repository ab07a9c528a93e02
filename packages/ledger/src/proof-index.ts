// Inclusion proofs for many leaves of one tree. tlog's inclusionProof() works from the leaf
// list on its own and costs O(n) per proof; an export proves every finding (tens of
// thousands), so this keeps each level of the tree once (2n hashes) and answers each proof
// in O(log^2 n) hashes. The proofs are the RFC 9162 §2.1.3.1 PATH, checked against
// tlog's verifyInclusion in the tests.
import { EMPTY_ROOT, nodeHash } from './tlog/index.ts';

export class ProofIndex {
  /** levels[j][i]: root of the perfect subtree of 2^j leaves starting at leaf i * 2^j. */
  private readonly levels: Uint8Array[][];

  constructor(leaves: readonly Uint8Array[]) {
    this.levels = [leaves.slice()];
    for (let level = this.levels[0]!; level.length > 1; ) {
      const up: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeHash(level[i]!, level[i + 1]!));
      this.levels.push(up);
      level = up;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  /** MTH(D[start:end]); `start` is a multiple of the largest power of two below end - start, as in every split of the tree. */
  root(start = 0, end = this.size): Uint8Array {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if ((n & (n - 1)) === 0) return this.levels[Math.log2(n)]![start / n]!;
    const k = largestPowerOfTwoBelow(n);
    return nodeHash(this.root(start, start + k), this.root(start + k, end));
  }

  /** PATH(index, D[0:size]): sibling hashes from the leaf up. */
  inclusionPath(index: number, size = this.size): Uint8Array[] {
    if (index < 0 || index >= size || size > this.size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const path: Uint8Array[] = [];
    const walk = (start: number, end: number): void => {
      const n = end - start;
      if (n === 1) return;
      const k = largestPowerOfTwoBelow(n);
      if (index < start + k) {
        walk(start, start + k);
        path.push(this.root(start + k, end));
      } else {
        walk(start + k, end);
        path.push(this.root(start, start + k));
      }
    };
    walk(0, size);
    return path;
  }

  /** PROOF(oldSize, D[0:newSize]) of §2.1.4.1: the tree of newSize leaves extends the tree of oldSize; empty when they are equal. */
  consistencyPath(oldSize: number, newSize = this.size): Uint8Array[] {
    if (oldSize < 1 || oldSize > newSize || newSize > this.size) throw new RangeError(`no consistency proof from ${oldSize} to ${newSize} leaves (of ${this.size})`);
    // SUBPROOF(m, D[start:start+n], b), as tlog's consistencyProof walks it, with subtree roots from the index.
    const siblings: Uint8Array[] = [];
    let start = 0;
    let n = newSize;
    let m = oldSize;
    let wholeOldTree = true;
    while (m !== n) {
      const k = largestPowerOfTwoBelow(n);
      if (m <= k) {
        siblings.push(this.root(start + k, start + n));
        n = k;
      } else {
        siblings.push(this.root(start, start + k));
        start += k;
        m -= k;
        n -= k;
        wholeOldTree = false;
      }
    }
    return (wholeOldTree ? [] : [this.root(start, start + n)]).concat(siblings.reverse());
  }
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
