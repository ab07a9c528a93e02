import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../src/http/adaptive-limit.ts';

function limitWithClock(max: number) {
  let now = 0;
  const applied: number[] = [];
  const limit = new AdaptiveLimit({ max, cooldownMs: 1_000, raiseAfter: 3, now: () => now }, (n) => applied.push(n));
  return { limit, applied, tick: (ms: number) => (now += ms) };
}

describe('AdaptiveLimit', () => {
  it('halves on a 429, once per cool-down however many arrive together', () => {
    const { limit, applied, tick } = limitWithClock(25);
    limit.throttled();
    limit.throttled();
    limit.throttled();
    expect(limit.current).toBe(12);
    tick(1_000);
    limit.throttled();
    expect(limit.current).toBe(6);
    expect(applied).toEqual([12, 6]);
    expect(limit.cuts).toBe(2);
  });

  it('never goes below 1 nor above the ceiling', () => {
    const { limit, tick } = limitWithClock(2);
    for (let i = 0; i < 5; i++) {
      limit.throttled();
      tick(1_000);
    }
    expect(limit.current).toBe(1);
    for (let i = 0; i < 100; i++) limit.answered();
    expect(limit.current).toBe(2);
  });

  it('climbs back by one after a run of answers without 429, and a 429 resets the run', () => {
    const { limit } = limitWithClock(8);
    limit.throttled();
    expect(limit.current).toBe(4);
    limit.answered();
    limit.answered();
    limit.throttled(); // inside the cool-down: no cut, but the run starts again
    expect(limit.current).toBe(4);
    limit.answered();
    limit.answered();
    expect(limit.current).toBe(4);
    limit.answered();
    expect(limit.current).toBe(5);
  });
});
