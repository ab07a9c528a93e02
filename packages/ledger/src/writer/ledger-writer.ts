// Appends to a ledger from a thread of its own (writer-worker.ts), for callers on an app's
// event loop (the guard sink) or a scan's busy thread (the recorder): the caller pays for one
// JSON.stringify of each batch; canonical bytes, hashes, inserts and the fsync are the
// writer's. Appends keep the order they were made in. A writer that dies (or cannot start) fails
// the appends it held, and the next append starts a new one.
import type { Worker } from 'node:worker_threads';
import type { EntryContent } from '../entries.ts';
import { LedgerError } from '../errors.ts';
import type { LedgerLocation } from '../location.ts';
import type { AppendResult } from '../store.ts';
import type { FromWriter, ToWriter, WriterSettings } from './protocol.ts';
import { siblingModule, startWorker } from './start-worker.ts';

const WORKER = siblingModule('writer-worker', import.meta.url);
const CLOSE_GRACE_MS = 2_000;

interface Pending {
  resolve: (result: AppendResult | undefined) => void;
  reject: (error: Error) => void;
}

export class LedgerWriter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly settings: WriterSettings) {}

  static forLocation(location: LedgerLocation, options: Omit<WriterSettings, 'location'> = {}): LedgerWriter {
    return new LedgerWriter({ location, ...options });
  }

  /** Appends in one transaction on the writer thread (or with others queued behind it); rejects with the writer's one-line reason. */
  append(entries: readonly EntryContent[], at: Date = new Date()): Promise<AppendResult> {
    return this.send({ op: 'append', entries: JSON.stringify(entries), at: at.toISOString() }) as Promise<AppendResult>;
  }

  /** The same, given the guard sink's `[levels, events]` JSON text (guard-events.ts): the writer thread builds the entries. */
  appendGuardEvents(json: string, at: Date = new Date()): Promise<AppendResult> {
    return this.send({ op: 'append', entries: json, at: at.toISOString(), guardEvents: true }) as Promise<AppendResult>;
  }

  /** Starts the thread now rather than at the first append. */
  start(): void {
    this.started();
  }

  /** Waits for what was posted, then stops the thread and its connection. */
  async close(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await this.send({ op: 'close' }).catch(() => undefined);
    // The thread ends by itself once its connection is closed; a stuck one is stopped.
    const stop = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(stop);
    if (this.worker === worker) this.worker = undefined;
  }

  private send(message: Omit<Extract<ToWriter, { op: 'append' }>, 'id'> | { op: 'close' }): Promise<AppendResult | undefined> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Kept alive while it holds appends (a scan awaiting its last batch), never when idle.
      worker.ref();
      worker.postMessage({ ...message, id } as ToWriter);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(WORKER, this.settings);
    // An idle writer never keeps the process alive (send() holds it while appends are out).
    worker.unref();
    worker.on('message', (message: FromWriter) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new LedgerError(message.message));
    });
    const fail = (reason: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(new LedgerError(`the ledger writer thread stopped: ${reason}`));
      }
    };
    worker.on('error', (error) => fail(error.message.split('\n')[0]!));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
