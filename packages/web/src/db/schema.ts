// The dashboard's own tables, kept in the ledger's database beside the ledger's tables
// (never inside them: the ledger's tables are the ledger package's alone). Timestamps are
// milliseconds since the epoch (integer on SQLite, bigint on PostgreSQL).

export type Role = 'viewer' | 'attester' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'attester', 'admin'];

export interface WebUserTable {
  username: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (base64url salt and hash). */
  password_hash: string;
  created_at: number;
}

/** A signed-in browser. The cookie holds the session id; only its SHA-256 is stored. */
export interface WebSessionTable {
  id_hash: string;
  username: string;
  created_at: number;
  /** Last request that was the user's own doing (polling does not count). */
  last_seen_at: number;
  /** Absolute cap: the session ends then, active or not. */
  expires_at: number;
  /** Synchronizer token every form of this session carries. */
  csrf_token: string;
}

/** One ended run, summarised once (its findings never change after run.end). */
export interface WebRunSummaryTable {
  run_id: string;
  start_seq: number;
  started_at: string;
  state: string;
  findings: number;
}

/** One account of an ended run: findings by status, and the controls failing there. */
export interface WebAccountSummaryTable {
  run_id: string;
  start_seq: number;
  account: string;
  platform: string;
  /** 1 when the run collected every kind of the account. */
  complete: number;
  /** JSON object status -> count. */
  counts: string;
  /** JSON array of control ids with a `fail` finding. */
  failing_controls: string;
}

/** The dashboard's projection of the attestation and mute decisions it appended (body as appended). */
export interface WebDecisionTable {
  seq: number;
  at: string;
  body: string;
}

export interface WebMetaTable {
  key: string;
  value: string;
}

export interface WebDatabase {
  web_user: WebUserTable;
  web_session: WebSessionTable;
  web_run_summary: WebRunSummaryTable;
  web_account_summary: WebAccountSummaryTable;
  web_decision: WebDecisionTable;
  web_meta: WebMetaTable;
}
