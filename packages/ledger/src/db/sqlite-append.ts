// SQLite appends through better-sqlite3 directly: every row through a statement prepared once
// per connection (building INSERTs through Kysely cost more than SQLite's own work for the
// rows: bench/ledger.bench.ts). Used inside the store's transactions (store.ts, on the
// connection Kysely holds) and by the writer thread, whose connection is its own: that thread
// then never loads Kysely (150 ms of CPU on this machine, paid again by every writer thread).
import Database from 'better-sqlite3';
import type { AppendPlan } from '../append-plan.ts';
import type { AppendResult } from '../store.ts';
import { LedgerError } from '../errors.ts';
import { describeLocation, type LedgerLocation } from '../location.ts';
import type { ProjectionRows } from '../projections.ts';
import { translateDbError } from './errors.ts';
import { LEDGER_FORMAT, SCHEMA_VERSION } from './schema.ts';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/**
 * Rows of one table through a statement prepared once per connection and run per row. Every
 * row of a table has the same columns (projections.ts builds them), in the same order.
 */
export function insertRows(sqlite: Database.Database, table: string, rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const statement = prepared(sqlite, `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  for (const row of rows) statement.run(columns.map((c) => row[c] as unknown));
}

/**
 * WAL + synchronous=FULL: a commit is on disk when it returns, and survives kill -9 and power
 * loss (NORMAL would only survive the former). Set explicitly on every connection: the
 * build's default differs, and synchronous is per connection.
 */
export function setDurable(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = wal');
  sqlite.pragma('synchronous = full');
}

/** The state row; the caller holds the write lock (BEGIN IMMEDIATE). */
export function readSqliteState(sqlite: Database.Database): { size: number; frontier: string } {
  const state = prepared(sqlite, 'select size, frontier from ledger_state where id = 1').get() as { size: number; frontier: string } | undefined;
  if (!state) throw new LedgerError('the ledger has no state row (ledger_state id 1); it was not created by chaperone or was damaged: run `chaperone ledger verify`');
  return state;
}

/** Writes a planned append: entries, projections, the new state. The caller's transaction holds the write lock. */
export function writeSqliteAppend(sqlite: Database.Database, plan: AppendPlan): void {
  insertRows(sqlite, 'ledger_entry', plan.rows as unknown as Record<string, unknown>[]);
  writeSqliteProjection(sqlite, plan.projection);
  prepared(sqlite, 'update ledger_state set size = ?, frontier = ? where id = 1').run(plan.size, plan.frontier);
}

function writeSqliteProjection(sqlite: Database.Database, rows: ProjectionRows): void {
  for (const table of ['scan_run', 'finding', 'applied_config', 'guard_decision'] as const) insertRows(sqlite, table, rows[table] as Record<string, unknown>[]);
  // A resumed run may record an account again; the later record wins.
  const account = prepared(
    sqlite,
    'insert into scan_account (run_id, account, platform, complete, seq) values (?, ?, ?, ?, ?) on conflict (run_id, account) do update set complete = excluded.complete, seq = excluded.seq, platform = excluded.platform',
  );
  for (const a of rows.scan_account) account.run(a.run_id, a.account, a.platform, a.complete, a.seq);
  const end = prepared(sqlite, 'update scan_run set end_seq = ?, finished_at = ?, state = ?, totals = ? where run_id = ?');
  for (const e of rows.runEnds) end.run(e.end_seq, e.finished_at, e.state, e.totals, e.run_id);
}

/**
 * A writer thread's connection to a SQLite ledger that exists (the app's thread opened it,
 * created or migrated it, and checked what it is): appends in BEGIN IMMEDIATE transactions,
 * waiting up to the lock timeout for another writer.
 */
export class SqliteAppender {
  private constructor(
    private readonly sqlite: Database.Database,
    private readonly location: LedgerLocation,
  ) {}

  static open(location: Extract<LedgerLocation, { kind: 'sqlite' }>, lockTimeoutMs: number): SqliteAppender {
    let sqlite: Database.Database | undefined;
    try {
      sqlite = new Database(location.path, { fileMustExist: true, timeout: lockTimeoutMs });
      const meta = sqlite.prepare("select key, value from ledger_meta where key in ('format', 'schema_version')").all() as { key: string; value: string }[];
      const get = (key: string) => meta.find((m) => m.key === key)?.value;
      if (get('format') !== LEDGER_FORMAT || get('schema_version') !== String(SCHEMA_VERSION)) {
        throw new LedgerError(`${describeLocation(location)} changed after it was opened (it is no longer a chaperone ledger of schema ${SCHEMA_VERSION}); nothing was written`);
      }
      setDurable(sqlite);
      return new SqliteAppender(sqlite, location);
    } catch (error) {
      sqlite?.close();
      throw translateDbError(location, error);
    }
  }

  /** `plan` is called under the write lock with the state row, and its result written in the same transaction. */
  append(plan: (state: { size: number; frontier: string }) => AppendPlan): AppendResult {
    try {
      prepared(this.sqlite, 'begin immediate').run();
      try {
        const planned = plan(readSqliteState(this.sqlite));
        writeSqliteAppend(this.sqlite, planned);
        prepared(this.sqlite, 'commit').run();
        return { first: planned.first, size: planned.size };
      } catch (error) {
        if (this.sqlite.inTransaction) {
          try {
            this.sqlite.prepare('rollback').run();
          } catch {
            // the error that made it roll back is the one to report
          }
        }
        throw error;
      }
    } catch (error) {
      throw translateDbError(this.location, error);
    }
  }

  close(): void {
    this.sqlite.close();
  }
}
