// The guard's decisions into the ledger: a GuardSink (@chaperone/guard) that queues
// `twilio.outbound.decision` and `twilio.webhook.rejected` events and appends them in
// batches on a writer thread (writer/), so neither the hashing nor SQLite's commit runs on
// the app's event loop. Fail-safe: the sink never throws into the app and never waits on the
// database; when the ledger cannot be written (outage, lock) the events are counted as lost,
// the queue is bounded, and the next successful write records how many were lost and why
// (`ledger.sink.dropped`), so an outage is itself in the ledger.
import type { GuardEvent, GuardEventLevel } from '@chaperone/guard';
import type { CheckpointSigner } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import type { Ledger } from './store.ts';
import { LedgerWriter } from './writer/ledger-writer.ts';

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
  /**
   * Sign a checkpoint after every `checkpointEvery` recorded decisions (default 10,000) when a
   * signer is given: one from loadSigner or ensureSigner, whose key file the writer thread opens.
   */
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
  /** Flushes, then stops the timer and the writer thread. */
  close(): Promise<void>;
  /** `pending`: decisions queued or being written, not yet recorded (an app's health check can watch it). */
  readonly stats: { recorded: number; dropped: number; failedWrites: number; pending: number };
}


export function ledgerSink(ledger: Ledger, options: LedgerSinkOptions = {}): LedgerSink {
  const events = new Set(options.events ?? RECORDED_GUARD_EVENTS);
  const batchSize = options.batchSize ?? 1_000;
  const flushMs = options.flushMs ?? 250;
  const maxQueue = options.maxQueue ?? 50_000;
  const now = options.now ?? (() => new Date());
  if (options.signer && !options.signer.keyFile) throw new LedgerError('ledgerSink: pass a signer from loadSigner or ensureSigner (the sink signs on its writer thread, which opens the key file)');
  const writer = LedgerWriter.forLocation(ledger.location, {
    lockTimeoutMs: ledger.lockTimeoutMs,
    ...(options.signer?.keyFile ? { checkpoint: { keyFile: options.signer.keyFile, every: options.checkpointEvery ?? 10_000 } } : {}),
  });
  const stats = { recorded: 0, dropped: 0, failedWrites: 0 };
  // The guard's own event objects and their levels, side by side: the app's call only pushes
  // two references (no copy, no entry object); the writer thread turns them into entries.
  const queue: GuardEvent[] = [];
  const levels: GuardEventLevel[] = [];
  const inFlight = new Set<Promise<void>>();
  let posted = 0;
  let lost = { count: 0, reason: '' };
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (timer || queue.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      pump(true);
    }, flushMs);
    timer.unref();
  };

  let soon: NodeJS.Immediate | undefined;
  const postSoon = () => {
    soon ??= setImmediate(() => {
      soon = undefined;
      pump(false);
    });
  };

  /**
   * Posts full batches (or, when `all`, whatever is queued) to the writer thread, which commits
   * those that queue up behind the one it writes together; `lostOnly`: with nothing queued,
   * one batch of just the count of what was lost.
   */
  function pump(all: boolean, lostOnly = false): void {
    while (queue.length >= batchSize || (all && queue.length > 0) || (lostOnly && lost.count > 0 && inFlight.size === 0)) post();
    schedule();
  }

  function post(): void {
    const batch = queue.splice(0, batchSize);
    const batchLevels = levels.splice(0, batchSize);
    const carried = lost;
    lost = { count: 0, reason: '' };
    if (carried.count > 0) {
      batch.unshift({ event: 'ledger.sink.dropped', count: carried.count, reason: carried.reason });
      batchLevels.unshift('error');
    }
    const { json, kept } = serialise(batchLevels, batch);
    const unserialisable = batch.length - kept;
    if (carried.count > 0) batch.shift();
    posted += batch.length;
    const written = writer.appendGuardEvents(json, now()).then(
      () => {
        stats.recorded += batch.length - unserialisable;
        if (unserialisable > 0) {
          stats.dropped += unserialisable;
          lost = { count: lost.count + unserialisable, reason: lost.reason || 'an event held a value JSON cannot carry' };
        }
      },
      (error: unknown) => {
        stats.failedWrites++;
        stats.dropped += batch.length;
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
        lost = { count: lost.count + carried.count + batch.length, reason };
        if (batch.length > 0) options.onError?.(`ledger sink: ${batch.length} guard decisions not recorded: ${reason}`);
      },
    );
    const settled = written.finally(() => {
      posted -= batch.length;
      inFlight.delete(settled);
      pump(false);
    });
    inFlight.add(settled);
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // An outage is recorded by the next write; when nothing else is queued, one write of its own
    // (once per flush: while the ledger stays down, a flush gives up rather than retry).
    let lostTried = false;
    for (;;) {
      const lostOnly: boolean = !lostTried && queue.length === 0 && inFlight.size === 0 && lost.count > 0;
      lostTried ||= lostOnly;
      pump(true, lostOnly);
      if (inFlight.size === 0) return;
      await Promise.race(inFlight);
    }
  }

  const sink = ((event: GuardEvent, level: GuardEventLevel) => {
    if (!events.has(event.event)) return;
    // Held = queued here + posted and not yet written: the bound on what an outage costs in memory.
    if (queue.length + posted >= maxQueue) {
      if (queue.length === 0) {
        stats.dropped++;
        lost = { count: lost.count + 1, reason: lost.reason || 'queue full: the ledger did not keep up' };
        return;
      }
      queue.shift();
      levels.shift();
      stats.dropped++;
      lost = { count: lost.count + 1, reason: lost.reason || 'queue full: the ledger did not keep up' };
    }
    // Serialised when its batch is posted (guard events are built fresh per decision and not
    // changed after): what JSON would carry, undefined members dropped, dates as text.
    queue.push(event);
    levels.push(level);
    // A full batch is serialised and posted on the next turn of the event loop, not inside the
    // decision that filled it: the app's call only ever pays for the push.
    if (queue.length >= batchSize) postSoon();
    else schedule();
  }) as LedgerSink;
  sink.flush = flush;
  sink.close = async () => {
    await flush();
    await writer.close();
  };
  Object.defineProperty(sink, 'stats', { get: () => ({ ...stats, pending: queue.length + posted }) });
  return sink;
}

/** The batch as guard-events JSON text (writer/guard-events.ts); an event JSON cannot carry (a BigInt, a cycle) is left out, never thrown into the app. */
function serialise(levels: GuardEventLevel[], events: GuardEvent[]): { json: string; kept: number } {
  try {
    return { json: JSON.stringify([levels, events]), kept: events.length };
  } catch {
    const keptLevels: string[] = [];
    const parts: string[] = [];
    for (const [i, event] of events.entries()) {
      try {
        parts.push(JSON.stringify(event));
        keptLevels.push(levels[i]!);
      } catch {
        // counted by the caller as dropped
      }
    }
    return { json: `[${JSON.stringify(keptLevels)},[${parts.join(',')}]]`, kept: parts.length };
  }
}
