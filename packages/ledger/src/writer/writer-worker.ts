// The writer thread: owns its own connection to the ledger and appends what the app's thread
// posts, so hashing, SQLite's inserts and the commit's fsync never run on the app's event
// loop. What arrived while a transaction was being written is committed together in the next
// one (one fsync for many batches), each batch keeping its own time.
import { parentPort, workerData } from 'node:worker_threads';
import { checkpointHead, type CheckpointSigner } from '../checkpoint.ts';
import type { EntryContent } from '../entries.ts';
import { loadSigner } from '../keys.ts';
import { Ledger } from '../store.ts';
import { guardEntries } from './guard-events.ts';
import type { FromWriter, ToWriter, WriterSettings } from './protocol.ts';

/** Entries per transaction at most, when batches queued up. */
const MOST_PER_COMMIT = 20_000;

const settings = workerData as WriterSettings;
const port = parentPort!;
const queue: Extract<ToWriter, { op: 'append' }>[] = [];
let ledger: Ledger | undefined;
let signer: CheckpointSigner | undefined;
let sinceCheckpoint = 0;
let draining = false;
let closing: number | undefined;

const reply = (message: FromWriter) => port.postMessage(message);
const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

async function open(): Promise<Ledger> {
  ledger ??= await Ledger.open(settings.location, { create: true, ...(settings.lockTimeoutMs !== undefined ? { lockTimeoutMs: settings.lockTimeoutMs } : {}) });
  if (settings.checkpoint) signer ??= loadSigner(settings.checkpoint.keyFile);
  return ledger;
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
        // Without a \u escape in the text no string holds a lone surrogate: store.ts writes the canonical text natively.
        groups.push({ entries: parsed, at: new Date(next.at), parsedJson: !next.entries.includes('\\u') });
        entries += parsed.length;
      }
      try {
        const target = await open();
        const result = await target.appendGroups(groups);
        sinceCheckpoint += entries;
        if (signer && settings.checkpoint && sinceCheckpoint >= settings.checkpoint.every) {
          sinceCheckpoint = 0;
          await checkpointHead(target, signer, groups.at(-1)!.at);
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
  await ledger?.close().catch(() => undefined);
  ledger = undefined;
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
