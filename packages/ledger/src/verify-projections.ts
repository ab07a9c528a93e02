// The query tables (scan_run, scan_account, finding, applied_config, guard_decision) checked
// against the entries they were derived from, so that an edit to a projection row that leaves
// the entries intact is caught too: history, diff and the dashboard read those tables, not the
// entries. The checker is fed each verified entry in seq order and rebuilds what projections.ts
// would have written. Rows keyed by seq (one per entry) are compared as the entries stream
// past, by walking each table in seq order beside them (a million decisions never sit in
// memory); the per-run tables are small and are compared at the end.
import type { Kysely } from 'kysely';
import type { LedgerDatabase } from './db/schema.ts';
import type { EntryBody } from './entries.ts';
import type { Ledger } from './store.ts';
import { emptyProjection, project, type ProjectionRows } from './projections.ts';

type SeqTable = 'finding' | 'applied_config' | 'guard_decision';
type Row = Record<string, unknown>;

/** Columns holding JSON text: compared by their canonical form, since key order is not evidence. */
const JSON_COLUMNS = new Set(['scope', 'totals', 'accounts', 'resources', 'fields']);

/** Reads one seq-keyed projection table in seq order, a page at a time. */
class TableCursor {
  private page: Row[] = [];
  private index = 0;
  private readonly pages: AsyncGenerator<Row[]>;

  constructor(
    ledger: Ledger,
    readonly table: SeqTable,
  ) {
    this.pages = ledger.seqPages(table);
  }

  async peek(): Promise<Row | undefined> {
    if (this.index < this.page.length) return this.page[this.index];
    const next = await this.pages.next();
    this.page = next.done ? [] : next.value;
    this.index = 0;
    return this.page[0];
  }

  next(): void {
    this.index++;
  }
}

export class ProjectionChecker {
  private readonly cursors: Record<SeqTable, TableCursor>;
  private readonly runs = new Map<string, Row>();
  private readonly accounts = new Map<string, Row>();
  /** The first difference found; later ones are not looked for. */
  problem: string | undefined;

  private readonly db: Kysely<LedgerDatabase>;

  constructor(ledger: Ledger) {
    this.db = ledger.db;
    this.cursors = { finding: new TableCursor(ledger, 'finding'), applied_config: new TableCursor(ledger, 'applied_config'), guard_decision: new TableCursor(ledger, 'guard_decision') };
  }

  /** One entry whose bytes were verified, in seq order. */
  async add(entry: EntryBody): Promise<void> {
    if (this.problem) return;
    const rows = emptyProjection();
    try {
      project(entry, rows);
    } catch {
      // A verified entry whose body lacks a field its kind needs cannot have been projected.
      this.problem = `entry seq ${entry.seq} (${entry.kind}) lacks fields its kind needs, so no query row can match it`;
      return;
    }
    for (const table of ['finding', 'applied_config', 'guard_decision'] as const) {
      for (const expected of rows[table] as Row[]) {
        this.problem = await this.matchSeqRow(table, expected);
        if (this.problem) return;
      }
    }
    this.collectRunRows(rows);
  }

  /** After the last entry: rows no entry accounts for, and the per-run tables. */
  async finish(): Promise<string | undefined> {
    if (this.problem) return this.problem;
    for (const cursor of Object.values(this.cursors)) {
      const extra = await cursor.peek();
      if (extra) return `the ${cursor.table} table's row seq ${String(extra.seq)} has no entry it was derived from (a query row was added)`;
    }
    return (
      (await this.compareKeyed('scan_run', this.runs, (r) => String(r.run_id), (key) => `run ${key}`)) ??
      (await this.compareKeyed('scan_account', this.accounts, (r) => `${String(r.run_id)} ${String(r.account)}`, (key) => `run/account ${key}`))
    );
  }

  private async matchSeqRow(table: SeqTable, expected: Row): Promise<string | undefined> {
    const cursor = this.cursors[table];
    const seq = Number(expected.seq);
    const actual = await cursor.peek();
    if (actual === undefined || Number(actual.seq) > seq) return `the ${table} table has no row for entry seq ${seq} (a query row was deleted)`;
    if (Number(actual.seq) < seq) return `the ${table} table's row seq ${String(actual.seq)} has no entry it was derived from (a query row was added)`;
    cursor.next();
    const column = differingColumn(expected, actual);
    return column ? `the ${table} table's row seq ${seq} differs from entry seq ${seq} in ${column} (a query row was edited; the entry is intact)` : undefined;
  }

  private collectRunRows(rows: ProjectionRows): void {
    for (const run of rows.scan_run) this.runs.set(String(run.run_id), { ...run } as Row);
    for (const end of rows.runEnds) {
      const run = this.runs.get(end.run_id);
      if (run) Object.assign(run, { end_seq: end.end_seq, finished_at: end.finished_at, state: end.state, totals: end.totals });
    }
    // A resumed run may record an account again; the later record wins, as in writeProjection.
    for (const account of rows.scan_account) this.accounts.set(`${account.run_id} ${account.account}`, { ...account } as Row);
  }

  private async compareKeyed(table: 'scan_run' | 'scan_account', expected: Map<string, Row>, keyOf: (r: Row) => string, name: (key: string) => string): Promise<string | undefined> {
    const actual = (await this.db.selectFrom(table).selectAll().execute()) as Row[];
    const seen = new Set<string>();
    for (const row of actual) {
      const key = keyOf(row);
      seen.add(key);
      const want = expected.get(key);
      if (!want) return `the ${table} table's row for ${name(key)} has no entry it was derived from (a query row was added)`;
      const column = differingColumn(want, row);
      if (column) return `the ${table} table's row for ${name(key)} differs from its entries in ${column} (a query row was edited; the entries are intact)`;
    }
    for (const key of expected.keys()) if (!seen.has(key)) return `the ${table} table has no row for ${name(key)} (a query row was deleted)`;
    return undefined;
  }
}

/** The first column whose stored value differs from the one rebuilt from the entry; never the values (they may have been edited to anything). */
function differingColumn(expected: Row, actual: Row): string | undefined {
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
