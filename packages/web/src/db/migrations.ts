// The dashboard's migrations, in code, run by Kysely's Migrator with a version table of
// their own (web_migration): the ledger's migration set and version stay the ledger's, and
// either package can add a migration without the other's release. Each migration is frozen
// once released; a change is a new one.
import { Migrator, type Kysely, type Migration } from 'kysely';

export type WebDialect = 'sqlite' | 'postgres';

function initial(dialect: WebDialect): Migration {
  const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('web_user')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', int, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('web_session')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('created_at', int, (c) => c.notNull())
        .addColumn('last_seen_at', int, (c) => c.notNull())
        .addColumn('expires_at', int, (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('web_session_username').on('web_session').column('username').execute();
    },
  };
}

// Summaries of ended runs (a run's findings never change once it has ended), so the
// posture of 1,001 accounts is read from 1,001 rows, not 44,000 findings; and the
// dashboard's own projection of the attestation and mute decisions it wrote to the ledger.
function summaries(dialect: WebDialect): Migration {
  const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('web_run_summary')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('start_seq', int, (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('findings', int, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('web_account_summary')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('start_seq', int, (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('complete', 'integer', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('failing_controls', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('web_account_summary_pk', ['run_id', 'account', 'platform'])
        .execute();
      await db.schema.createIndex('web_account_summary_account').on('web_account_summary').columns(['platform', 'account', 'start_seq']).execute();
      await db.schema
        .createTable('web_decision')
        .addColumn('seq', int, (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('web_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    },
  };
}

export function webMigrations(dialect: WebDialect): Record<string, Migration> {
  return { 'web-0001-users-sessions': initial(dialect), 'web-0002-summaries': summaries(dialect) };
}

export const WEB_MIGRATION_TABLE = 'web_migration';
export const WEB_MIGRATION_LOCK_TABLE = 'web_migration_lock';

/** Brings the dashboard's tables up to date; safe to run on every start. */
export async function migrateWeb<DB>(db: Kysely<DB>, dialect: WebDialect): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => webMigrations(dialect) },
    migrationTableName: WEB_MIGRATION_TABLE,
    migrationLockTableName: WEB_MIGRATION_LOCK_TABLE,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
