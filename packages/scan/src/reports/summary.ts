// What every human-facing writer (terminal, Markdown, HTML, JUnit) says first: the
// verdict, counts by status, per-product and per-account tallies worst first, and the
// failing controls that matter most. Pure: computed from the report alone.
import type { ControlId, Platform, Severity } from '@chaperone/controls';
import { SEVERITY_ORDER, STATUS_ORDER } from '../types.ts';
import type { Finding, FindingStatus, ScanReport } from '../types.ts';
import { controlOf, productOf } from './catalog.ts';

export type StatusCounts = Record<FindingStatus, number>;

/** `fail`: something fails. `incomplete`: nothing fails but something could not be checked. */
export type Verdict = 'fail' | 'incomplete' | 'pass';

export { SEVERITY_ORDER };

export interface Tally {
  /** Grouping key: product name, or `platform:sid` for an account. */
  key: string;
  label: string;
  counts: StatusCounts;
  total: number;
}

export interface AccountTally extends Tally {
  platform: Platform;
  sid: string;
  /** False also for an account that has findings but is missing from `scan.accounts`. */
  complete: boolean;
}

export interface FailingControl {
  control: ControlId;
  product: string;
  count: number;
  severity: Severity;
  summary: string;
  remediation: string;
}

export interface ReportSummary {
  verdict: Verdict;
  counts: StatusCounts;
  total: number;
  accountsTotal: number;
  accountsComplete: number;
  byProduct: Tally[];
  byAccount: AccountTally[];
  failingControls: FailingControl[];
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
}

export function verdictOf(report: ScanReport): Verdict {
  // A filtered view keeps the whole scan's verdict: hiding fails must not read as PASS.
  if (report.scan.filter) return report.scan.filter.verdict;
  if (report.findings.some((f) => f.status === 'fail')) return 'fail';
  if (!report.scan.complete || report.findings.some((f) => f.status === 'unknown')) return 'incomplete';
  return 'pass';
}

/** Negative when `a` is worse: more failing, then more unknown, and so on down STATUS_ORDER. */
export function compareWorstFirst(a: StatusCounts, b: StatusCounts): number {
  for (const status of STATUS_ORDER) {
    if (a[status] !== b[status]) return b[status] - a[status];
  }
  return 0;
}

function severityRank(severity: Severity): number {
  const rank = SEVERITY_ORDER.indexOf(severity);
  return rank === -1 ? SEVERITY_ORDER.length : rank;
}

/** Findings worst first: status, severity, control, account, resource, evidence (a total order, so output never depends on input order). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      a.control.localeCompare(b.control) ||
      a.account.localeCompare(b.account) ||
      a.resource.kind.localeCompare(b.resource.kind) ||
      a.resource.sid.localeCompare(b.resource.sid) ||
      a.evidence.localeCompare(b.evidence),
  );
}

export function accountKey(platform: Platform, sid: string): string {
  return `${platform}:${sid}`;
}

export function summarize(report: ScanReport): ReportSummary {
  const counts = emptyCounts();
  const products = new Map<string, Tally>();
  const accounts = new Map<string, AccountTally>();
  for (const account of report.scan.accounts) {
    const key = accountKey(account.platform, account.sid);
    const label = account.friendlyName ? `${account.sid} ${account.friendlyName}` : account.sid;
    accounts.set(key, { key, label, platform: account.platform, sid: account.sid, complete: account.complete, counts: emptyCounts(), total: 0 });
  }
  const failing = new Map<ControlId, FailingControl>();

  for (const finding of report.findings) {
    counts[finding.status] += 1;
    const product = productOf(finding.control);
    const productTally = products.get(product) ?? { key: product, label: product, counts: emptyCounts(), total: 0 };
    products.set(product, productTally);
    productTally.counts[finding.status] += 1;
    productTally.total += 1;

    const key = accountKey(finding.platform, finding.account);
    let accountTally = accounts.get(key);
    if (!accountTally) {
      accountTally = { key, label: finding.account, platform: finding.platform, sid: finding.account, complete: false, counts: emptyCounts(), total: 0 };
      accounts.set(key, accountTally);
    }
    accountTally.counts[finding.status] += 1;
    accountTally.total += 1;

    if (finding.status === 'fail') {
      const control = controlOf(finding.control);
      const entry = failing.get(finding.control) ?? {
        control: finding.control,
        product,
        count: 0,
        severity: finding.severity,
        summary: control?.summary ?? '',
        remediation: control?.remediation ?? finding.remediation,
      };
      entry.count += 1;
      if (severityRank(finding.severity) < severityRank(entry.severity)) entry.severity = finding.severity;
      failing.set(finding.control, entry);
    }
  }

  const byName = (a: Tally, b: Tally) => compareWorstFirst(a.counts, b.counts) || a.label.localeCompare(b.label);
  const byAccount = [...accounts.values()].sort(
    (a, b) => compareWorstFirst(a.counts, b.counts) || Number(a.complete) - Number(b.complete) || a.label.localeCompare(b.label),
  );
  return {
    verdict: verdictOf(report),
    counts,
    total: report.findings.length,
    accountsTotal: byAccount.length,
    accountsComplete: byAccount.filter((a) => a.complete).length,
    byProduct: [...products.values()].sort(byName),
    byAccount,
    failingControls: [...failing.values()].sort(
      (a, b) => severityRank(a.severity) - severityRank(b.severity) || b.count - a.count || a.control.localeCompare(b.control),
    ),
  };
}

/** `FAIL  37 failing, 9 advisory, 5 unknown, 12 manual · 3 of 4 accounts complete` (no colour). */
export function headline(summary: ReportSummary): string {
  const parts = [`${summary.counts.fail} failing`, `${summary.counts.advisory} advisory`, `${summary.counts.unknown} unknown`, `${summary.counts.manual} manual`];
  return `${summary.verdict.toUpperCase()}  ${parts.join(', ')} · ${summary.accountsComplete} of ${summary.accountsTotal} accounts complete`;
}
