// RFC 9162 §2.1.1 hashes: SHA-256 with a one-byte domain prefix, 0x00 for leaves and 0x01 for
// interior nodes, so that no interior node can be passed off as a leaf (second preimage).
import { createHash } from 'node:crypto';
import { LedgerInputError } from './errors.ts';

export const HASH_SIZE = 32;

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Throws unless `hash` is a 32-byte SHA-256 value; `what` names it in the message. */
export function assertHash(hash: unknown, what: string): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new LedgerInputError(`${what}: expected a ${HASH_SIZE}-byte SHA-256 hash`);
  }
}
