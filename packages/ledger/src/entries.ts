// What the ledger records: one JSON body per entry, hashed as its RFC 8785 bytes. Every
// body carries `v` (format version), `seq` (its own position, so a moved entry names
// itself), `kind` and `at` (ISO-8601 UTC). Values are SIDs, control ids, statuses and the
// scanner's masked evidence: never PHI, a token or a secret (free text from chaperone.yaml
// goes through the PHI redactor first, see record/).

export const ENTRY_FORMAT_VERSION = 1;

export interface RunScope {
  /** Platforms scanned. */
  platforms: string[];
  /** Accounts asked for with --account; empty = every account reachable. */
  accounts: string[];
  demo: boolean;
  /** chaperone.yaml applied: its file name and SHA-256 of its bytes (not its content). */
  config?: { file: string; sha256: string };
}

export interface RunStartEntry {
  kind: 'run.start';
  run: string;
  chaperoneVersion: string;
  guideVersion: string;
  scope: RunScope;
}

export interface FindingEntry {
  kind: 'finding';
  run: string;
  control: string;
  status: string;
  severity: string;
  account: string;
  platform: string;
  resource: { kind: string; sid: string };
  evidence: string;
  note?: string;
}

export interface AppliedConfigEntry {
  kind: 'attestation' | 'mute';
  run: string;
  control: string;
  accounts?: string[];
  resources?: string[];
  by?: string;
  reason?: string;
  date?: string;
  expires: string;
  /** Findings of the run this entry settled (0: expired, not yet dated, or matching nothing). */
  findings: number;
}

export interface RunAccountEntry {
  kind: 'run.account';
  run: string;
  account: string;
  platform: string;
  /** Every kind of this account collected, and its findings recorded before this entry. */
  complete: boolean;
}

export interface RunEndEntry {
  kind: 'run.end';
  run: string;
  state: 'complete' | 'incomplete';
  /** Findings by status. */
  totals: Record<string, number>;
  findings: number;
  accounts: number;
  requests: number;
  errors: number;
}

export interface GuardDecisionEntry {
  kind: 'guard.decision';
  event: string;
  level: string;
  fields: Record<string, unknown>;
}

/**
 * An attestation or mute decided in the dashboard (packages/web): recorded, renewed or
 * revoked by a signed-in user, with a reason the dashboard ran through the PHI detector and
 * refused when it held anything. Not projected here: the dashboard keeps its own view.
 */
export interface DashboardDecisionEntry {
  kind: 'dashboard.decision';
  action: 'record' | 'renew' | 'revoke';
  entry: 'attestation' | 'mute';
  control: string;
  /** Account SID or workspace id; absent: every account. */
  account?: string;
  /** Resource SID or `*`; absent: every resource. */
  resource?: string;
  /** The dashboard user who decided. */
  by: string;
  reason: string;
  /** YYYY-MM-DD of the decision. */
  date: string;
  /** YYYY-MM-DD, the last day it counts (absent on revoke). */
  expires?: string;
}

export type EntryContent = RunStartEntry | FindingEntry | AppliedConfigEntry | RunAccountEntry | RunEndEntry | GuardDecisionEntry | DashboardDecisionEntry;
export type EntryKind = EntryContent['kind'];

/** An entry as stored and hashed. */
export type EntryBody = EntryContent & { v: number; seq: number; at: string };

export const ENTRY_KINDS: readonly EntryKind[] = ['run.start', 'finding', 'attestation', 'mute', 'run.account', 'run.end', 'guard.decision', 'dashboard.decision'];
