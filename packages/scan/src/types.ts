// Shared shapes of the scanner: inventory (what collectors gathered), findings (what
// checks concluded) and the report. Collectors and checks, report writers, the
// Segment part and the CLI all speak these types.
import type { ControlId, Platform, Severity } from '@chaperone/controls';

/**
 * What a finding says, following the guide's classes:
 * - `fail`: a required or not-eligible control is violated (or the scan itself sees a
 *   special consideration violated, e.g. PHI where none may be). The only status that
 *   makes `chaperone scan` exit 1 (unless `--fail-on` says otherwise).
 * - `advisory`: a recommendation of the guide is not followed. Reported, not failing.
 * - `unknown`: could not be collected; the run is incomplete (exit 3). Never pass.
 * - `manual`: a person must review or confirm it (special considerations, attest controls).
 * - `attested`: a person confirmed it in chaperone.yaml (who, until when).
 * - `muted`: accepted for a while in chaperone.yaml (reason, expiry).
 * - `pass`: the scan saw the control met.
 */
export type FindingStatus = 'fail' | 'advisory' | 'unknown' | 'manual' | 'attested' | 'muted' | 'pass';

/** Order used everywhere a list is sorted or counted "worst first". */
export const STATUS_ORDER: readonly FindingStatus[] = ['fail', 'advisory', 'unknown', 'manual', 'attested', 'muted', 'pass'];

/** Severities worst first (the catalog's scale). */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function isFindingStatus(value: string): value is FindingStatus {
  return (STATUS_ORDER as readonly string[]).includes(value);
}

export interface ResourceRef {
  /** Resource kind, `<api>.<resource>` e.g. `api.incoming_phone_number`, `trunking.trunk`, `segment.destination`. */
  kind: string;
  /** Twilio SID or Segment id; for account-level controls the account SID / workspace id. */
  sid: string;
  friendlyName?: string;
}

export interface Finding {
  control: ControlId;
  status: FindingStatus;
  severity: Severity;
  /** Twilio account SID (AC...) or Segment workspace id the resource lives in. */
  account: string;
  platform: Platform;
  resource: ResourceRef;
  /**
   * What was observed, PHI masked and never a secret: e.g. `voice_url = http://clinic.example/voice`,
   * `phone_number = +4420794****`, `attributes.patient_name: NAME`.
   */
  evidence: string;
  remediation: string;
  /** Set for attested / muted findings: who and until when, or the mute reason. */
  note?: string;
}

/** One collected resource. `fields` hold the API's own snake_case (Twilio) or camelCase (Segment) fields. */
export interface InventoryResource {
  platform: Platform;
  kind: string;
  sid: string;
  account: string;
  friendlyName?: string;
  /** SID of the parent resource (service, workspace, domain...) where there is one. */
  parent?: string;
  fields: Record<string, unknown>;
}

/** Whether one kind could be collected in one account. A kind without an ok entry is unknown. */
export interface CollectionRecord {
  platform: Platform;
  account: string;
  kind: string;
  ok: boolean;
  /** One sanitized line (no secrets, no PHI) when ok is false. */
  error?: string;
}

export interface InventoryAccount {
  platform: Platform;
  sid: string;
  friendlyName?: string;
  /** Twilio: owner_account_sid; the master account has none. */
  parent?: string;
  status?: string;
  dateCreated?: string;
}

export interface Inventory {
  accounts: InventoryAccount[];
  resources: InventoryResource[];
  collections: CollectionRecord[];
}

export interface ScanSummary {
  started: string;
  finished: string;
  /** Accounts and workspaces scanned. */
  accounts: { platform: Platform; sid: string; friendlyName?: string; complete: boolean }[];
  /** True when every kind in every account was collected. */
  complete: boolean;
  requests: number;
  throttled: number;
  retries: number;
  errors: string[];
  /** Expired attestations and mutes found in chaperone.yaml (they no longer count). */
  expired: { kind: 'attestation' | 'mute'; control: string; resource?: string; expired: string }[];
  /** chaperone.yaml entries that count for less than they seem (one line each, naming the entry, never its values). */
  warnings?: string[];
  chaperoneVersion: string;
  guideVersion: string;
  /**
   * Set on a view filtered by `--status` / `--severity`: what was kept, out of how many
   * findings, and the verdict of the whole scan (a filter never changes the verdict).
   */
  filter?: { statuses?: FindingStatus[]; severities?: Severity[]; total: number; verdict: 'fail' | 'incomplete' | 'pass' };
  /** Set when `--checks` / `--skip-checks` narrowed the controls reported on (the verdict counts only those). */
  selection?: { checks: string[]; skipChecks: string[]; controls: number };
}

export interface ScanReport {
  scan: ScanSummary;
  findings: Finding[];
}
