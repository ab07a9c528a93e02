import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { controls } from '@chaperone/controls';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.ts';
import { FINDINGS, sampleReport } from './fixtures/sample-report.ts';
import { renderSarif } from './sarif.ts';

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
  properties: { status: string };
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
  runs: { tool: { driver: { rules: SarifRule[] } }; results: SarifResult[]; invocations: { executionSuccessful: boolean }[] }[];
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

  it('maps statuses to results: fail, muted (suppressed), unknown (open), manual (review); no pass or attested', () => {
    const results = parse(renderSarif(sampleReport())).runs[0]!.results;
    const byStatus = (s: string) => results.filter((r) => r.properties.status === s);
    expect(byStatus('fail').map((r) => [r.kind, r.level])).toEqual([
      ['fail', 'error'],
      ['fail', 'error'],
      ['fail', 'error'],
      ['fail', 'warning'],
    ]);
    expect(byStatus('muted')).toHaveLength(1);
    expect(byStatus('muted')[0]!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Muted until 2027-01-01: UK pilot, no PHI (ticket 42)' },
    ]);
    expect(byStatus('unknown').map((r) => [r.kind, r.level])).toEqual([['open', 'none']]);
    expect(byStatus('manual').map((r) => [r.kind, r.level])).toEqual([['review', 'none']]);
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
