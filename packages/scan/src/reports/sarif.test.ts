import { controls } from '@chaperone/controls';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus } from '../types.ts';
import { FINDINGS, sampleReport } from './fixtures/sample-report.ts';
import { githubSarifProblems, sarifSchemaValidator as validator } from './fixtures/sarif-validators.ts';
import { GITHUB_MAX_RESULTS_PER_RUN, renderSarif, writeSarif } from './sarif.ts';

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
    automationDetails: { id: string };
    properties: { platform: string; truncated?: { reason: string; kept: number; dropped: number; limit: number } };
    results: SarifResult[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  }[];
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

/** Every result of every run, in order (Twilio's run first, then Segment's). */
function allResults(text: string): SarifResult[] {
  return parse(text).runs.flatMap((run) => run.results);
}

describe('SARIF writer', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = validator();
    const valid = validate(JSON.parse(renderSarif(sampleReport())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('meets every documented GitHub code scanning constraint', () => {
    expect(githubSarifProblems(renderSarif(sampleReport()))).toEqual([]);
  });

  it('the GitHub check can fail: a result without a location, or two runs in one category', () => {
    const log = JSON.parse(renderSarif(sampleReport())) as { runs: { automationDetails: { id: string }; results: Record<string, unknown>[] }[] };
    delete log.runs[0]!.results[0]!.locations;
    log.runs[1]!.automationDetails.id = log.runs[0]!.automationDetails.id;
    const problems = githubSarifProblems(JSON.stringify(log));
    expect(problems.some((p) => p.includes('has no location'))).toBe(true);
    expect(problems.some((p) => p.includes('repeats tool and category'))).toBe(true);
  });

  it('writes one run per platform, each in its own category, with that platform\'s findings and rules', () => {
    const log = parse(renderSarif(sampleReport()));
    expect(log.runs.map((run) => run.automationDetails.id)).toEqual(['chaperone/twilio/', 'chaperone/segment/']);
    for (const run of log.runs) {
      const platform = run.properties.platform;
      expect(run.results.every((r) => (r.properties as { platform?: string }).platform === platform)).toBe(true);
      expect(run.tool.driver.rules.map((r) => r.id)).toEqual(controls.filter((c) => c.platform === platform).map((c) => c.id));
    }
    expect(log.runs[1]!.results.length).toBeGreaterThan(0);
  });

  it('validates for a report with no findings', () => {
    const empty = sampleReport([]);
    empty.scan.accounts = [];
    const validate = validator();
    expect(validate(JSON.parse(renderSarif(empty)))).toBe(true);
    expect(parse(renderSarif(empty)).runs.map((run) => [run.automationDetails.id, run.results])).toEqual([['chaperone/twilio/', []]]);
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const log = JSON.parse(renderSarif(sampleReport())) as { runs: { results: Record<string, unknown>[] }[] };
    delete log.runs[0]!.results[0]!.message;
    expect(validator()(log)).toBe(false);
  });

  it('has one rule per catalog control with GitHub metadata', () => {
    const rules = parse(renderSarif(sampleReport())).runs.flatMap((run) => run.tool.driver.rules);
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
    const results = allResults(renderSarif(sampleReport()));
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
    for (const run of log.runs) {
      const rules = run.tool.driver.rules;
      for (const result of run.results) {
        const location = result.locations[0]!.physicalLocation;
        expect(location.artifactLocation.uri).toMatch(new RegExp(`^${run.properties.platform}/[^/]+/[^/]+/[^/]+$`));
        expect(location.region.startLine).toBe(1);
        expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
      }
    }
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'twilio/AC00000000000000000000000000000001/api.incoming_phone_number/PN00000000000000000000000000000001',
    );
  });

  it('fingerprints are unique per finding and survive a changed value and a reordered report', () => {
    const first = allResults(renderSarif(sampleReport()));
    const prints = first.map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(prints).size).toBe(prints.length);

    const changed: Finding[] = [...FINDINGS].reverse().map((f) =>
      f.evidence.startsWith('sms_url = ') ? { ...f, evidence: 'sms_url = http://other.example/sms' } : f,
    );
    const second = allResults(renderSarif(sampleReport(changed)));
    expect(second.map((r) => r.partialFingerprints)).toEqual(first.map((r) => r.partialFingerprints));
  });

  it('a finding keeps its fingerprint when its status changes (fail, then muted, then manual)', () => {
    const fail = FINDINGS.find((f) => f.status === 'fail')!;
    const printOf = (f: Finding) => allResults(renderSarif(sampleReport([f])))[0]!.partialFingerprints;
    const first = printOf(fail);
    expect(printOf({ ...fail, status: 'muted', note: 'accepted' })).toEqual(first);
    expect(printOf({ ...fail, status: 'manual' })).toEqual(first);
    // ...and only the identity moves it: another resource is another alert.
    expect(printOf({ ...fail, resource: { ...fail.resource, sid: 'PN00000000000000000000000000000099' } })).not.toEqual(first);
  });

  it('reports an incomplete scan as an unsuccessful invocation', () => {
    const log = parse(renderSarif(sampleReport()));
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    const complete = sampleReport();
    complete.scan.complete = true;
    for (const account of complete.scan.accounts) account.complete = true;
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

  it('above the limit with fails alone, keeps the worst 25,000, says so in a notification and the run properties, and uploads', () => {
    const findings = [...org(GITHUB_MAX_RESULTS_PER_RUN, [['fail', 'TW-HTTPS', 1]]), { ...make('fail', 'TW-PKCV', 1), severity: 'low' as const }];
    const { text, truncated } = writeSarif(sampleReport(findings));
    const run = parse(text).runs[0]!;
    expect(run.results).toHaveLength(GITHUB_MAX_RESULTS_PER_RUN);
    // The low-severity fail sorts last: it is the one dropped.
    expect(run.results.some((r) => r.ruleId === 'TW-PKCV')).toBe(false);
    expect(run.properties.truncated).toEqual({ reason: 'results', limit: GITHUB_MAX_RESULTS_PER_RUN, kept: GITHUB_MAX_RESULTS_PER_RUN, dropped: 1 });
    expect(truncated).toEqual([run.properties.truncated]);
    expect(run.invocations[0]!.toolExecutionNotifications.find((n) => n.level === 'error')!.message.text).toContain('1 of 25,001 results dropped');
    expect(githubSarifProblems(text)).toEqual([]);
  });

  it('cuts a run to fit the gzipped size limit, and the file then fits', () => {
    const findings = org(2000, [['fail', 'TW-HTTPS', 1]]).map((f, i) => ({ ...f, evidence: `voice_url = http://h${i}.example/${'x'.repeat(40)}${i.toString(36)}` }));
    const full = writeSarif(sampleReport(findings), { maxResults: GITHUB_MAX_RESULTS_PER_RUN, maxGzipBytes: 10 * 1024 * 1024 });
    expect(full.truncated).toEqual([]);
    const limit = Math.floor(gzipSync(full.text).length / 2);
    const cut = writeSarif(sampleReport(findings), { maxResults: GITHUB_MAX_RESULTS_PER_RUN, maxGzipBytes: limit });
    expect(gzipSync(cut.text).length).toBeLessThanOrEqual(limit);
    const run = parse(cut.text).runs[0]!;
    expect(run.properties.truncated).toMatchObject({ reason: 'size', limit });
    expect(run.results.length).toBeGreaterThan(500);
    expect(run.results.length + run.properties.truncated!.dropped).toBe(2000);
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text).join('\n')).toContain('MB gzipped per upload');
  });

  it('collapses nothing at exactly the limit', () => {
    const findings = org(GITHUB_MAX_RESULTS_PER_RUN / 5, [['fail', 'TW-HTTPS', 1], ['manual', ATTEST[0]!, 4]]);
    const run = parse(renderSarif(sampleReport(findings))).runs[0]!;
    expect(run.results).toHaveLength(GITHUB_MAX_RESULTS_PER_RUN);
    expect(run.results.some((r) => r.properties.collapsed)).toBe(false);
  });
});
