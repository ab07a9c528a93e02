// Migrations in code (bundled with the CLI, no migration files to find at run time), run in
// order by db/open.ts. Each migration is frozen once released: a change to the schema is a
// new migration and SCHEMA_VERSION + 1. Types differ only where the two stores name them
// differently (bigint/integer, bytea/blob); the append-only triggers are each store's own SQL.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { LEDGER_FORMAT, SCHEMA_VERSION } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Tables whose rows, once written, are never changed or removed (the log and its signed heads). */
export const APPEND_ONLY_TABLES = ['ledger_entry', 'ledger_checkpoint'] as const;

function types(dialect: Dialect) {
  // SQLite: `integer primary key` is the rowid itself (no second index for seq).
  return { int: dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const), bytes: dialect === 'sqlite' ? sql`blob` : sql`bytea` };
}

/** The statements that make a table refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL). */
export function appendOnlyTriggers(dialect: Dialect, table: string): string[] {
  if (dialect === 'sqlite') {
    return ['update', 'delete'].map(
      (op) => `create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${table} is append-only: ${op} refused'); end`,
    );
  }
  return [
    `create trigger ${table}_append_only before update or delete on ${table} for each row execute function ledger_refuse_change()`,
    `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ledger_refuse_change()`,
  ];
}

function initial(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    // Kysely<any>: a migration is frozen in time and must not follow later changes to the table types.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.createTable('ledger_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
      await db.schema
        .createTable('ledger_entry')
        .addColumn('seq', t.int, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', t.bytes, (c) => c.notNull())
        .addColumn('leaf', t.bytes, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ledger_state')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('size', t.int, (c) => c.notNull())
        .addColumn('frontier', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ledger_checkpoint')
        .addColumn('size', t.int, (c) => c.primaryKey())
        .addColumn('root', t.bytes, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('scan_run')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('start_seq', t.int, (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('end_seq', t.int)
        .addColumn('finished_at', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('chaperone_version', 'text', (c) => c.notNull())
        .addColumn('guide_version', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('totals', 'text')
        .execute();
      await db.schema.createIndex('scan_run_started').on('scan_run').column('started_at').execute();
      await db.schema
        .createTable('scan_account')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('complete', 'integer', (c) => c.notNull())
        .addColumn('seq', t.int, (c) => c.notNull())
        .addPrimaryKeyConstraint('scan_account_pk', ['run_id', 'account'])
        .execute();
      await db.schema
        .createTable('finding')
        .addColumn('seq', t.int, (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('control', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('resource_kind', 'text', (c) => c.notNull())
        .addColumn('resource_sid', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('finding_run').on('finding').columns(['run_id', 'control', 'account', 'resource_sid']).execute();
      await db.schema
        .createTable('applied_config')
        .addColumn('seq', t.int, (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('control', 'text', (c) => c.notNull())
        .addColumn('accounts', 'text')
        .addColumn('resources', 'text')
        .addColumn('by', 'text')
        .addColumn('reason', 'text')
        .addColumn('date', 'text')
        .addColumn('expires', 'text', (c) => c.notNull())
        .addColumn('findings', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('applied_config_run').on('applied_config').column('run_id').execute();
      await db.schema
        .createTable('guard_decision')
        .addColumn('seq', t.int, (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('guard_decision_at').on('guard_decision').column('at').execute();

      if (dialect === 'postgres') {
        await sql
          .raw(`create or replace function ledger_refuse_change() returns trigger language plpgsql as $$ begin raise exception '% is append-only: % refused', tg_table_name, lower(tg_op); end $$`)
          .execute(db);
      }
      for (const table of APPEND_ONLY_TABLES) for (const statement of appendOnlyTriggers(dialect, table)) await sql.raw(statement).execute(db);

      const ledgerId = randomBytes(8).toString('hex');
      await db
        .insertInto('ledger_meta')
        .values([
          { key: 'format', value: LEDGER_FORMAT },
          { key: 'schema_version', value: '1' },
          { key: 'ledger_id', value: ledgerId },
          // C2SP tlog-checkpoint origin: unique to this log, schema-less URL-like.
          { key: 'origin', value: `chaperone.ledger/${ledgerId}` },
        ])
        .execute();
      // `null`: the empty tree (no CompactRange yet).
      await db.insertInto('ledger_state').values({ id: 1, size: 0, frontier: 'null' }).execute();
    },
  };
}

/** Migrations by name, in the order they apply; the last one sets schema_version = SCHEMA_VERSION. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  const all: Record<string, Migration> = { '0001-initial': initial(dialect) };
  if (Object.keys(all).length !== SCHEMA_VERSION) throw new Error('SCHEMA_VERSION must equal the number of migrations');
  return all;
}
