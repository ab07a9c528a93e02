// `--checks` / `--skip-checks`: which controls a run reports on, by id or glob
// (`TW-SIP-*`, `SEG-*`), case-insensitive, comma-separated or repeated. Collection is
// unchanged (the collectors read kinds, not controls), so a run stays incomplete when
// anything failed to collect, selected or not: unknown is never pass. The account-list
// finding (subaccounts not listed) is kept whatever the selection: it says what the scan
// did not cover at all.
import picomatch from 'picomatch';
import { controls } from '@chaperone/controls';
import type { Finding, ScanReport } from '../types.ts';
import { ACCOUNT_LIST_KIND } from './scan.ts';

export class ControlSelectionError extends Error {
  override name = 'ControlSelectionError';
}

export interface ControlSelection {
  /** The ids the run reports on, in catalog order. */
  ids: ReadonlySet<string>;
  checks: string[];
  skipChecks: string[];
}

function patterns(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((w) => w.trim())
    .filter(Boolean);
}

function matching(flag: string, pattern: string): string[] {
  const isMatch = picomatch(pattern, { nocase: true });
  const ids = controls.map((c) => c.id).filter((id) => isMatch(id));
  if (ids.length === 0) throw new ControlSelectionError(`${flag} "${pattern}" matches no control; use a control id or a glob such as TW-SIP-* (list them with \`chaperone controls\`)`);
  return ids;
}

/** undefined when neither flag was given: every control. */
export function parseControlSelection(checks: readonly string[], skipChecks: readonly string[]): ControlSelection | undefined {
  const include = patterns(checks);
  const exclude = patterns(skipChecks);
  if (include.length === 0 && exclude.length === 0) return undefined;
  const chosen = new Set(include.length > 0 ? include.flatMap((p) => matching('--checks', p)) : controls.map((c) => c.id));
  for (const id of exclude.flatMap((p) => matching('--skip-checks', p))) chosen.delete(id);
  if (chosen.size === 0) throw new ControlSelectionError('--checks and --skip-checks leave no control to report on; skip fewer');
  return { ids: new Set(controls.map((c) => c.id).filter((id) => chosen.has(id))), checks: include, skipChecks: exclude };
}

/** The report with only the selected controls' findings, and the selection recorded in its summary. */
export function selectControls(report: ScanReport, selection: ControlSelection | undefined): ScanReport {
  if (!selection) return report;
  return {
    scan: { ...report.scan, selection: { checks: selection.checks, skipChecks: selection.skipChecks, controls: selection.ids.size } },
    findings: report.findings.filter((f) => isSelected(f, selection)),
  };
}

/** Whether a finding is of a selected control (the account-list finding always is: it says the run is incomplete). */
export function isSelected(finding: Finding, selection: ControlSelection | undefined): boolean {
  return !selection || selection.ids.has(finding.control) || finding.resource.kind === ACCOUNT_LIST_KIND;
}
