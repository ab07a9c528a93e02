// Opening a ledger: checks what is at the location before anything is written to it (a
// corrupt, foreign or newer-schema database is refused with one line and left as it was),
// sets the durable settings, and brings an older schema up to date.
import { existsSync, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { LedgerError } from '../errors.ts';
import { translateDbError } from './errors.ts';
import { setDurable } from './sqlite-append.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, describeLocation, type LedgerLocation } from '../location.ts';
import { migrations, type Dialect } from './migrations.ts';
import { LEDGER_FORMAT, SCHEMA_VERSION, type LedgerDatabase } from './schema.ts';

export interface LedgerDb {
  db: Kysely<LedgerDatabase>;
  dialect: Dialect;
  /** SQLite: the connection Kysely drives, for the bulk inserts of an append (prepared once, run per row). */
  sqlite?: Database.Database;
  location: LedgerLocation;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Create the ledger when nothing is there (scan, init); otherwise a missing ledger is an error. */
  create?: boolean;
  /** How long to wait for another writer before giving up as locked (default 5 s). */
  lockTimeoutMs?: number;
}

export { DEFAULT_LOCK_TIMEOUT_MS };

const SQLITE_HEADER = 'SQLite format 3\0';

export async function openLedgerDb(location: LedgerLocation, options: OpenOptions = {}): Promise<LedgerDb> {
  const db = location.kind === 'sqlite' ? openSqlite(location.path, options) : await openPostgres(location, options);
  try {
    await prepare(db, options);
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw translateDbError(location, error);
  }
}

function openSqlite(path: string, options: OpenOptions): LedgerDb {
  const location: LedgerLocation = { kind: 'sqlite', path };
  if (!existsSync(path)) {
    if (!options.create) throw new LedgerError(`no ledger at ${path}; \`chaperone scan\` or \`chaperone ledger init\` creates one, or point --ledger at it`);
    mkdirSync(dirname(path), { recursive: true });
  } else {
    if (statSync(path).isDirectory()) throw new LedgerError(`${path} is a directory; point --ledger at the ledger file (e.g. ${path}/ledger.db)`);
    // Read the header ourselves: SQLite would otherwise only fail on the first query, and
    // nothing may be written to a file that is not a SQLite database.
    const header = Buffer.alloc(16);
    const fd = openSync(path, 'r');
    const read = readSync(fd, header, 0, 16, 0);
    closeSync(fd);
    if (read > 0 && header.toString('latin1', 0, read) !== SQLITE_HEADER.slice(0, read)) throw notALedger(location, 'not a SQLite database');
  }
  let database: Database.Database;
  try {
    database = new Database(path, { fileMustExist: !options.create, timeout: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS });
  } catch (error) {
    throw translateDbError(location, error);
  }
  const db = new Kysely<LedgerDatabase>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', sqlite: database, location, close: () => db.destroy() };
}

// int8 (COUNT, bigint seq) as a number: sequence numbers stay far below 2^53.
const INT8_OID = 20;

async function openPostgres(location: Extract<LedgerLocation, { kind: 'postgres' }>, options: OpenOptions): Promise<LedgerDb> {
  // Loaded only for a PostgreSQL ledger: a SQLite ledger's process (and each writer thread) never pays for pg's modules.
  const { default: pg } = await import('pg');
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const lockTimeout = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: location.url,
    options: `-c search_path=${location.schema} -c lock_timeout=${lockTimeout}`,
    max: 4,
    connectionTimeoutMillis: 10_000,
    types,
  });
  // An idle client's error (server restarted) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<LedgerDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}

async function tableNames(ledger: LedgerDb): Promise<Set<string>> {
  if (ledger.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(ledger.db);
    return new Set(rows.rows.map((r) => r.name));
  }
  const schema = (ledger.location as { schema: string }).schema;
  const rows = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(ledger.db);
  return new Set(rows.rows.map((r) => r.name));
}

async function prepare(ledger: LedgerDb, options: OpenOptions): Promise<void> {
  const { db, location } = ledger;
  if (ledger.dialect === 'postgres') {
    const schema = (location as { schema: string }).schema;
    await sql`select 1`.execute(db);
    if (options.create) await sql.raw(`create schema if not exists ${schema}`).execute(db);
  }
  const tables = await tableNames(ledger);
  let current = false;
  if (tables.size === 0 || (ledger.dialect === 'postgres' && !tables.has('ledger_meta') && !tables.has('ledger_entry'))) {
    if (!options.create) throw new LedgerError(`no ledger at ${describeLocation(location)} (it holds no ledger tables); \`chaperone scan\` or \`chaperone ledger init\` creates one`);
  } else {
    if (!tables.has('ledger_meta')) throw notALedger(location, 'it holds tables that are not a chaperone ledger');
    const meta = await db.selectFrom('ledger_meta').select(['key', 'value']).where('key', 'in', ['format', 'schema_version']).execute();
    const format = meta.find((m) => m.key === 'format')?.value;
    const version = Number(meta.find((m) => m.key === 'schema_version')?.value);
    if (format !== LEDGER_FORMAT || !Number.isInteger(version) || version < 1) throw notALedger(location, 'its ledger_meta table is not a chaperone ledger\'s');
    if (version > SCHEMA_VERSION) {
      throw new LedgerError(`${describeLocation(location)} was written by a newer chaperone (ledger schema ${version}, this one reads up to ${SCHEMA_VERSION}); upgrade chaperone to use it`);
    }
    current = version === SCHEMA_VERSION;
  }
  if (ledger.sqlite) setDurable(ledger.sqlite);
  // Up to date: no write lock taken, so verify, history and diff read a ledger while a scan writes it.
  if (!current) await migrate(ledger);
}

/**
 * Applies the migrations newer than the stored schema version, all in one transaction that
 * holds the write lock (a second process opening a new ledger at once waits, then finds it
 * made). Not Kysely's Migrator: on PostgreSQL it lists the tables of every schema of the
 * database, which fails when another schema is dropped meanwhile, and it keeps tables of its
 * own; the version lives in ledger_meta instead.
 */
async function migrate(ledger: LedgerDb): Promise<void> {
  const all = Object.values(migrations(ledger.dialect));
  await ledger.db.connection().execute(async (conn) => {
    await sql.raw(ledger.dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (ledger.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${'chaperone-ledger-migrate:' + (ledger.location as { schema: string }).schema}))`.execute(conn);
      const tables = await tableNames({ ...ledger, db: conn });
      const version = tables.has('ledger_meta')
        ? Number((await conn.selectFrom('ledger_meta').select('value').where('key', '=', 'schema_version').executeTakeFirst())?.value ?? 0)
        : 0;
      for (const [i, migration] of all.entries()) if (i + 1 > version) await migration.up(conn);
      if (version < all.length) await conn.updateTable('ledger_meta').set({ value: String(all.length) }).where('key', '=', 'schema_version').execute();
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

function notALedger(location: LedgerLocation, why: string): LedgerError {
  return new LedgerError(`${describeLocation(location)} is not a chaperone ledger (${why}); nothing was changed: point --ledger at a ledger file or URL, or at a new path`);
}

export { translateDbError };
