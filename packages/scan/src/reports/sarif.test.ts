import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { controls } from '@chaperone/controls';
import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus } from '../types.ts';
import { FINDINGS, sampleReport } from './fixtures/sample-report.ts';
import { GITHUB_MAX_RESULTS_PER_RUN, renderSarif } from './sarif.ts';

// The official SARIF 2.1.0 schema (final, rtm.5) as shipped in Microsoft's @microsoft/jest-sarif.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// Both are CommonJS modules whose export is also reachable as `.default` (what NodeNext types see).
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

// unicodeRegExp off: the schema's language pattern is valid JavaScript only without the u flag.
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string }[];
  properties: { status: string; collapsed?: boolean; accounts?: number; resources?: number };
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: SarifRule[] } };
    results: SarifResult[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  }[];
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

describe('SARIF writer', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = validator();
    const valid = validate(JSON.parse(renderSarif(sampleReport())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('validates for a report with no findings', () => {
    const empty = sampleReport([]);
    empty.scan.accounts = [];
    const validate = validator();
    expect(validate(JSON.parse(renderSarif(empty)))).toBe(true);
    expect(parse(renderSarif(empty)).runs[0]!.results).toEqual([]);
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const log = JSON.parse(renderSarif(sampleReport())) as { runs: { results: Record<string, unknown>[] }[] };
    delete log.runs[0]!.results[0]!.message;
    expect(validator()(log)).toBe(false);
  });

  it('has one rule per catalog control with GitHub metadata', () => {
    const rules = parse(renderSarif(sampleReport())).runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(controls.map((c) => c.id));
    const https = rules.find((r) => r.id === 'TW-HTTPS')!;
    const control = controls.find((c) => c.id === 'TW-HTTPS')!;
    expect(https.shortDescription.text).toBe(control.summary);
    expect(https.helpUri).toBe(control.reference);
    expect(https.help.text).toContain(control.remediation);
    expect(https.help.markdown).toContain(control.remediation);
    expect(https.properties.tags).toContain('hipaa');
    expect(https.properties['security-severity']).toBe('8.0');
    for (const rule of rules) expect(Number.isFinite(Number(rule.properties['security-severity']))).toBe(true);
  });

  it('maps statuses to results: fail error, advisory warning, manual note, muted (suppressed), unknown (open); no pass or attested', () => {
    const results = parse(renderSarif(sampleReport())).runs[0]!.results;
    const byStatus = (s: string) => results.filter((r) => r.properties.status === s);
    expect(byStatus('fail').map((r) => [r.kind, r.level])).toEqual([
      ['fail', 'error'],
      ['fail', 'error'],
      ['fail', 'error'],
      ['fail', 'error'],
    ]);
    expect(byStatus('advisory').map((r) => [r.kind, r.level])).toEqual([['fail', 'warning']]);
    expect(byStatus('muted')).toHaveLength(1);
    expect(byStatus('muted')[0]!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Muted until 2027-01-01: UK pilot, no PHI (ticket 42)' },
    ]);
    expect(byStatus('unknown').map((r) => [r.kind, r.level])).toEqual([['open', 'none']]);
    expect(byStatus('manual').map((r) => [r.kind, r.level])).toEqual([['fail', 'note']]);
    expect(byStatus('pass')).toEqual([]);
    expect(byStatus('attested')).toEqual([]);
    expect(results).toHaveLength(FINDINGS.filter((f) => !['pass', 'attested'].includes(f.status)).length);
  });

  it('locates every result at a stable relative path with line 1 and a rule index that matches', () => {
    const log = parse(renderSarif(sampleReport()));
    const rules = log.runs[0]!.tool.driver.rules;
    for (const result of log.runs[0]!.results) {
      const location = result.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/^(twilio|segment)\/[^/]+\/[^/]+\/[^/]+$/);
      expect(location.region.startLine).toBe(1);
      expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    }
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'twilio/AC00000000000000000000000000000001/api.incoming_phone_number/PN00000000000000000000000000000001',
    );
  });

  it('fingerprints are unique per finding and survive a changed value and a reordered report', () => {
    const first = parse(renderSarif(sampleReport())).runs[0]!.results;
    const prints = first.map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(prints).size).toBe(prints.length);

    const changed: Finding[] = [...FINDINGS].reverse().map((f) =>
      f.evidence.startsWith('sms_url = ') ? { ...f, evidence: 'sms_url = http://other.example/sms' } : f,
    );
    const second = parse(renderSarif(sampleReport(changed))).runs[0]!.results;
    expect(second.map((r) => r.partialFingerprints)).toEqual(first.map((r) => r.partialFingerprints));
  });

  it('reports an incomplete scan as an unsuccessful invocation', () => {
    const log = parse(renderSarif(sampleReport()));
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    const complete = sampleReport();
    complete.scan.complete = true;
    expect(parse(renderSarif(complete)).runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('still validates and names the control when a finding carries an id the catalog lacks', () => {
    const odd = { ...FINDINGS[0]!, control: 'TW-NOT-IN-CATALOG' } as unknown as Finding;
    const text = renderSarif(sampleReport([odd]));
    const validate = validator();
    expect(validate(JSON.parse(text))).toBe(true);
    const log = parse(text);
    const result = log.runs[0]!.results[0]!;
    expect(log.runs[0]!.tool.driver.rules[result.ruleIndex]!.id).toBe('TW-NOT-IN-CATALOG');
  });
});

describe('SARIF above GitHub\'s 25,000 results per run', () => {
  const account = (i: number) => `AC${i.toString(16).padStart(32, '0')}`;
  const ATTEST = controls.filter((c) => c.platform === 'twilio' && c.verification.includes('attest')).map((c) => c.id);
  const make = (status: FindingStatus, control: string, i: number, sid = `PN${i.toString(16).padStart(32, '0')}`): Finding =>
    ({ control, status, severity: 'medium', account: account(i), platform: 'twilio', resource: { kind: 'api.incoming_phone_number', sid }, evidence: 'observed', remediation: 'Fix it.' }) as Finding;
  /** `accounts` subaccounts, each with `perAccount` findings of every listed (status, control). */
  function org(accounts: number, rows: [FindingStatus, string, number][]): Finding[] {
    const out: Finding[] = [];
    for (let i = 0; i < accounts; i++) for (const [status, control, n] of rows) for (let k = 0; k < n; k++) out.push(make(status, control, i, `PN${(i * 100 + k).toString(16).padStart(32, '0')}`));
    return out;
  }

  it('keeps every fail and unknown, collapses manual to one result per control with its account count, and validates', () => {
    // 1,200 accounts: 3 fails, 1 unknown and one manual finding per attest control each.
    const manual = ATTEST.slice(0, 21);
    expect(manual).toHaveLength(21);
    const findings = org(1200, [['fail', 'TW-HTTPS', 2], ['fail', 'TW-PKCV', 1], ['unknown', 'TW-RT-SYNC', 1], ...manual.map((c): [FindingStatus, string, number] => ['manual', c, 1])]);
    expect(findings.filter((f) => f.status !== 'pass').length).toBeGreaterThan(GITHUB_MAX_RESULTS_PER_RUN);

    const text = renderSarif(sampleReport(findings));
    const validate = validator();
    expect(validate(JSON.parse(text))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const run = parse(text).runs[0]!;
    const of = (status: string) => run.results.filter((r) => r.properties.status === status);
    expect(run.results.length).toBeLessThanOrEqual(GITHUB_MAX_RESULTS_PER_RUN);
    expect(of('fail')).toHaveLength(3600);
    expect(of('fail').every((r) => !r.properties.collapsed)).toBe(true);
    expect(of('unknown')).toHaveLength(1200);
    expect(of('manual').map((r) => r.ruleId).sort()).toEqual([...manual].sort());
    for (const r of of('manual')) {
      expect(r.properties).toMatchObject({ collapsed: true, accounts: 1200, resources: 1200 });
      expect(r.message.text).toContain('1,200 account(s)');
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(`twilio/all-accounts/manual/${r.ruleId}`);
    }
    const prints = run.results.map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(prints).size).toBe(prints.length);
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text).join('\n')).toContain('manual findings collapsed');
  });

  it('collapses unknown too when manual alone is not enough, still keeping every fail', () => {
    const findings = org(1000, [['fail', 'TW-HTTPS', 20], ['unknown', 'TW-RT-SYNC', 3], ['unknown', 'TW-PKCV', 3], ['manual', ATTEST[0]!, 1], ['pass', 'TW-SIP-SECURITY', 1]]);
    const run = parse(renderSarif(sampleReport(findings))).runs[0]!;
    const of = (status: string) => run.results.filter((r) => r.properties.status === status);
    expect(of('fail')).toHaveLength(20_000);
    expect(of('unknown').map((r) => [r.ruleId, r.properties.accounts, r.properties.resources])).toEqual([
      ['TW-PKCV', 1000, 3000],
      ['TW-RT-SYNC', 1000, 3000],
    ]);
    expect(of('manual')).toHaveLength(1);
    expect(run.results).toHaveLength(20_003);
  });

  it('never drops a fail: above the limit with fails alone, says so in the invocation', () => {
    const findings = org(GITHUB_MAX_RESULTS_PER_RUN + 1, [['fail', 'TW-HTTPS', 1]]);
    const run = parse(renderSarif(sampleReport(findings))).runs[0]!;
    expect(run.results).toHaveLength(GITHUB_MAX_RESULTS_PER_RUN + 1);
    expect(run.invocations[0]!.toolExecutionNotifications.find((n) => n.level === 'error')!.message.text).toContain('split the scan with --account');
  });

  it('collapses nothing at exactly the limit', () => {
    const findings = org(GITHUB_MAX_RESULTS_PER_RUN / 5, [['fail', 'TW-HTTPS', 1], ['manual', ATTEST[0]!, 4]]);
    const run = parse(renderSarif(sampleReport(findings))).runs[0]!;
    expect(run.results).toHaveLength(GITHUB_MAX_RESULTS_PER_RUN);
    expect(run.results.some((r) => r.properties.collapsed)).toBe(false);
  });
});
