// The exit code contract of `chaperone scan`: 0 nothing failing, 1 failing findings,
// 3 incomplete scan without failures (2, usage and credentials, is decided before a scan).
import type { ScanReport } from '../types.ts';

export function exitCodeFor(report: ScanReport): 0 | 1 | 3 {
  if (report.findings.some((f) => f.status === 'fail')) return 1;
  if (!report.scan.complete || report.findings.some((f) => f.status === 'unknown')) return 3;
  return 0;
}
