// CSV (RFC 4180: CRLF line ends, quoted fields) for spreadsheets and GRC tools: one row
// per finding, worst first. Cells that a spreadsheet would run as a formula are defused.
import type { ScanReport } from '../types.ts';
import { productOf } from './catalog.ts';
import { csvField } from './escape.ts';
import { sortFindings } from './summary.ts';

export const CSV_COLUMNS = [
  'status',
  'severity',
  'control',
  'product',
  'platform',
  'account',
  'resource_kind',
  'resource_sid',
  'resource_name',
  'evidence',
  'remediation',
  'note',
] as const;

export function renderCsv(report: ScanReport): string {
  const rows = sortFindings(report.findings).map((f) => [
    f.status,
    f.severity,
    f.control,
    productOf(f.control),
    f.platform,
    f.account,
    f.resource.kind,
    f.resource.sid,
    f.resource.friendlyName ?? '',
    f.evidence,
    f.remediation,
    f.note ?? '',
  ]);
  return [[...CSV_COLUMNS], ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
