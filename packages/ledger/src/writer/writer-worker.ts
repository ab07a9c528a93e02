// The writer thread: owns its own connection to the ledger and appends what the app's thread
// posts, so hashing, SQLite's inserts and the commit's fsync never run on the app's event
// loop. What arrived while a transaction was being written is committed together in the next
// one (one fsync for many batches), each batch keeping its own time.
import { parentPort, workerData } from 'node:worker_threads';
import { planAppend, type AppendGroup } from '../append-plan.ts';
import { SqliteAppender } from '../db/sqlite-append.ts';
import type { EntryContent } from '../entries.ts';
import { DEFAULT_LOCK_TIMEOUT_MS } from '../location.ts';
import type { AppendResult } from '../store.ts';
import { guardEntries } from './guard-events.ts';
import type { FromWriter, ToWriter, WriterSettings } from './protocol.ts';

/** Entries per transaction at most, when batches queued up. */
const MOST_PER_COMMIT = 20_000;

const settings = workerData as WriterSettings;
const port = parentPort!;
const queue: Extract<ToWriter, { op: 'append' }>[] = [];
let target: Target | undefined;
let sinceCheckpoint = 0;
let draining = false;
let closing: number | undefined;

const reply = (message: FromWriter) => port.postMessage(message);
const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

/** What this thread appends through. */
interface Target {
  appendGroups(groups: readonly AppendGroup[]): Promise<AppendResult>;
  /** Signs a checkpoint of the head (when the settings ask for checkpoints). */
  checkpoint?(at: Date): Promise<void>;
  close(): Promise<void>;
}

/**
 * A SQLite ledger (the scan's recorder, a sink that signs no checkpoint): a connection of the
 * thread's own, through better-sqlite3 alone (db/sqlite-append.ts). Otherwise (PostgreSQL, or
 * checkpoints to sign) the store, whose modules (Kysely, the checkpoint code) load only then.
 */
async function open(): Promise<Target> {
  if (target) return target;
  const lockTimeoutMs = settings.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  if (settings.location.kind === 'sqlite' && !settings.checkpoint) {
    const appender = SqliteAppender.open(settings.location, lockTimeoutMs);
    target = { appendGroups: async (groups) => appender.append((state) => planAppend(groups, state)), close: async () => appender.close() };
    return target;
  }
  const [{ Ledger }, { checkpointHead }, { loadSigner }] = await Promise.all([import('../store.ts'), import('../checkpoint.ts'), import('../keys.ts')]);
  const ledger = await Ledger.open(settings.location, { create: true, lockTimeoutMs });
  const signer = settings.checkpoint ? loadSigner(settings.checkpoint.keyFile) : undefined;
  target = {
    appendGroups: (groups) => ledger.appendGroups(groups),
    ...(signer ? { checkpoint: async (at: Date) => void (await checkpointHead(ledger, signer, at)) } : {}),
    close: () => ledger.close(),
  };
  return target;
}

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    while (queue.length > 0) {
      const batch: typeof queue = [];
      let entries = 0;
      const groups: { entries: EntryContent[]; at: Date; parsedJson: boolean }[] = [];
      // A commit ends where a checkpoint is due, so one is signed every `every` entries, as batches arrive.
      const untilCheckpoint = settings.checkpoint ? settings.checkpoint.every - sinceCheckpoint : Infinity;
      while (queue.length > 0 && (batch.length === 0 || (entries < MOST_PER_COMMIT && entries < untilCheckpoint))) {
        const next = queue.shift()!;
        const parsed = next.guardEvents ? guardEntries(JSON.parse(next.entries)) : (JSON.parse(next.entries) as EntryContent[]);
        batch.push(next);
        // Without a \u escape in the text no string holds a lone surrogate: append-plan.ts writes the canonical text with JSON.stringify.
        groups.push({ entries: parsed, at: new Date(next.at), parsedJson: !next.entries.includes('\\u') });
        entries += parsed.length;
      }
      try {
        const to = await open();
        const result = await to.appendGroups(groups);
        sinceCheckpoint += entries;
        if (to.checkpoint && settings.checkpoint && sinceCheckpoint >= settings.checkpoint.every) {
          sinceCheckpoint = 0;
          await to.checkpoint(groups.at(-1)!.at);
        }
        for (const m of batch) reply({ id: m.id, ok: true, result });
      } catch (error) {
        const message = oneLine(error);
        for (const m of batch) reply({ id: m.id, ok: false, message });
      }
    }
  } finally {
    draining = false;
  }
  if (closing !== undefined) await finish(closing);
}

async function finish(id: number): Promise<void> {
  await target?.close().catch(() => undefined);
  target = undefined;
  reply({ id, ok: true });
  port.close();
}

port.on('message', (message: ToWriter) => {
  if (message.op === 'close') {
    closing = message.id;
    if (!draining && queue.length === 0) void finish(message.id);
    return;
  }
  queue.push(message);
  void drain();
});
