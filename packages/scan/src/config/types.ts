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
}

/** An accepted failing finding. */
export interface Mute {
  control: ControlId;
  /** Resource SID or id, or `*` for every resource of the control. */
  resource: string;
  /** Limit to one account SID / workspace id; absent = every account. */
  account?: string;
  reason: string;
  /** YYYY-MM-DD: last day (UTC) the mute counts. */
  expires: string;
}

export interface SegmentConfig {
  /** Destination / warehouse vendors covered by a BAA, as written in the file. */
  baaVendors: string[];
  /** Segment workspace ids designated HIPAA. */
  designatedWorkspaces: string[];
  /** Further keys are kept as written for the Segment checks. */
  [key: string]: unknown;
}

export interface ChaperoneConfig {
  /** Absolute path of the file read; undefined when no file was found (empty config). */
  source?: string;
  baa?: { date: string; designatedAccounts: string[] };
  attestations: Attestation[];
  mutes: Mute[];
  segment: SegmentConfig;
  twilio: {
    baaVendors: string[];
    /** US territories (PR, VI, GU, AS, MP) whose numbers count as US; none by default. */
    usTerritories: string[];
  };
  /** Hosts allowed to receive webhooks and media streams; undefined when not configured. */
  webhookHosts?: string[];
}

export function emptyConfig(): ChaperoneConfig {
  return { attestations: [], mutes: [], segment: { baaVendors: [], designatedWorkspaces: [] }, twilio: { baaVendors: [], usTerritories: [] } };
}
