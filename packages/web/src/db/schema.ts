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

export interface WebDatabase {
  web_user: WebUserTable;
  web_session: WebSessionTable;
}
