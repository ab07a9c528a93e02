// Bit helpers on tree sizes and indices. JavaScript's bit operators work on 32-bit integers and
// tree sizes may pass 2^31, so these use arithmetic, exact for every safe integer.

export const isOdd = (n: number): boolean => n % 2 === 1;
export const half = (n: number): number => Math.floor(n / 2);

/** The largest power of two strictly less than n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * The inner "right-shift both fn and sn equally until either LSB(fn) is set or fn is 0" of the
 * RFC 9162 §2.1.3.2 and §2.1.4.2 verifiers: a node that is the last of its level climbs the
 * levels where it has no sibling on the path. Returns the new [fn, sn].
 */
export function climbLeftChildren(fn: number, sn: number): [number, number] {
  while (!isOdd(fn) && fn !== 0) {
    fn = half(fn);
    sn = half(sn);
  }
  return [fn, sn];
}
