// Writers add nothing from outside the report: no secret from the environment, no value
// the report does not hold. Every long token with a digit in it (the shape of SIDs,
// tokens, keys and hashes) in any output must come from the report or the catalog, or
// be one of the writer's own derivations (SARIF fingerprints and rule names, the HTML's CSP hashes).
import { controls } from '@chaperone/controls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.ts';
import { REPORT_FORMATS, renderReport, renderTerminalSummary } from './index.ts';

const SEEDED = {
  TWILIO_AUTH_TOKEN: '9f86d081884c7d659a2feaa0c55ad015',
  TWILIO_API_SECRET: 'sEcReTsEcReT0123456789abcdefABCD',
  TWILIO_API_KEY: 'SK0123456789abcdef0123456789abcdef',
  SEGMENT_PUBLIC_API_TOKEN: 'sgp_0123456789SEGMENTtokenXYZ',
  PATIENT_NAME_FOR_TEST: 'Maria Gonzalez-Whitfield',
};

const TOKEN = /\b(?=\w*\d)\w{16,}\b/g;

function withoutOwnDerivations(format: string, output: string): string {
  if (format === 'sarif') {
    const log = JSON.parse(output) as {
      runs: { tool: { driver: { rules: { name?: string }[] } }; results: { partialFingerprints?: unknown }[] }[];
    };
    for (const run of log.runs) {
      for (const result of run.results) delete result.partialFingerprints;
      // Rule names are the control ids in PascalCase (TW-FRONTLINE-CALLBACK-V2 -> TwFrontlineCallbackV2).
      for (const rule of run.tool.driver.rules) delete rule.name;
    }
    return JSON.stringify(log);
  }
  // finding_info.uid is the SARIF fingerprint (a hash of the finding's identity).
  if (format === 'ocsf') return output.replace(/"uid":"[0-9a-f]{64}"/g, '"uid":""');
  if (format === 'html') return output.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, '');
  return output;
}

describe('report writers add nothing from outside the report', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const [key, value] of Object.entries(SEEDED)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterEach(() => {
    for (const key of Object.keys(SEEDED)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  function outputs(): [string, string][] {
    const report = sampleReport();
    return [
      ...REPORT_FORMATS.map((format): [string, string] => [format, renderReport(format, report)]),
      ['terminal', renderTerminalSummary(report, { color: true, width: 120 })],
    ];
  }

  it('no seeded secret or PHI from the environment appears in any output', () => {
    for (const [format, output] of outputs()) {
      for (const value of Object.values(SEEDED)) expect(output, format).not.toContain(value);
      for (const value of Object.values(process.env)) {
        if (!value || value.length < 16) continue;
        const inReport = JSON.stringify(sampleReport()).includes(value);
        if (!inReport) expect(output, `${format} holds an environment value`).not.toContain(value);
      }
    }
  });

  it('every SID-, token- or hash-shaped string in any output comes from the report or the catalog', () => {
    const known = JSON.stringify(sampleReport()) + JSON.stringify(controls);
    for (const [format, output] of outputs()) {
      const tokens = withoutOwnDerivations(format, output).match(TOKEN) ?? [];
      expect(tokens.length, format).toBeGreaterThan(0);
      const foreign = tokens.filter((token) => !known.includes(token));
      expect(foreign, format).toEqual([]);
    }
  });

  it('the provenance check can fail: a secret smuggled into a finding shows up as foreign', () => {
    const report = sampleReport();
    const known = JSON.stringify(report) + JSON.stringify(controls);
    report.findings[0]!.evidence = `voice_url = https://user:${SEEDED.TWILIO_AUTH_TOKEN}@clinic.example/voice`;
    const tokens = renderReport('csv', report).match(TOKEN) ?? [];
    expect(tokens.filter((token) => !known.includes(token))).toEqual([SEEDED.TWILIO_AUTH_TOKEN]);
  });
});
