// The per-run query tables (scan_run, scan_account) checked against the entries they were
// derived from, so that an edit to a projection row that leaves the entries intact is caught
// too: history, diff and the dashboard read those tables, not the entries. The seq-keyed
// tables (one row per entry) are compared range by range with their entries
// (verify-range.ts); the per-run rows are small, gathered in seq order and compared at the end.
import type { Kysely } from 'kysely';
import type { LedgerDatabase } from './db/schema.ts';
import type { Ledger } from './store.ts';
import { differingColumn, type RunRows } from './verify-range.ts';

type Row = Record<string, unknown>;

export class RunRowsChecker {
  private readonly runs = new Map<string, Row>();
  private readonly accounts = new Map<string, Row>();
  private readonly db: Kysely<LedgerDatabase>;

  constructor(private readonly ledger: Ledger) {
    this.db = ledger.db;
  }

  /** The per-run rows of verified entries, in seq order. */
  add(rows: RunRows): void {
    for (const run of rows.scan_run) this.runs.set(String(run.run_id), { ...run } as Row);
    for (const end of rows.runEnds) {
      const run = this.runs.get(end.run_id);
      if (run) Object.assign(run, { end_seq: end.end_seq, finished_at: end.finished_at, state: end.state, totals: end.totals });
    }
    // A resumed run may record an account again; the later record wins, as in writeProjection.
    for (const account of rows.scan_account) this.accounts.set(`${account.run_id} ${account.account}`, { ...account } as Row);
  }

  /** After the last entry (`end` = one past its seq): rows no entry accounts for, and the per-run tables. */
  async finish(end: number): Promise<string | undefined> {
    for (const table of ['finding', 'applied_config', 'guard_decision'] as const) {
      const extra = await this.ledger.nextSeq(table, end);
      if (extra !== undefined) return `the ${table} table's row seq ${extra} has no entry it was derived from (a query row was added)`;
    }
    return (
      (await this.compareKeyed('scan_run', this.runs, (r) => String(r.run_id), (key) => `run ${key}`)) ??
      (await this.compareKeyed('scan_account', this.accounts, (r) => `${String(r.run_id)} ${String(r.account)}`, (key) => `run/account ${key}`))
    );
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
