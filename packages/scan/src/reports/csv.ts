// CSV (RFC 4180: CRLF line ends, quoted fields) for spreadsheets and GRC tools: one row
// per finding, worst first. Cells that a spreadsheet would run as a formula are defused.
import type { ScanReport } from '../types.ts';
import { productOf } from './catalog.ts';
import { stringify } from 'csv-stringify/sync';
import { csvCellText } from './escape.ts';
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
  // csv-stringify quotes a field holding a comma or a quote; with CRLF records it leaves a
  // lone LF or CR bare, which RFC 4180 needs quoted too, hence quoted_match.
  return stringify([[...CSV_COLUMNS], ...rows.map((row) => row.map(csvCellText))], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
