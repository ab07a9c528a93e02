import type { ControlId } from '../ids.ts';
import type { Classification, Control, Platform, Severity, Verification } from '../types.ts';

/** One catalog row as written in a section file; platform and product come from the section. */
export interface Row {
  id: ControlId;
  classification: Classification;
  summary: string;
  verification: readonly Verification[];
  severity: Severity;
  hipaaCitation: readonly string[];
  remediation: string;
  reference: string;
  seeAlso?: ControlId;
}

export function section(platform: Platform, product: string, rows: readonly Row[]): Control[] {
  // id first, so JSON output of a control leads with it.
  return rows.map(({ id, ...rest }) => ({ id, platform, product, ...rest }));
}
