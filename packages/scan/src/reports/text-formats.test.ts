import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../types.ts';
import { CSV_COLUMNS, renderCsv } from './csv.ts';
import { FINDINGS, HOSTILE, MASTER, sampleReport } from './fixtures/sample-report.ts';
import { REPORT_FORMATS, formatFromFileName, renderReport, renderTerminalSummary } from './index.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';

describe('renderReport and formatFromFileName', () => {
  it('renders every format', () => {
    for (const format of REPORT_FORMATS) expect(renderReport(format, sampleReport()).length).toBeGreaterThan(100);
  });

  it('renders a report with no findings and no accounts in every format, and says it is incomplete', () => {
    const empty = sampleReport([]);
    empty.scan.accounts = [];
    // OCSF is JSON Lines, one event per finding: no finding, no line.
    for (const format of REPORT_FORMATS) expect(renderReport(format, empty).length, format).toBeGreaterThan(format === 'ocsf' ? -1 : 50);
    expect(renderReport('ocsf', empty)).toBe('');
    expect(renderTerminalSummary(empty, { color: false }).split('\n')[0]).toBe('INCOMPLETE  0 failing, 0 advisory, 0 unknown, 0 manual · 0 of 0 accounts complete');
  });

  it('refuses an unknown format from an untyped caller with a one-line message', () => {
    expect(() => renderReport('pdf' as never, sampleReport())).toThrow(
      'Unknown report format "pdf": use one of json, sarif, junit, markdown, html, csv, ocsf.',
    );
  });

  it('infers the format from the output file name', () => {
    expect(formatFromFileName('out/report.sarif')).toBe('sarif');
    expect(formatFromFileName('out/report.sarif.json')).toBe('sarif');
    expect(formatFromFileName('REPORT.JSON')).toBe('json');
    expect(formatFromFileName('junit.xml')).toBe('junit');
    expect(formatFromFileName('summary.md')).toBe('markdown');
    expect(formatFromFileName('scan.html')).toBe('html');
    expect(formatFromFileName('scan.htm')).toBe('html');
    expect(formatFromFileName('findings.csv')).toBe('csv');
    expect(formatFromFileName('report.pdf')).toBeUndefined();
    expect(formatFromFileName('report')).toBeUndefined();
  });
});

describe('JSON writer', () => {
  it('is the report itself with 2-space indent', () => {
    const text = renderJson(sampleReport());
    expect(JSON.parse(text)).toEqual(sampleReport());
    expect(text).toMatch(/^\{\n {2}"scan": \{\n {4}"started"/);
  });

  it('orders keys the same whatever order the engine built them in', () => {
    const report = sampleReport();
    const shuffled = JSON.parse(
      JSON.stringify(report, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse())
          : value,
      ),
    ) as ScanReport;
    expect(Object.keys(shuffled.scan)[0]).not.toBe('started');
    expect(renderJson(shuffled)).toBe(renderJson(report));
    const finding = JSON.parse(renderJson(shuffled)) as ScanReport;
    expect(Object.keys(finding.findings[0]!)).toEqual(['control', 'status', 'severity', 'account', 'platform', 'resource', 'evidence', 'remediation']);
  });
});

describe('CSV writer', () => {
  const csv = renderCsv(sampleReport());
  const rows = parseCsv(csv, { relax_column_count: false }) as string[][];

  it('is RFC 4180: CRLF rows, a header, one row per finding, fields that survive commas, quotes and newlines', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(FINDINGS.length + 1);
    const manual = rows.find((r) => r[0] === 'manual')!;
    expect(manual[9]).toBe(`needs attestation: ${HOSTILE.csvBreaker}`);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['fail', 'fail', 'fail', 'fail', 'advisory', 'unknown', 'manual', 'attested', 'muted', 'pass', 'pass']);
  });

  it('neutralises spreadsheet formulas', () => {
    const cells = rows.flat();
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
    // eslint-disable-next-line no-control-regex
    expect(csv).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(cells).toContain(`'+ Remove the destination or list its vendor under baaVendors.`);
    const muted = rows.find((r) => r[0] === 'muted')!;
    expect(muted[9]).toBe('phone_number = +4420794****');
    const report = sampleReport([{ ...FINDINGS[0]!, evidence: HOSTILE.formula, remediation: '@SUM(A1)', note: '-1+2' }]);
    const [, row] = parseCsv(renderCsv(report)) as string[][];
    expect(row!.slice(9)).toEqual([`'${HOSTILE.formula}`, `'@SUM(A1)`, `'-1+2`]);
  });
});

describe('Markdown writer', () => {
  const md = renderMarkdown(sampleReport());
  const findingsPart = md.slice(md.indexOf('## Findings'));
  const tableRows = findingsPart.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Status'));

  it('starts with the verdict and counts', () => {
    expect(md.split('\n').slice(0, 3)).toEqual(['# Chaperone HIPAA scan', '', '**FAIL  4 failing, 1 advisory, 1 unknown, 1 manual · 3 of 4 accounts complete**']);
    expect(md).toContain('| 4 | 1 | 1 | 1 | 1 | 1 | 2 |');
  });

  it('has a table per product with every finding but passes, each on one row', () => {
    expect(md).toContain('### General (all Twilio products)');
    expect(md).toContain('### Twilio Segment');
    const findingRows = tableRows.filter((line) => /^\| (fail|advisory|unknown|manual|muted|attested|pass) \|/.test(line));
    expect(findingRows).toHaveLength(FINDINGS.filter((f) => f.status !== 'pass').length);
    expect(md).toContain('1 passing finding not listed.');
  });

  it('escapes pipes, line breaks and markup inside cells', () => {
    const columns = (line: string) => line.split(/(?<!\\)\|/).length;
    const findingRows = tableRows.filter((line) => /^\| (fail|unknown|manual|muted|attested) \|/.test(line));
    for (const line of findingRows) expect(columns(line)).toBe(9);
    expect(md).not.toMatch(/(?<!\\)<(script|img)/);
    expect(md).toContain('\\<script\\>');
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(md).toContain('needs attestation: a,"b",c<br>d\\|e');
    expect(md).toContain(`twilio ${MASTER} Clinic \\<Main\\>`);
  });
});

describe('CSV fields with line breaks', () => {
  it('quotes a lone LF or CR, so a parser reads one record per finding', () => {
    const report = sampleReport();
    report.findings[0]!.evidence = 'line one\nline two\rline three';
    const csv = renderCsv(report);
    expect(csv).toContain('"line one\nline two\rline three"');
    const rows = parseCsv(csv, { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(report.findings.length + 1);
  });
});
