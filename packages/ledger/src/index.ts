// Public surface of @chaperone/ledger.
export { LedgerError } from './errors.ts';
export { DEFAULT_LEDGER_PATH, describeLocation, parseLedgerLocation, type LedgerLocation } from './location.ts';
export { openLedgerDb, DEFAULT_LOCK_TIMEOUT_MS, type LedgerDb, type OpenOptions } from './db/open.ts';
export { LEDGER_FORMAT, SCHEMA_VERSION, type LedgerDatabase } from './db/schema.ts';
export type * from './db/schema.ts';
export { APPEND_ONLY_TABLES, appendOnlyTriggers, type Dialect } from './db/migrations.ts';
export * from './tlog/index.ts';
export { ENTRY_FORMAT_VERSION, ENTRY_KINDS, type EntryBody, type EntryContent, type EntryKind, type RunScope } from './entries.ts';
export type * from './entries.ts';
export { Ledger, type AppendResult, type StoredEntry } from './store.ts';
export { recordReport, startRun, RunRecorder, type RunStart } from './record/scan.ts';
export { interruptedRun, type InterruptedRun, type RecordedFinding } from './record/resume.ts';
export { newRunId, RUN_ID } from './record/run-id.ts';
export { ProofIndex } from './proof-index.ts';
export { diffRuns, listRuns, resolveRuns, type DiffFinding, type RunDiff, type RunSummary } from './history.ts';
