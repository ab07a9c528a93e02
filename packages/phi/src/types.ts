// Public shapes of the PHI detector. Consumers (scanner, guard, CLI) depend on these.

/** HIPAA Safe Harbor identifier types (45 CFR 164.514(b)(2)) that text can carry. */
export type PhiType =
  | 'NAME'
  | 'ADDRESS'
  | 'ZIP'
  | 'DATE'
  | 'PHONE'
  | 'FAX'
  | 'EMAIL'
  | 'SSN'
  | 'MRN'
  | 'HEALTH_PLAN'
  | 'ACCOUNT'
  | 'LICENSE'
  | 'VEHICLE'
  | 'DEVICE'
  | 'URL'
  | 'IP'
  /** An age over 89 (Safe Harbor lists those; younger ages are not identifiers). */
  | 'AGE';

export interface PhiHit {
  type: PhiType;
  /** Half-open character span [start, end) in the input. */
  start: number;
  end: number;
  /** 0..1 */
  confidence: number;
}

/** A hit inside a JSON value: where (a JSON path such as `attributes.patient.name`), never the value. */
export interface JsonPhiHit {
  path: string;
  type: PhiType;
  confidence: number;
}

export type RedactionStyle = 'mask' | 'tag' | 'hash';

export interface RedactOptions {
  style?: RedactionStyle;
  /** Key for the `hash` style (HMAC); required for it. */
  hashKey?: string;
  /** Minimum confidence for a hit to be redacted (default 0.5). */
  minConfidence?: number;
}
