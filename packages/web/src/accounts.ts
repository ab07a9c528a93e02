// The account store over a ledger location, for `chaperone user`: opens the ledger, brings
// the dashboard's tables up to date, runs `fn`, closes.
import type { Kysely } from 'kysely';
import { openLedgerDb, type LedgerLocation } from '@chaperone/ledger';
import { systemClock } from './clock.ts';
import { migrateWeb } from './db/migrations.ts';
import type { WebDatabase } from './db/schema.ts';
import { UserStore } from './auth/users.ts';

export async function withUserStore<T>(location: LedgerLocation, options: { create?: boolean }, fn: (users: UserStore) => Promise<T>): Promise<T> {
  const ledger = await openLedgerDb(location, { create: options.create ?? false });
  try {
    await migrateWeb(ledger.db, ledger.dialect);
    return await fn(new UserStore(ledger.db as unknown as Kysely<WebDatabase>, systemClock));
  } finally {
    await ledger.close();
  }
}
