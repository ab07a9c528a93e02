import type { ControlId } from '@chaperone/controls';

/** A person's confirmation of a control only a person can check. */
export interface Attestation {
  control: ControlId;
  /** Name or email of who attested. */
  by: string;
  /** YYYY-MM-DD: when the control was confirmed. */
  date: string;
  /** YYYY-MM-DD: last day (UTC) the attestation counts. */
  expires: string;
  note?: string;
  /** Account SIDs / workspace ids covered; absent = every account. */
  accounts?: string[];
  /** Resource SIDs covered (e.g. one SIP trunk on Interconnect); absent = every resource. */
  resources?: string[];
}

/** An accepted failing finding. */
export interface Mute {
  control: ControlId;
  /** Resource SID or id, or `*` for every resource of the control. */
  resource: string;
  /** Limit to one account SID / workspace id; absent = every account. */
  account?: string;
  reason: string;
  /** YYYY-MM-DD: when the finding was accepted; the mute's length counts from it (from the scan day when absent). */
  date?: string;
  /** YYYY-MM-DD: last day (UTC) the mute counts. */
  expires: string;
}

/** The longest a mute may last unless chaperone.yaml sets `muteMaxDays`. */
export const DEFAULT_MUTE_MAX_DAYS = 365;

export interface SegmentConfig {
  /** Destination / warehouse vendors covered by a BAA, as written in the file. */
  baaVendors: string[];
  /** Segment workspace ids designated HIPAA. */
  designatedWorkspaces: string[];
}

export interface ChaperoneConfig {
  /** Absolute path of the file read; undefined when no file was found (empty config). */
  source?: string;
  baa?: { date: string; designatedAccounts: string[] };
  attestations: Attestation[];
  mutes: Mute[];
  /** The longest a mute may last, in days; a longer one does not count (and is reported). */
  muteMaxDays: number;
  segment: SegmentConfig;
  twilio: {
    baaVendors: string[];
    /** US territories (PR, VI, GU, AS, MP) whose numbers count as US; none by default. */
    usTerritories: string[];
    /** TW-KEYS-ROTATION: API keys older than this many days are due for rotation (90 when absent). */
    apiKeyMaxAgeDays?: number;
  };
  /** Hosts allowed to receive webhooks and media streams; undefined when not configured. */
  webhookHosts?: string[];
}

export function emptyConfig(): ChaperoneConfig {
  return { attestations: [], mutes: [], muteMaxDays: DEFAULT_MUTE_MAX_DAYS, segment: { baaVendors: [], designatedWorkspaces: [] }, twilio: { baaVendors: [], usTerritories: [] } };
}
