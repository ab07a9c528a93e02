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
  return rows.map((row) => ({ id: row.id, platform, product, ...row }));
}
