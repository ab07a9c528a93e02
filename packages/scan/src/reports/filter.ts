// `--status` / `--severity`: what the reports show. A view only: the scan's findings, the
// exit code and what is recorded are computed from the whole report, never from this.
import type { Severity } from '@chaperone/controls';
import { SEVERITY_ORDER, STATUS_ORDER, type FindingStatus, type ScanReport } from '../types.ts';
import { verdictOf } from './summary.ts';

export interface ReportFilter {
  statuses?: ReadonlySet<FindingStatus>;
  severities?: ReadonlySet<Severity>;
}

export class ReportFilterError extends Error {
  override name = 'ReportFilterError';
}

/** Comma-separated or repeated values of one flag, each checked against `allowed`. */
function parseList<T extends string>(flag: string, values: readonly string[], allowed: readonly T[]): Set<T> | undefined {
  const words = values.flatMap((v) => v.split(',')).map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (words.length === 0) return undefined;
  for (const word of words) {
    if (!(allowed as readonly string[]).includes(word)) throw new ReportFilterError(`${flag} "${word}" is not one of: ${allowed.join(', ')}`);
  }
  return new Set(words as T[]);
}

export function parseReportFilter(statuses: readonly string[], severities: readonly string[]): ReportFilter {
  const s = parseList('--status', statuses, STATUS_ORDER);
  const v = parseList('--severity', severities, SEVERITY_ORDER);
  return { ...(s ? { statuses: s } : {}), ...(v ? { severities: v } : {}) };
}

/** The report with only the findings the filter shows (the scan summary unchanged). */
export function filterReport(report: ScanReport, filter: ReportFilter): ScanReport {
  if (!filter.statuses && !filter.severities) return report;
  return {
    scan: {
      ...report.scan,
      filter: {
        ...(filter.statuses ? { statuses: STATUS_ORDER.filter((s) => filter.statuses!.has(s)) } : {}),
        ...(filter.severities ? { severities: SEVERITY_ORDER.filter((s) => filter.severities!.has(s)) } : {}),
        total: report.findings.length,
        verdict: verdictOf(report),
      },
    },
    findings: report.findings.filter((f) => (!filter.statuses || filter.statuses.has(f.status)) && (!filter.severities || filter.severities.has(f.severity))),
  };
}
