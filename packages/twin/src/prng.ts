// A small seeded PRNG (mulberry32) so SIDs, tokens, latency jitter and fault draws repeat
// exactly for a seed. Written by hand because it is a dozen lines and the twin must not
// depend on Math.random; it is not for cryptography.
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** 32 lowercase hex digits, the body of a Twilio SID or auth token. */
  hex32(): string {
    let out = '';
    for (let i = 0; i < 4; i++) out += this.nextUint32().toString(16).padStart(8, '0');
    return out;
  }
}
