import { describe, expect, it } from 'vitest';
import { FINDINGS, sampleReport } from './fixtures/sample-report.ts';
import { filterReport, parseReportFilter, ReportFilterError } from './filter.ts';
import { renderTerminalSummary } from './terminal.ts';
import { renderReport } from './index.ts';

describe('--status / --severity', () => {
  it('keep only the findings asked for, and the whole scan’s verdict', () => {
    const shown = filterReport(sampleReport(), parseReportFilter(['advisory,manual'], []));
    expect(shown.findings.map((f) => f.status).sort()).toEqual(['advisory', 'manual']);
    expect(shown.scan.filter).toEqual({ statuses: ['advisory', 'manual'], total: FINDINGS.length, verdict: 'fail' });
    const text = renderTerminalSummary(shown, { color: false });
    // Hiding the fails does not make the scan pass.
    expect(text.split('\n')[0]).toMatch(/^FAIL {2}0 failing, 1 advisory/);
    expect(text).toContain(`showing 2 of ${FINDINGS.length} findings (--status advisory,manual); the verdict and the exit code count every finding`);
    const json = JSON.parse(renderReport('json', shown)) as { findings: unknown[] };
    expect(json.findings).toHaveLength(2);
  });

  it('combine status and severity', () => {
    const shown = filterReport(sampleReport(), parseReportFilter(['fail'], ['medium']));
    expect(shown.findings.map((f) => f.control)).toEqual(['SEG-DEST-BAA']);
  });

  it('no filter is the report itself; bad values name the flag and the choices', () => {
    const report = sampleReport();
    expect(filterReport(report, parseReportFilter([], []))).toBe(report);
    expect(() => parseReportFilter(['failed'], [])).toThrow(ReportFilterError);
    expect(() => parseReportFilter([], ['urgent'])).toThrow('--severity "urgent" is not one of: critical, high, medium, low, info');
  });
});
