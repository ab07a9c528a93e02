// The frontier of an append-only Merkle tree (what transparency-dev/merkle calls a compact
// range from 0): the roots of the perfect subtrees that together cover leaves [0, size), one
// per set bit of size, largest first. Appending merges at most log2(size) of them, and the
// RFC 9162 tree head is these roots folded right to left, so storage keeps one small row
// instead of the whole tree. Sizes use arithmetic, not bit operators: those stop at 2^31.
import { LedgerInputError } from './errors.ts';
import { EMPTY_ROOT, HASH_SIZE, assertHash, nodeHash } from './hash.ts';

/** What CompactRange.toJSON() gives and fromJSON() takes: the size and the subtree roots in base64, largest subtree first. */
export interface CompactRangeJSON {
  size: number;
  hashes: string[];
}

export class CompactRange {
  #size = 0;
  #hashes: Buffer[] = [];

  /** Number of leaves appended. */
  get size(): number {
    return this.#size;
  }

  /** Appends one leaf hash (leafHash(entry)); O(log size). */
  append(leaf: Uint8Array): void {
    assertHash(leaf, 'leaf hash');
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new LedgerInputError('tree size: past 2^53 - 1 leaves');
    let hash: Buffer = Buffer.from(leaf);
    // Each low set bit of size is a perfect subtree the new leaf completes a pair with.
    for (let s = this.#size; s % 2 === 1; s = Math.floor(s / 2)) {
      hash = nodeHash(this.#hashes.pop()!, hash);
    }
    this.#hashes.push(hash);
    this.#size++;
  }

  /** The RFC 9162 §2.1.1 Merkle tree head of the leaves appended so far. */
  root(): Buffer {
    const n = this.#hashes.length;
    if (n === 0) return Buffer.from(EMPTY_ROOT);
    let root = this.#hashes[n - 1]!;
    for (let i = n - 2; i >= 0; i--) root = nodeHash(this.#hashes[i]!, root);
    return Buffer.from(root);
  }

  toJSON(): CompactRangeJSON {
    return { size: this.#size, hashes: this.#hashes.map((h) => h.toString('base64')) };
  }

  /** Rebuilds a range from toJSON() output; throws LedgerInputError if it is not one (wrong count, bad hash). */
  static fromJSON(json: unknown): CompactRange {
    if (typeof json !== 'object' || json === null) throw new LedgerInputError('compact range: expected an object {size, hashes}');
    const { size, hashes } = json as Record<string, unknown>;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw new LedgerInputError('compact range.size: expected a non-negative safe integer');
    }
    if (!Array.isArray(hashes) || hashes.length !== popcount(size)) {
      throw new LedgerInputError('compact range.hashes: expected one base64 hash per set bit of size');
    }
    const range = new CompactRange();
    range.#hashes = hashes.map((h, i) => decodeHash(h, `compact range.hashes[${i}]`));
    range.#size = size;
    return range;
  }
}

function popcount(n: number): number {
  let count = 0;
  for (let s = n; s > 0; s = Math.floor(s / 2)) count += s % 2;
  return count;
}

const BASE64 = /^[A-Za-z0-9+/]{43}=$/;

function decodeHash(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) throw new LedgerInputError(`${what}: expected a 32-byte hash in standard base64`);
  const hash = Buffer.from(value, 'base64');
  if (hash.length !== HASH_SIZE || hash.toString('base64') !== value) throw new LedgerInputError(`${what}: expected a 32-byte hash in standard base64`);
  return hash;
}
