// The planner's progress on a terminal: the run's totals and one line per worker, redrawn in place.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunProgress } from '@chaperone/scan/distributed';
import type { CommandIO } from '../io.ts';
import { createQueueProgress, MAX_WORKER_LINES, progressBlock } from './scan-queue.ts';

const now = Date.parse('2026-12-04T20:00:00.000Z');
const worker = (name: string, done: number) => ({ worker: name, done, failed: 0, active: 2, requests: done * 20, throttled: 0, updated: '2026-12-04T20:00:00.000Z' });
const progress = (workers: RunProgress['workers']): RunProgress => ({
  run: 'r1',
  state: 'running',
  accountsDone: workers.reduce((n, w) => n + w.done, 0),
  accountsTotal: 100,
  requests: workers.reduce((n, w) => n + w.requests, 0),
  throttled: 0,
  etaSeconds: 60,
  workers,
  updated: '2026-12-04T20:00:00.000Z',
});

function terminal(): { io: CommandIO; written: string[] } {
  const written: string[] = [];
  const io: CommandIO = { stdout() {}, stderr: (t) => void written.push(t), stdin: new PassThrough(), stderrIsTTY: true, env: {}, cwd: '.' };
  return { io, written };
}

describe('queued scan progress on a terminal', () => {
  it('draws one line per worker under the totals', () => {
    const block = progressBlock(progress([worker('host-a:1', 30), worker('host-b:2', 10)]), now, 200);
    expect(block).toEqual(['Scanning: 40/100 accounts · 800 requests · ETA 60 s · 2 workers', '  host-a:1: 30 accounts · 2 active · 600 requests', '  host-b:2: 10 accounts · 2 active · 200 requests']);
  });

  it('shows at most MAX_WORKER_LINES worker lines, the rest counted, every line cut to the width', () => {
    const many = Array.from({ length: MAX_WORKER_LINES + 4 }, (_, i) => worker(`host-${i}:1`, 1));
    const block = progressBlock(progress(many), now, 30);
    expect(block).toHaveLength(1 + MAX_WORKER_LINES);
    expect(block.at(-1)).toBe('  ... 5 more workers');
    for (const line of block) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('redraws the whole block in place and clears it when done', () => {
    const { io, written } = terminal();
    const drawn = createQueueProgress(io, false);
    drawn.update(progress([worker('host-a:1', 1), worker('host-b:2', 1)]));
    drawn.update(progress([worker('host-a:1', 2), worker('host-b:2', 1)]));
    drawn.done();
    expect(written[0]).toContain('host-b:2: 1 accounts');
    // Back up the two worker lines drawn before, clear to the end of the screen, draw again.
    expect(written[1]!.startsWith('\r\u001B[2K\u001B[2A\u001B[J')).toBe(true);
    expect(written[1]).toContain('host-a:1: 2 accounts');
    expect(written[2]).toBe('\r\u001B[2K\u001B[2A\u001B[J');
  });
});
