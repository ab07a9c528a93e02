// Messages between a LedgerWriter (the app's thread) and its writer thread.
import type { EntryContent } from '../entries.ts';
import type { LedgerLocation } from '../location.ts';
import type { AppendResult } from '../store.ts';

export interface WriterSettings {
  location: LedgerLocation;
  lockTimeoutMs?: number;
  /** Sign a checkpoint (with the key in this file) once this many entries were appended since the last one. */
  checkpoint?: { keyFile: string; every: number };
}

/**
 * `entries` as JSON text: one JSON.stringify of a batch on the app's thread costs less than a
 * structured clone, and drops what JSON drops (undefined members). `guardEvents`: the text is
 * the guard sink's `[levels, events]` (guard-events.ts), not an array of entries.
 */
export type ToWriter = { id: number; op: 'append'; entries: string; at: string; guardEvents?: true } | { id: number; op: 'close' };

export type FromWriter = { id: number; ok: true; result?: AppendResult } | { id: number; ok: false; message: string };

export type { EntryContent };
