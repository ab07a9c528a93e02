// The ranges of a verify, checked in order on this thread (a small ledger) or spread over
// worker threads (verify-worker.ts), each with its own read connection, and handed back in
// seq order whatever order they finish in. A million entries take a core's worth of
// hashing, parsing and comparing; the tree itself is built by the caller from the leaves.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { LedgerError } from './errors.ts';
import type { Ledger } from './store.ts';
import { checkRange, type RangeResult } from './verify-range.ts';
import type { ToVerifyThread } from './verify-worker.ts';
import { siblingModule, startWorker } from './writer/start-worker.ts';

export interface RangeOptions {
  /** Entries per range (default 5,000). */
  rangeSize?: number;
  /** Worker threads (default: one per core, at most 4, and none below 50,000 entries, where starting them costs more than they save). */
  threads?: number;
}

const DEFAULT_RANGE = 5_000;
const THREADS_FROM = 50_000;
const MOST_THREADS = 4;
/** Ranges handed to each thread ahead of the one it works on, so none waits for the next. */
const AHEAD = 2;
const WORKER = siblingModule('verify-worker', import.meta.url);

export async function* rangeResults(ledger: Ledger, end: number, options: RangeOptions = {}): AsyncGenerator<RangeResult> {
  const size = options.rangeSize ?? DEFAULT_RANGE;
  const starts: number[] = [];
  for (let from = 0; from < end; from += size) starts.push(from);
  const threads = Math.min(options.threads ?? (end >= THREADS_FROM ? Math.min(availableParallelism(), MOST_THREADS) : 0), starts.length);
  if (threads <= 1) {
    for (const from of starts) yield await checkRange(ledger, from, Math.min(from + size, end));
    return;
  }
  const pool = new RangePool(ledger, threads);
  try {
    let handed = 0;
    for (let i = 0; i < starts.length; i++) {
      while (handed < starts.length && handed < i + threads * AHEAD) {
        const from = starts[handed++]!;
        pool.check(from, Math.min(from + size, end));
      }
      const result = await pool.result(starts[i]!);
      yield result;
      if (result.entryProblem) return;
    }
  } finally {
    await pool.close();
  }
}

/** The threads, started by the first verify that needs them and kept (unreferenced) for the next. */
let threadsInUse: VerifyThreads | undefined;
let nextRun = 1;

class VerifyThreads {
  readonly workers: Worker[] = [];
  readonly waiting = new Map<string, { resolve: (r: RangeResult) => void; reject: (e: Error) => void }>();

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.add();
  }

  private add(): void {
    const worker = startWorker(WORKER, undefined);
    worker.unref();
    worker.on('message', (message: { run: number; from: number; result?: RangeResult; error?: string }) => {
      const key = `${message.run} ${message.from}`;
      const waiting = this.waiting.get(key);
      if (!waiting) return;
      this.waiting.delete(key);
      if (message.result) waiting.resolve(message.result);
      else waiting.reject(new LedgerError(message.error ?? 'a verify thread failed'));
    });
    const fail = (reason: string) => {
      // Every range out fails (whichever thread held it); the next verify starts new threads.
      if (threadsInUse === this) threadsInUse = undefined;
      for (const [key, waiting] of this.waiting) {
        this.waiting.delete(key);
        waiting.reject(new LedgerError(`a verify thread stopped: ${reason}`));
      }
    };
    worker.on('error', (error) => fail(error.message.split('\n')[0]!));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.workers.push(worker);
  }
}

/** One verify's use of the threads: its ranges, answered in any order, taken in seq order. */
class RangePool {
  private readonly threads: VerifyThreads;
  private readonly run = nextRun++;
  private readonly done = new Map<number, Promise<RangeResult>>();
  private turn = 0;

  constructor(
    private readonly ledger: Ledger,
    count: number,
  ) {
    if (!threadsInUse || threadsInUse.workers.length < count) threadsInUse = new VerifyThreads(count);
    this.threads = threadsInUse;
    for (const w of this.threads.workers) w.ref();
  }

  check(from: number, to: number): void {
    const worker = this.threads.workers[this.turn++ % this.threads.workers.length]!;
    const result = new Promise<RangeResult>((resolve, reject) => this.threads.waiting.set(`${this.run} ${from}`, { resolve, reject }));
    // A range not taken (the verify stopped at an earlier problem) must not be an unhandled rejection.
    result.catch(() => undefined);
    this.done.set(from, result);
    worker.postMessage({ op: 'check', run: this.run, location: this.ledger.location, lockTimeoutMs: this.ledger.lockTimeoutMs, from, to } satisfies ToVerifyThread);
  }

  result(from: number): Promise<RangeResult> {
    const result = this.done.get(from)!;
    this.done.delete(from);
    return result;
  }

  async close(): Promise<void> {
    for (const w of this.threads.workers) {
      w.postMessage({ op: 'end', run: this.run } satisfies ToVerifyThread);
      w.unref();
    }
  }
}
