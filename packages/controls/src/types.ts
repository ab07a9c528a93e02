import type { ControlId } from './ids.ts';

/** The guide's classification of a control (column "class" of controls.md). */
export type Classification = 'required' | 'recommended' | 'special-consideration' | 'not-eligible' | 'platform';

/** How a control is verified: an API field shows it, a request can be checked, or only a person can confirm it. */
export type Verification = 'scan' | 'guard' | 'attest';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type Platform = 'twilio' | 'segment';

export interface Control {
  id: ControlId;
  platform: Platform;
  /** Product section of the guide, e.g. "Programmable Voice and SIP". */
  product: string;
  classification: Classification;
  /** One sentence: what the guide asks. */
  summary: string;
  verification: readonly Verification[];
  severity: Severity;
  /** HIPAA citation(s), 45 CFR section(s); empty where the guide gives none. */
  hipaaCitation: readonly string[];
  remediation: string;
  /** URL of the guide (with anchor where one exists). */
  reference: string;
  /** Another control that carries this one's checks ("see TW-MARKETPLACE"). */
  seeAlso?: ControlId;
  /**
   * The guide's alternative to what the scan checks, which only a person can confirm
   * (e.g. "traffic runs over Twilio Interconnect"): an attestation of this control then
   * settles a `fail` as `attested`. Absent: an attestation settles `manual` findings only.
   */
  attestSettlesFail?: string;
}
