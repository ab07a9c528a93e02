// One range of seq numbers checked on its own, so that verify can spread a million entries
// over threads (verify-threads.ts): every entry's leaf recomputed from its stored bytes,
// its body canonical and naming its own seq and kind, and every query row derived from it
// (the seq-keyed projection tables) rebuilt and compared. What needs the whole ledger (the
// tree, the checkpoints, the per-run tables) is left to verify.ts, which gets the leaves
// and the per-run rows back.
import type { EntryBody } from './entries.ts';
import { emptyProjection, project, type ProjectionRows } from './projections.ts';
import type { Ledger } from './store.ts';
import { HASH_SIZE, isCanonicalJson, leafHash } from './tlog/index.ts';
import { sameBytes } from './tlog/same-bytes.ts';

type Row = Record<string, unknown>;
type SeqTable = 'finding' | 'applied_config' | 'guard_decision';
const SEQ_TABLES: readonly SeqTable[] = ['finding', 'applied_config', 'guard_decision'];

/** Columns holding JSON text: compared by content when their text differs, since key order is not evidence. */
const JSON_COLUMNS = new Set(['scope', 'totals', 'accounts', 'resources', 'fields']);

export type RunRows = Pick<ProjectionRows, 'scan_run' | 'runEnds' | 'scan_account'>;

export interface RangeResult {
  from: number;
  /** The leaves of the entries that passed, in seq order, HASH_SIZE bytes each (up to the first bad entry). */
  leaves: Uint8Array;
  /** The first bad entry: the range stops there. `missing`: no entry at that seq, `next` the next one stored in the range (if any). */
  entryProblem?: { problem: string; seq: number } | { missing: number; next?: number };
  /** The first query row that differs from its entry (the entries go on being checked). */
  projectionProblem?: string;
  /** The per-run query rows the range's entries derive, in seq order, compared once the whole ledger is read. */
  runRows: RunRows;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function checkRange(ledger: Ledger, from: number, to: number): Promise<RangeResult> {
  const entries = await ledger.seqRows('ledger_entry', from, to);
  const tables = { finding: await ledger.seqRows('finding', from, to), applied_config: await ledger.seqRows('applied_config', from, to), guard_decision: await ledger.seqRows('guard_decision', from, to) };
  const next = { finding: 0, applied_config: 0, guard_decision: 0 };
  const leaves = new Uint8Array(entries.length * HASH_SIZE);
  const runRows: RunRows = { scan_run: [], runEnds: [], scan_account: [] };
  let projectionProblem: string | undefined;
  let seq = from;
  const result = (count: number, entryProblem?: RangeResult['entryProblem']): RangeResult => ({
    from,
    leaves: leaves.subarray(0, count * HASH_SIZE),
    ...(entryProblem ? { entryProblem } : {}),
    ...(projectionProblem ? { projectionProblem } : {}),
    runRows,
  });

  for (const [i, row] of entries.entries()) {
    if (Number(row.seq) !== seq) return result(i, { missing: seq, next: Number(row.seq) });
    const body = row.body as Uint8Array;
    const leaf = leafHash(body);
    if (!sameBytes(leaf, row.leaf as Uint8Array)) return result(i, { problem: `entry seq ${seq}: its bytes do not match its leaf hash (the entry was edited)`, seq });
    const parsed = checkBody(body, seq, String(row.kind));
    if (typeof parsed === 'string') return result(i, { problem: `entry seq ${seq}: ${parsed}`, seq });
    leaves.set(leaf, i * HASH_SIZE);
    if (!projectionProblem) {
      const rows = emptyProjection();
      try {
        project(parsed, rows);
      } catch {
        // A verified entry whose body lacks a field its kind needs cannot have been projected.
        projectionProblem = `entry seq ${seq} (${parsed.kind}) lacks fields its kind needs, so no query row can match it`;
      }
      for (const table of SEQ_TABLES) {
        for (const expected of rows[table] as Row[]) {
          projectionProblem ??= matchSeqRow(table, expected, tables[table], next);
        }
      }
      runRows.scan_run.push(...rows.scan_run);
      runRows.runEnds.push(...rows.runEnds);
      runRows.scan_account.push(...rows.scan_account);
    }
    seq++;
  }
  if (seq < to) return result(entries.length, { missing: seq });
  for (const table of SEQ_TABLES) {
    const extra = tables[table][next[table]];
    if (extra) projectionProblem ??= `the ${table} table's row seq ${String(extra.seq)} has no entry it was derived from (a query row was added)`;
  }
  return result(entries.length);
}

function matchSeqRow(table: SeqTable, expected: Row, rows: Row[], next: Record<SeqTable, number>): string | undefined {
  const seq = Number(expected.seq);
  const actual = rows[next[table]];
  if (actual === undefined || Number(actual.seq) > seq) return `the ${table} table has no row for entry seq ${seq} (a query row was deleted)`;
  if (Number(actual.seq) < seq) return `the ${table} table's row seq ${String(actual.seq)} has no entry it was derived from (a query row was added)`;
  next[table]++;
  const column = differingColumn(expected, actual);
  return column ? `the ${table} table's row seq ${seq} differs from entry seq ${seq} in ${column} (a query row was edited; the entry is intact)` : undefined;
}

/** The entry's body when its bytes are canonical and it names its own seq and kind; else what is wrong. */
export function checkBody(body: Uint8Array, seq: number, kind: string): EntryBody | string {
  let value: { seq?: unknown; kind?: unknown };
  let text: string;
  try {
    text = decoder.decode(body);
    value = JSON.parse(text) as typeof value;
  } catch {
    return 'its bytes are not JSON';
  }
  if (!isCanonicalJson(text, value)) return 'its bytes are not canonical JSON (RFC 8785)';
  if (value.seq !== seq) return `its body says seq ${String(value.seq)} (entries were moved or reordered)`;
  if (value.kind !== kind) return `its kind column says ${kind} but its body says ${String(value.kind)}`;
  return value as EntryBody;
}

/** The first column whose stored value differs from the one rebuilt from the entry; never the values (they may have been edited to anything). */
export function differingColumn(expected: Row, actual: Row): string | undefined {
  for (const [column, want] of Object.entries(expected)) {
    if (!sameValue(column, want, actual[column])) return column;
  }
  return undefined;
}

function sameValue(column: string, want: unknown, got: unknown): boolean {
  if (want === null || want === undefined) return got === null || got === undefined;
  if (got === null || got === undefined) return false;
  if (typeof want === 'number') return Number(got) === want && (typeof got === 'number' || typeof got === 'bigint' || (typeof got === 'string' && got.trim() !== ''));
  if (want === got) return true;
  if (JSON_COLUMNS.has(column) && typeof want === 'string' && typeof got === 'string') {
    try {
      return sameJson(JSON.parse(want), JSON.parse(got));
    } catch {
      return false;
    }
  }
  return false;
}

/** The same JSON value, whatever the order of object members (compared as values: cheaper than serialising both). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
