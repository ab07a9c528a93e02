import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../src/http/adaptive-limit.ts';

function limit(max: number) {
  const applied: number[] = [];
  return { limit: new AdaptiveLimit({ max, raiseAfter: 3 }, (n) => applied.push(n)), applied };
}

describe('AdaptiveLimit', () => {
  it('halves on a 429, once for all the requests sent at the same limit', () => {
    const { limit: l, applied } = limit(25);
    const sentAt = l.generation;
    expect(l.throttled(sentAt)).toBe(true);
    expect(l.throttled(sentAt)).toBe(false);
    expect(l.throttled(sentAt)).toBe(false);
    expect(l.current).toBe(12);
    expect(l.throttled(l.generation)).toBe(true);
    expect(l.current).toBe(6);
    expect(applied).toEqual([12, 6]);
  });

  it('never goes below 1 nor above the ceiling', () => {
    const { limit: l } = limit(2);
    for (let i = 0; i < 5; i++) l.throttled(l.generation);
    expect(l.current).toBe(1);
    for (let i = 0; i < 100; i++) l.answered();
    expect(l.current).toBe(2);
  });

  it('climbs back by one after a run of answers without 429, and a 429 resets the run', () => {
    const { limit: l } = limit(8);
    const old = l.generation;
    l.throttled(old);
    expect(l.current).toBe(4);
    l.answered();
    l.answered();
    l.throttled(old); // an answer to a request sent before the cut: no cut, but the run starts again
    expect(l.current).toBe(4);
    l.answered();
    l.answered();
    expect(l.current).toBe(4);
    l.answered();
    expect(l.current).toBe(5);
  });
});
