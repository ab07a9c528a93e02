// What an append writes, computed before anything is written: each entry's body, canonical
// bytes and leaf hash, its projection rows, and the tree's new size and frontier. Shared by
// the store's appends (SQLite and PostgreSQL) and the writer thread's own SQLite appends
// (db/sqlite-append.ts); nothing here loads a database driver or Kysely.
import { ENTRY_FORMAT_VERSION, type EntryBody, type EntryContent } from './entries.ts';
import { emptyProjection, project, type ProjectionRows } from './projections.ts';
import { CompactRange, canonicalText, leafHash, sortedJsonCopy } from './tlog/index.ts';

/**
 * One append's entries and their time. `parsedJson`: the entries are what JSON.parse returned
 * from a text holding no `\u` escape, so their canonical text is JSON.stringify of a copy with
 * sorted members (sortedJsonCopy); the bytes are the same either way.
 */
export interface AppendGroup {
  entries: readonly EntryContent[];
  at: Date;
  parsedJson?: boolean;
}

export interface EntryRow {
  seq: number;
  kind: string;
  body: Buffer;
  leaf: Buffer;
}

export interface AppendPlan {
  rows: EntryRow[];
  projection: ProjectionRows;
  /** seq of the first entry. */
  first: number;
  /** Tree size after the append. */
  size: number;
  /** CompactRange.toJSON() text after the append, for ledger_state. */
  frontier: string;
}

/** The append of `groups` onto the tree whose state row is `state` (read under the append lock). */
export function planAppend(groups: readonly AppendGroup[], state: { size: number; frontier: string }): AppendPlan {
  const range = state.frontier === 'null' ? new CompactRange() : CompactRange.fromJSON(JSON.parse(state.frontier));
  const first = state.size;
  const rows: EntryRow[] = [];
  const projection = emptyProjection();
  let seq = first;
  for (const group of groups) {
    const stamp = group.at.toISOString();
    for (const content of group.entries) {
      const given = { v: ENTRY_FORMAT_VERSION, seq: seq++, at: stamp, ...content } as EntryBody;
      const sorted = group.parsedJson ? (sortedJsonCopy(given) as EntryBody | undefined) : undefined;
      const body = sorted ?? given;
      const bytes = Buffer.from(sorted ? JSON.stringify(sorted) : canonicalText(given), 'utf8');
      const leaf = leafHash(bytes);
      range.append(leaf);
      rows.push({ seq: body.seq, kind: body.kind, body: bytes, leaf });
      project(body, projection, sorted ? JSON.stringify : canonicalText);
    }
  }
  return { rows, projection, first, size: range.size, frontier: JSON.stringify(range.toJSON()) };
}
