// The server's notion of "now", injected so tests can move time (the idle logoff, the
// absolute session cap, expiry of attestations) without waiting.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (tests, benchmarks). */
export class ManualClock implements Clock {
  constructor(private at: number = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
  set(ms: number): void {
    this.at = ms;
  }
}
