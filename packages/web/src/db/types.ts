// The database the dashboard reads: the ledger's tables (read only, except through the
// ledger's API) and the dashboard's own.
import type { Kysely } from 'kysely';
import type { LedgerDatabase } from '@chaperone/ledger';
import type { WebDatabase } from './schema.ts';

export type DashboardDatabase = LedgerDatabase & WebDatabase;
export type DashboardDb = Kysely<DashboardDatabase>;
