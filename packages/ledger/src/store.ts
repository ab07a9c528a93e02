// The ledger as the rest of chaperone uses it: append entries (one transaction each call,
// serialised across processes), read them back in order, keep the tree head.
import { sql, type Kysely } from 'kysely';
import { CompactRange } from './tlog/index.ts';
import { planAppend, type AppendGroup } from './append-plan.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, openLedgerDb, translateDbError, type LedgerDb, type OpenOptions } from './db/open.ts';
import type { LedgerDatabase } from './db/schema.ts';
import type { EntryContent } from './entries.ts';
import { parseLedgerLocation, type LedgerLocation } from './location.ts';
import { writeProjection } from './projections.ts';
import { readSqliteState, writeSqliteAppend } from './db/sqlite-append.ts';

export interface StoredEntry {
  seq: number;
  kind: string;
  body: Uint8Array;
  leaf: Uint8Array;
}

export interface AppendResult {
  /** seq of the first entry appended. */
  first: number;
  /** Tree size after the append. */
  size: number;
}

const ENTRY_ROWS_PER_INSERT = 500;

/**
 * Write transactions on one SQLite file from this process, one after another. better-sqlite3
 * is synchronous: a second connection waiting on the lock would block the thread (busy
 * timeout) while the first transaction awaits between statements, so neither would finish.
 * Other processes wait on SQLite's own lock.
 */
const sqliteWriters = new Map<string, Promise<unknown>>();

function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = sqliteWriters.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.catch(() => undefined);
  sqliteWriters.set(key, settled);
  void settled.then(() => {
    if (sqliteWriters.get(key) === settled) sqliteWriters.delete(key);
  });
  return run;
}
const ENTRIES_PAGE = 5_000;

export type SeqKeyedTable = 'ledger_entry' | 'finding' | 'applied_config' | 'guard_decision';

/** Columns read by seqPages: the entries' four, every column of a projection (compared in full by verify). */
const SEQ_TABLE_COLUMNS: Record<SeqKeyedTable, string> = { ledger_entry: 'seq, kind, body, leaf', finding: '*', applied_config: '*', guard_decision: '*' };

export class Ledger {
  private constructor(
    private readonly store: LedgerDb,
    /** Unique id of this ledger (random, set when it was created). */
    readonly id: string,
    /** The C2SP checkpoint origin line of this ledger. */
    readonly origin: string,
    /** How long a write waits for another writer (as opened), so a writer thread opened on the same ledger waits as long. */
    readonly lockTimeoutMs: number,
  ) {}

  static async open(location: string | LedgerLocation, options: OpenOptions & { cwd?: string } = {}): Promise<Ledger> {
    const where = typeof location === 'string' ? parseLedgerLocation(location, options.cwd ?? process.cwd()) : location;
    const store = await openLedgerDb(where, options);
    const meta = await store.db.selectFrom('ledger_meta').select(['key', 'value']).where('key', 'in', ['ledger_id', 'origin']).execute();
    const get = (key: string) => meta.find((m) => m.key === key)?.value ?? '';
    return new Ledger(store, get('ledger_id'), get('origin'), options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  }

  get location(): LedgerLocation {
    return this.store.location;
  }

  get dialect(): LedgerDb['dialect'] {
    return this.store.dialect;
  }

  /** Query access for readers (history, diff, dashboard). Writes go through append(). */
  get db(): Kysely<LedgerDatabase> {
    return this.store.db;
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  /**
   * Appends entries in one transaction with their projections: all of them are stored or
   * none. Another writer (a second scan, the guard) waits for the lock, up to the lock timeout.
   */
  async append(entries: readonly EntryContent[], at: Date = new Date()): Promise<AppendResult> {
    return this.appendGroups([{ entries, at }]);
  }

  /** Several appends, each with its own time, in one transaction (a writer thread commits what queued up while it wrote). */
  async appendGroups(groups: readonly AppendGroup[]): Promise<AppendResult> {
    return this.writeTransaction(async (trx) => {
      const sqlite = this.store.sqlite;
      if (sqlite) {
        // The connection Kysely holds for this transaction.
        const plan = planAppend(groups, readSqliteState(sqlite));
        writeSqliteAppend(sqlite, plan);
        return { first: plan.first, size: plan.size };
      }
      const plan = planAppend(groups, await this.lockState(trx));
      for (let i = 0; i < plan.rows.length; i += ENTRY_ROWS_PER_INSERT) await trx.insertInto('ledger_entry').values(plan.rows.slice(i, i + ENTRY_ROWS_PER_INSERT)).execute();
      await writeProjection(trx, plan.projection);
      await trx.updateTable('ledger_state').set({ size: plan.size, frontier: plan.frontier }).where('id', '=', 1).execute();
      return { first: plan.first, size: plan.size };
    });
  }

  /** Size and root of the tree as stored (the frontier row), not recomputed. */
  async head(): Promise<{ size: number; root: Uint8Array }> {
    const state = await this.db.selectFrom('ledger_state').select(['size', 'frontier']).where('id', '=', 1).executeTakeFirstOrThrow();
    const range = state.frontier === 'null' ? new CompactRange() : CompactRange.fromJSON(JSON.parse(state.frontier));
    return { size: state.size, root: range.root() };
  }

  /** Entries in seq order from `from`, read in pages (a million entries never sit in memory). */
  async *entries(from = 0): AsyncGenerator<StoredEntry> {
    for await (const page of this.seqPages('ledger_entry', from)) yield* page as unknown as StoredEntry[];
  }

  /** Rows of a seq-keyed table with from <= seq < to, in seq order (verify reads the ledger range by range). */
  async seqRows(table: SeqKeyedTable, from: number, to: number): Promise<Record<string, unknown>[]> {
    const sqlite = this.store.sqlite;
    if (sqlite) return sqlite.prepare(`select ${SEQ_TABLE_COLUMNS[table]} from ${table} where seq >= ? and seq < ? order by seq`).all(from, to) as Record<string, unknown>[];
    return (await this.db.selectFrom(table).selectAll().where('seq', '>=', from).where('seq', '<', to).orderBy('seq').execute()) as Record<string, unknown>[];
  }

  /** The lowest seq stored in `table` at or after `from`, if any. */
  async nextSeq(table: SeqKeyedTable, from: number): Promise<number | undefined> {
    const row = await this.db.selectFrom(table).select((eb) => eb.fn.min<number>('seq').as('seq')).where('seq', '>=', from).executeTakeFirst();
    return row?.seq === null || row?.seq === undefined ? undefined : Number(row.seq);
  }

  /** One past the highest seq stored (0 when there are no entries). */
  async storedEnd(): Promise<number> {
    const row = await this.db.selectFrom('ledger_entry').select((eb) => eb.fn.max<number>('seq').as('seq')).executeTakeFirst();
    return row?.seq === null || row?.seq === undefined ? 0 : Number(row.seq) + 1;
  }

  /**
   * Every row of a table keyed by seq (the entries, and the projections with one row per
   * entry), in seq order from `from`, a page at a time (entries() reads through it; verify
   * reads range by range with seqRows). SQLite reads through a statement prepared once per
   * call: building each page's query through Kysely cost more than SQLite's own reads.
   */
  async *seqPages(table: SeqKeyedTable, from = 0): AsyncGenerator<Record<string, unknown>[]> {
    const sqlite = this.store.sqlite;
    const statement = sqlite?.prepare(`select ${SEQ_TABLE_COLUMNS[table]} from ${table} where seq >= ? order by seq limit ${ENTRIES_PAGE}`);
    let next = from;
    for (;;) {
      const page = statement
        ? (statement.all(next) as Record<string, unknown>[])
        : ((await this.db.selectFrom(table).selectAll().where('seq', '>=', next).orderBy('seq').limit(ENTRIES_PAGE).execute()) as Record<string, unknown>[]);
      if (page.length > 0) yield page;
      if (page.length < ENTRIES_PAGE) return;
      next = Number(page[page.length - 1]!.seq) + 1;
    }
  }

  /** SQLite's own page-level check (`ok`, or what it found); PostgreSQL keeps its own. */
  async storageCheck(): Promise<string> {
    if (this.dialect !== 'sqlite') return 'ok';
    const rows = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(this.db);
    return rows.rows.map((r) => r.integrity_check).join('; ');
  }

  async meta(key: string): Promise<string | undefined> {
    return (await this.db.selectFrom('ledger_meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
  }

  /** Runs `fn` in a write transaction holding the ledger's append lock. */
  async writeTransaction<T>(fn: (trx: Kysely<LedgerDatabase>) => Promise<T>): Promise<T> {
    const location = this.location;
    return location.kind === 'sqlite' ? serialised(location.path, () => this.transaction(fn)) : this.transaction(fn);
  }

  private async transaction<T>(fn: (trx: Kysely<LedgerDatabase>) => Promise<T>): Promise<T> {
    try {
      return await this.db.connection().execute(async (conn) => {
        // SQLite: IMMEDIATE takes the write lock now, so two writers never both read the
        // same frontier (a deferred BEGIN would fail one of them at its first write instead).
        await sql.raw(this.dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      });
    } catch (error) {
      throw translateDbError(this.location, error);
    }
  }

  /** The state row, locked for this transaction on PostgreSQL (SQLite's IMMEDIATE already holds the lock). */
  async lockState(trx: Kysely<LedgerDatabase>): Promise<{ size: number; frontier: string }> {
    const query = trx.selectFrom('ledger_state').select(['size', 'frontier']).where('id', '=', 1);
    return (this.dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
  }
}
