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

export function webMigrations(dialect: WebDialect): Record<string, Migration> {
  return { 'web-0001-users-sessions': initial(dialect) };
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
