import { describe, expect, it } from 'vitest';
import { etaSeconds, progressSummaryLine, workerLines, type RunProgress } from './progress.ts';

const progress = (over: Partial<RunProgress> = {}): RunProgress => ({
  run: 'r',
  state: 'running',
  accountsDone: 40,
  accountsTotal: 100,
  requests: 1200,
  throttled: 30,
  etaSeconds: 75,
  workers: [
    { worker: 'a:1', done: 25, failed: 0, active: 3, requests: 700, throttled: 30, updated: '2026-12-04T20:00:00.000Z' },
    { worker: 'b:2', done: 15, failed: 1, active: 0, requests: 500, throttled: 0, updated: '2026-12-04T19:59:50.000Z' },
  ],
  updated: '2026-12-04T20:00:00.000Z',
  ...over,
});

describe('queued run progress', () => {
  it('says accounts done of total, requests, throttling, ETA and workers on one line', () => {
    expect(progressSummaryLine(progress())).toBe('Scanning: 40/100 accounts · 1200 requests · 30 throttled · ETA 75 s · 2 workers');
    expect(progressSummaryLine(progress({ workers: [], etaSeconds: undefined as unknown as number, throttled: 0 }))).toBe('Scanning: 40/100 accounts · 1200 requests · waiting for workers (chaperone worker --queue URL)');
  });

  it('has one line per worker, naming one that has been silent', () => {
    expect(workerLines(progress(), Date.parse('2026-12-04T20:00:01.000Z'))).toEqual([
      '  a:1: 25 accounts · 3 active · 700 requests · 30 throttled',
      '  b:2: 15 accounts · 0 active · 500 requests · 1 failed · silent 11 s',
    ]);
  });

  it('estimates the time left at the pace so far', () => {
    expect(etaSeconds(0, 100, 0, 10_000)).toBeUndefined();
    expect(etaSeconds(25, 100, 0, 10_000)).toBe(30);
    expect(etaSeconds(100, 100, 0, 10_000)).toBe(0);
  });
});
