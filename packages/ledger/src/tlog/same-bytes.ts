import { timingSafeEqual } from 'node:crypto';

/** Byte equality of two arrays of any length (hash comparisons need no secrecy, but timingSafeEqual is the one-call compare node has). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
