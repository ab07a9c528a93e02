// Evidence names resources by SID and never carries any digit of a patient's number: the
// sample clinic's conversations have a patient on SMS (+1 212 555 0166) and one on WhatsApp
// (+1 212 555 0177). Every report format and the terminal summary are grepped for any run
// of their digits a mask would leave (the area code and exchange, the last four, the whole).
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, renderReport } from '../../src/reports/index.ts';
import { renderTerminalSummary } from '../../src/reports/terminal.ts';
import { scanTwin, withTwin } from './twin-scan.ts';

const PATIENT_DIGITS = ['212555', '2125550166', '2125550177', '0166', '0177'];

describe('no digit of a patient number in any report', () => {
  it('JSON, SARIF, JUnit, Markdown, HTML, CSV and the terminal summary carry none', async () => {
    await withTwin({}, async (twin) => {
      const { report } = await scanTwin(twin);
      // The scan did judge the participants (the patients on SMS and WhatsApp, a chat user), by SID.
      const participants = report.findings.filter((f) => f.control === 'TW-CONV-CHANNELS' && f.resource.kind === 'conversations.participant');
      expect(participants.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail MB0ba1e00000000000000000000000c001', 'pass MB0ba1e00000000000000000000000c002', 'pass MB0ba1e00000000000000000000000c003']);
      const outputs = [...REPORT_FORMATS.map((format) => [format, renderReport(format, report)] as const), ['terminal', renderTerminalSummary(report, { color: false })] as const];
      for (const [format, text] of outputs) {
        for (const digits of PATIENT_DIGITS) expect(text.includes(digits), `${format} contains ${digits}`).toBe(false);
      }
    });
  });
});
