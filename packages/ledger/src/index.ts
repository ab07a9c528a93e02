// Public surface of @chaperone/ledger.
export { LedgerError } from './errors.ts';
export { DEFAULT_LEDGER_PATH, describeLocation, parseLedgerLocation, type LedgerLocation } from './location.ts';
export { openLedgerDb, DEFAULT_LOCK_TIMEOUT_MS, type LedgerDb, type OpenOptions } from './db/open.ts';
export { LEDGER_FORMAT, SCHEMA_VERSION, type LedgerDatabase } from './db/schema.ts';
export type * from './db/schema.ts';
export { APPEND_ONLY_TABLES, appendOnlyTriggers, type Dialect } from './db/migrations.ts';
export * from './tlog/index.ts';
