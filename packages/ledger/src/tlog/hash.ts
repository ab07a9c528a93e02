// RFC 9162 §2.1.1 hashes: SHA-256 with a one-byte domain prefix, 0x00 for leaves and 0x01 for
// interior nodes, so that no interior node can be passed off as a leaf (second preimage).
import { createHash, hash } from 'node:crypto';
import { LedgerInputError } from './errors.ts';

export const HASH_SIZE = 32;

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/**
 * One-shot SHA-256 (crypto.hash, Node 20.12+) over the prefix and the data copied into one
 * reused buffer: a ledger verify hashes a million leaves and as many nodes, and a Hash object
 * per digest cost more than the digest itself. Hashing is synchronous, so one buffer serves.
 */
let scratch = Buffer.allocUnsafe(4096);

function prefixedSha256(prefix: number, parts: readonly Uint8Array[]): Buffer {
  let size = 1;
  for (const part of parts) size += part.length;
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  scratch[0] = prefix;
  let at = 1;
  for (const part of parts) {
    scratch.set(part, at);
    at += part.length;
  }
  // As latin1 ('binary') text then copied into a Buffer: a third cheaper than asking for a Buffer (Node 20).
  return Buffer.from(hash('sha256', scratch.subarray(0, size), 'binary'), 'latin1');
}

/** SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Buffer {
  return prefixedSha256(0x00, [entry]);
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return prefixedSha256(0x01, [left, right]);
}

/** Throws unless `hash` is a 32-byte SHA-256 value; `what` names it in the message. */
export function assertHash(hash: unknown, what: string): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new LedgerInputError(`${what}: expected a ${HASH_SIZE}-byte SHA-256 hash`);
  }
}
