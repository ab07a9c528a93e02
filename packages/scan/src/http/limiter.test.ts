import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter.ts';

/** A task that holds its slot until released by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, task: () => opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Limiter', () => {
  it('holds at most `limit` tasks at once and counts what waits', async () => {
    const limiter = new Limiter(2);
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g) => limiter.run(g.task));
    await tick();
    expect([limiter.active, limiter.waiting]).toEqual([2, 1]);
    gates.forEach((g) => g.open());
    await Promise.all(runs);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('serves waiters lowest priority first, first come first served within one priority', async () => {
    const limiter = new Limiter(1);
    const holder = gate();
    const held = limiter.run(holder.task);
    const order: string[] = [];
    const queued = [
      ['late account, first request', 3],
      ['early account', 1],
      ['late account, second request', 3],
      ['earliest account', 0],
      ['early account, again', 1],
    ] as const;
    const runs = queued.map(([name, priority]) => limiter.run(async () => void order.push(name), priority));
    holder.open();
    await Promise.all([held, ...runs]);
    expect(order).toEqual(['earliest account', 'early account', 'early account, again', 'late account, first request', 'late account, second request']);
  });

  it('keeps the order over many waiters (the heap stays a heap)', async () => {
    const limiter = new Limiter(1);
    const holder = gate();
    const held = limiter.run(holder.task);
    const priorities = Array.from({ length: 200 }, (_, i) => (i * 7919) % 37);
    const served: number[] = [];
    const runs = priorities.map((p) => limiter.run(async () => void served.push(p), p));
    holder.open();
    await Promise.all([held, ...runs]);
    expect(served).toEqual([...priorities].sort((a, b) => a - b));
  });

  it('acquire() takes a free slot at once and queues by priority when full; release() hands the slot on', async () => {
    const limiter = new Limiter(1);
    expect(limiter.acquire()).toBeUndefined();
    const served: string[] = [];
    const late = limiter.acquire(5)!.then(() => served.push('late'));
    const early = limiter.acquire(1)!.then(() => served.push('early'));
    expect(limiter.waiting).toBe(2);
    limiter.release();
    await early;
    expect(limiter.active).toBe(1);
    limiter.release();
    await late;
    limiter.release();
    expect(served).toEqual(['early', 'late']);
    expect(limiter.active).toBe(0);
  });

  it('refuses a limit that is not a whole number >= 1', () => {
    expect(() => new Limiter(0)).toThrow(/whole number/);
  });
});
