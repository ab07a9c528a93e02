// The guard's decisions into the ledger: a GuardSink (@chaperone/guard) that queues
// `twilio.outbound.decision` and `twilio.webhook.rejected` events and appends them in
// batches. Fail-safe: the sink never throws into the app and never waits on the database;
// when the ledger cannot be written (outage, lock) the events are counted as lost, the queue
// is bounded, and the next successful write records how many were lost and why
// (`ledger.sink.dropped`), so an outage is itself in the ledger.
import type { GuardEvent, GuardEventLevel } from '@chaperone/guard';
import type { CheckpointSigner } from './checkpoint.ts';
import { checkpointHead } from './checkpoint.ts';
import type { GuardDecisionEntry } from './entries.ts';
import type { Ledger } from './store.ts';

export const RECORDED_GUARD_EVENTS: readonly string[] = ['twilio.outbound.decision', 'twilio.webhook.rejected'];

export interface LedgerSinkOptions {
  /** Events recorded (default: outbound decisions and webhook rejections). */
  events?: readonly string[];
  /** Entries per append (default 1,000). */
  batchSize?: number;
  /** Longest an event waits before its batch is written (default 250 ms). */
  flushMs?: number;
  /** Events held while the ledger is slow or down; past it the oldest are dropped and counted (default 50,000). */
  maxQueue?: number;
  /** Sign a checkpoint after every `checkpointEvery` recorded decisions (default 10,000) when a signer is given. */
  signer?: CheckpointSigner;
  checkpointEvery?: number;
  /** Told of each failed write (one line, never the events); default: nothing. */
  onError?: (message: string) => void;
  now?: () => Date;
}

export interface LedgerSink {
  (event: GuardEvent, level: GuardEventLevel): void;
  /** Writes what is queued; resolves when written or given up (never rejects). */
  flush(): Promise<void>;
  /** Flushes, then stops the timer. */
  close(): Promise<void>;
  readonly stats: { recorded: number; dropped: number; failedWrites: number };
}

export function ledgerSink(ledger: Ledger, options: LedgerSinkOptions = {}): LedgerSink {
  const events = new Set(options.events ?? RECORDED_GUARD_EVENTS);
  const batchSize = options.batchSize ?? 1_000;
  const flushMs = options.flushMs ?? 250;
  const maxQueue = options.maxQueue ?? 50_000;
  const checkpointEvery = options.checkpointEvery ?? 10_000;
  const now = options.now ?? (() => new Date());
  const stats = { recorded: 0, dropped: 0, failedWrites: 0 };
  const queue: GuardDecisionEntry[] = [];
  let lost = { count: 0, reason: '' };
  let sinceCheckpoint = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;

  const schedule = () => {
    if (timer || writing) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, flushMs);
    timer.unref();
  };

  async function writeOnce(): Promise<void> {
    const batch = queue.splice(0, batchSize);
    const entries: GuardDecisionEntry[] = [...batch];
    if (lost.count > 0) entries.unshift({ kind: 'guard.decision', event: 'ledger.sink.dropped', level: 'error', fields: { count: lost.count, reason: lost.reason } });
    try {
      await ledger.append(entries, now());
      lost = { count: 0, reason: '' };
      stats.recorded += batch.length;
      sinceCheckpoint += batch.length;
      if (options.signer && sinceCheckpoint >= checkpointEvery) {
        sinceCheckpoint = 0;
        await checkpointHead(ledger, options.signer, now());
      }
    } catch (error) {
      stats.failedWrites++;
      stats.dropped += batch.length;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
      lost = { count: lost.count + batch.length, reason };
      options.onError?.(`ledger sink: ${batch.length} guard decisions not recorded: ${reason}`);
    }
  }

  function flush(): Promise<void> {
    if (writing) return writing.then(() => (queue.length ? flush() : undefined));
    if (queue.length === 0 && lost.count === 0) return Promise.resolve();
    writing = (async () => {
      do await writeOnce();
      while (queue.length > 0);
    })().finally(() => {
      writing = undefined;
      if (queue.length) schedule();
    });
    return writing;
  }

  const sink = ((event: GuardEvent, level: GuardEventLevel) => {
    if (!events.has(event.event)) return;
    const { event: name, ...rest } = event;
    // As JSON would carry them: no undefined, dates as text, so canonical bytes never fail.
    const fields = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
    if (queue.length >= maxQueue) {
      queue.shift();
      stats.dropped++;
      lost = { count: lost.count + 1, reason: lost.reason || 'queue full: the ledger did not keep up' };
    }
    queue.push({ kind: 'guard.decision', event: name, level, fields });
    if (queue.length >= batchSize && !writing) void flush();
    else schedule();
  }) as LedgerSink;
  sink.flush = flush;
  sink.close = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await flush();
  };
  Object.defineProperty(sink, 'stats', { get: () => ({ ...stats }) });
  return sink;
}
