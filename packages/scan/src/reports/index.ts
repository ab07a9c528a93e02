// Report writers of the scanner: machine formats for files (--format/--output), the
// terminal summary and the progress line.
import type { ScanReport } from '../types.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { renderOcsf } from './ocsf.ts';
import { renderSarif } from './sarif.ts';

export type ReportFormat = 'json' | 'sarif' | 'junit' | 'markdown' | 'html' | 'csv' | 'ocsf';

export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'sarif', 'junit', 'markdown', 'html', 'csv', 'ocsf'];

const RENDERERS: Record<ReportFormat, (report: ScanReport) => string> = {
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
  ocsf: renderOcsf,
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function renderReport(format: ReportFormat, report: ScanReport): string {
  const render = RENDERERS[format];
  // A format name from an untyped caller (JS, a config file) must fail loudly, not write nothing.
  if (!render) throw new Error(`Unknown report format "${String(format)}": use one of ${REPORT_FORMATS.join(', ')}.`);
  return render(report);
}

// Longest suffixes first so `.sarif.json` is SARIF, not JSON.
const EXTENSIONS: readonly [string, ReportFormat][] = [
  ['.ocsf.jsonl', 'ocsf'],
  ['.sarif.json', 'sarif'],
  ['.junit.xml', 'junit'],
  ['.sarif', 'sarif'],
  ['.json', 'json'],
  ['.xml', 'junit'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.csv', 'csv'],
  ['.ocsf', 'ocsf'],
];

/** Format implied by an output file name (`report.sarif`, `results.xml`...), if any. */
export function formatFromFileName(path: string): ReportFormat | undefined {
  const name = path.toLowerCase();
  return EXTENSIONS.find(([extension]) => name.endsWith(extension))?.[1];
}

export { renderTerminalSummary } from './terminal.ts';
export { filterReport, parseReportFilter, ReportFilterError } from './filter.ts';
export type { ReportFilter } from './filter.ts';
export type { TerminalOptions } from './terminal.ts';
export { createProgress, progressLine } from './progress.ts';
export type { Progress, ProgressOptions, ProgressStats } from './progress.ts';
export { summarize, verdictOf, sortFindings, headline } from './summary.ts';
export type { ReportSummary, Verdict, StatusCounts } from './summary.ts';
export { renderCsv, renderHtml, renderJson, renderJunit, renderMarkdown, renderOcsf, renderSarif };
