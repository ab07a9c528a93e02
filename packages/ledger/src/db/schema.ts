// The ledger's tables as Kysely sees them: one schema for SQLite and PostgreSQL.
// Types are kept to what both stores share: integers, text, bytes. Timestamps are ISO-8601
// UTC text, booleans 0/1, structured values JSON text. The hashed bytes (`body`) are stored
// as bytes, never as jsonb, so they come back exactly as they were hashed.
//
// `ledger_entry` is the log itself (append-only: triggers refuse UPDATE and DELETE); every
// other table except `ledger_state` and `ledger_meta` is a projection of it, written in the
// same transaction as the entry it comes from, for queries (history, diff, dashboard).

/** Schema version written by this code; a ledger with a higher one was written by a newer chaperone. */
export const SCHEMA_VERSION = 1;

/** `ledger_meta.value` of key `format`: what marks a database as a chaperone ledger. */
export const LEDGER_FORMAT = 'chaperone-ledger';

export interface LedgerMetaTable {
  /** `format`, `schema_version`, `ledger_id`, `origin`, `verifier_key` (once a key signed a checkpoint). */
  key: string;
  value: string;
}

export interface LedgerEntryTable {
  /** 0, 1, 2, ... with no gap: the leaf index in the Merkle tree. */
  seq: number;
  /** The entry's kind (`run.start`, `finding`, ...), also inside `body`. */
  kind: string;
  /** RFC 8785 canonical JSON of the entry, exactly the bytes that were hashed. */
  body: Uint8Array;
  /** SHA-256(0x00 || body), RFC 9162 leaf hash. */
  leaf: Uint8Array;
}

/** One row (id 1): the tree's size and compact-range frontier, so an append costs O(log n). */
export interface LedgerStateTable {
  id: number;
  size: number;
  /** CompactRange.toJSON() as JSON text. */
  frontier: string;
}

/** Signed checkpoints (C2SP tlog-checkpoint in a signed note), one per tree size; append-only. */
export interface LedgerCheckpointTable {
  size: number;
  /** Tree head at `size` (32 bytes). */
  root: Uint8Array;
  /** The whole signed note, text as it is handed to an auditor. */
  note: string;
  created_at: string;
}

/** Projection of `run.start` / `run.account` / `run.end`: one row per scan run. */
export interface ScanRunTable {
  run_id: string;
  start_seq: number;
  started_at: string;
  /** null while running (or when the run was killed). */
  end_seq: number | null;
  finished_at: string | null;
  /** `running` until a `run.end` entry says `complete` or `incomplete`; a killed run stays `running`. */
  state: 'running' | 'complete' | 'incomplete';
  chaperone_version: string;
  guide_version: string;
  /** JSON: what was scanned (platforms, accounts asked for, demo, config file). */
  scope: string;
  /** JSON: totals by status at the end; null until then. */
  totals: string | null;
}

/** Projection of `run.account`: whether each account of a run was fully collected (for --resume). */
export interface ScanAccountTable {
  run_id: string;
  account: string;
  platform: string;
  /** 1 when every kind of the account was collected and its findings recorded. */
  complete: number;
  seq: number;
}

/** Projection of `finding`: one row per finding of a run. */
export interface FindingTable {
  seq: number;
  run_id: string;
  control: string;
  account: string;
  platform: string;
  resource_kind: string;
  resource_sid: string;
  status: string;
  severity: string;
  /** Masked evidence as the scanner wrote it (SIDs, masked values; never PHI or a secret). */
  evidence: string;
  note: string | null;
}

/** Projection of `attestation` / `mute`: each chaperone.yaml entry as a run applied it. */
export interface AppliedConfigTable {
  seq: number;
  run_id: string;
  kind: 'attestation' | 'mute';
  control: string;
  /** JSON array of account SIDs, or null for every account. */
  accounts: string | null;
  /** JSON array of resource SIDs (a mute's one resource or `*`), or null for every resource. */
  resources: string | null;
  /** Attestation: who attested. */
  by: string | null;
  /** Mute: why (PHI redacted). Attestation: its note (PHI redacted). */
  reason: string | null;
  date: string | null;
  expires: string;
  /** Findings of the run it settled. */
  findings: number;
}

/** Projection of `guard.decision`: what the guard decided (SIDs and masked values only). */
export interface GuardDecisionTable {
  seq: number;
  at: string;
  /** e.g. `twilio.outbound.decision`, `webhook.rejected`, `ledger.sink.dropped`. */
  event: string;
  level: string;
  /** JSON of the event's other fields. */
  fields: string;
}

export interface LedgerDatabase {
  ledger_meta: LedgerMetaTable;
  ledger_entry: LedgerEntryTable;
  ledger_state: LedgerStateTable;
  ledger_checkpoint: LedgerCheckpointTable;
  scan_run: ScanRunTable;
  scan_account: ScanAccountTable;
  finding: FindingTable;
  applied_config: AppliedConfigTable;
  guard_decision: GuardDecisionTable;
}
