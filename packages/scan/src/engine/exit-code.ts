// The exit code contract of `chaperone scan`: 0 nothing failing, 1 failing findings,
// 3 incomplete scan without failures (2, usage and credentials, is decided before a scan).
// Only `fail` fails by default; `--fail-on` widens the statuses that fail the run
// (`advisory`, `manual`, `unknown`) and/or sets a minimum severity (`high`: only findings
// of high or critical severity count), as Trivy's --severity/--exit-code, Checkov's
// --hard-fail-on and Prowler's --severity let their users choose.
import type { Severity } from '@chaperone/controls';
import { SEVERITY_ORDER, type Finding, type FindingStatus, type ScanReport } from '../types.ts';

/** Statuses `--fail-on` may add to `fail`: the others are settled (pass, attested, muted). */
export const FAIL_ON_STATUSES = ['fail', 'advisory', 'unknown', 'manual'] as const satisfies readonly FindingStatus[];

export interface FailOn {
  /** Statuses that fail the run; `fail` always among them. */
  statuses: ReadonlySet<FindingStatus>;
  /** Only findings at or above this severity fail the run; undefined = any severity. */
  minSeverity?: Severity;
}

export const DEFAULT_FAIL_ON: FailOn = { statuses: new Set(['fail']) };

export class FailOnError extends Error {
  override name = 'FailOnError';
}

/** `--fail-on advisory`, `--fail-on high`, `--fail-on advisory,high` (repeatable). */
export function parseFailOn(values: readonly string[]): FailOn {
  const statuses = new Set<FindingStatus>(['fail']);
  let minSeverity: Severity | undefined;
  for (const word of values.flatMap((v) => v.split(',')).map((w) => w.trim().toLowerCase())) {
    if ((FAIL_ON_STATUSES as readonly string[]).includes(word)) statuses.add(word as FindingStatus);
    else if ((SEVERITY_ORDER as readonly string[]).includes(word)) {
      const severity = word as Severity;
      // Two severities: the lower one is the threshold (both were asked to fail).
      if (!minSeverity || rank(severity) > rank(minSeverity)) minSeverity = severity;
    } else {
      throw new FailOnError(`--fail-on "${word}" is neither a status (${FAIL_ON_STATUSES.join(', ')}) nor a severity (${SEVERITY_ORDER.join(', ')})`);
    }
  }
  return { statuses, ...(minSeverity ? { minSeverity } : {}) };
}

function rank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

/** True when the finding fails the run under `failOn`. */
export function failsRun(finding: Finding, failOn: FailOn = DEFAULT_FAIL_ON): boolean {
  if (!failOn.statuses.has(finding.status)) return false;
  return !failOn.minSeverity || rank(finding.severity) <= rank(failOn.minSeverity);
}

export function exitCodeFor(report: ScanReport, failOn: FailOn = DEFAULT_FAIL_ON): 0 | 1 | 3 {
  if (report.findings.some((f) => failsRun(f, failOn))) return 1;
  if (!report.scan.complete || report.findings.some((f) => f.status === 'unknown')) return 3;
  return 0;
}
