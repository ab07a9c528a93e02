import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { FindingStatus } from '../types.ts';
import { FINDINGS, sampleReport } from './fixtures/sample-report.ts';
import { formatFromFileName, renderReport } from './index.ts';
import { renderOcsf } from './ocsf.ts';
import { findingFingerprint } from './sarif.ts';

// The vendored subset of the OCSF 1.3.0 Compliance Finding class (schema/ocsf/README.md says what and from where).
const schemaFile = fileURLToPath(new URL('../../schema/ocsf/compliance-finding-1.3.0.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
// CommonJS modules whose export is also reachable as `.default` (what NodeNext types see).
const Ajv = Ajv2020.default;
const addFormats = ajvFormats.default;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

interface Event {
  class_uid: number;
  type_uid: number;
  severity_id: number;
  status_id?: number;
  time: number;
  finding_info: { uid: string; title: string; desc: string };
  compliance: { control: string; status_id: number; status: string; requirements?: string[]; standards: string[] };
  resources: { uid: string; type: string }[];
  cloud: { provider: string; account: { uid: string } };
  metadata: { version: string; product: { name: string } };
}

function events(text: string): Event[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Event);
}

describe('OCSF writer', () => {
  it('writes one Compliance Finding (2003) per finding, one JSON object per line, each valid against the schema', () => {
    const text = renderOcsf(sampleReport());
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(FINDINGS.length);
    const validate = validator();
    for (const line of lines) {
      const valid = validate(JSON.parse(line));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    const first = events(text)[0]!;
    expect(first).toMatchObject({ class_uid: 2003, type_uid: 200301, metadata: { version: '1.3.0', product: { name: 'Chaperone' } } });
    expect(first.time).toBe(Date.parse(sampleReport().scan.finished));
  });

  it('the schema check can fail: a missing compliance object, a wrong class, an unknown attribute', () => {
    const validate = validator();
    const good = events(renderOcsf(sampleReport()))[0]! as unknown as Record<string, unknown>;
    const { compliance: _dropped, ...noCompliance } = good;
    expect(validate(noCompliance)).toBe(false);
    expect(validate({ ...good, class_uid: 2004 })).toBe(false);
    expect(validate({ ...good, findings_info: {} })).toBe(false);
  });

  it('maps statuses and severities, and names the control, its citation and the resource', () => {
    const byStatus = new Map<FindingStatus, Event>();
    const list = events(renderOcsf(sampleReport()));
    FINDINGS.forEach((f, i) => byStatus.set(f.status, list[i]!));
    const shape = (s: FindingStatus) => [byStatus.get(s)!.compliance.status_id, byStatus.get(s)!.status_id];
    expect(shape('fail')).toEqual([3, 1]);
    expect(shape('advisory')).toEqual([3, 1]);
    expect(shape('unknown')).toEqual([0, 1]);
    expect(shape('manual')).toEqual([99, 1]);
    expect(shape('muted')).toEqual([3, 3]);
    expect(shape('attested')).toEqual([1, 4]);
    expect(shape('pass')).toEqual([1, undefined]);
    const https = list[FINDINGS.findIndex((f) => f.control === 'TW-HTTPS')]!;
    expect(https.severity_id).toBe(4);
    expect(https.compliance.control).toBe('TW-HTTPS');
    expect(https.compliance.requirements!.every((r) => r.startsWith('45 CFR 164.'))).toBe(true);
    expect(https.resources[0]).toMatchObject({ uid: 'PN00000000000000000000000000000001', type: 'api.incoming_phone_number' });
    expect(https.cloud).toEqual({ provider: 'Twilio', account: { uid: FINDINGS[0]!.account } });
    expect(list.some((e) => e.cloud.provider === 'Segment')).toBe(true);
  });

  it('finding_info.uid is the stable fingerprint: unchanged by a new status or value', () => {
    const fail = FINDINGS.find((f) => f.status === 'fail')!;
    const uid = events(renderOcsf(sampleReport([fail])))[0]!.finding_info.uid;
    expect(uid).toBe(findingFingerprint(fail));
    expect(events(renderOcsf(sampleReport([{ ...fail, status: 'muted', note: 'x' }])))[0]!.finding_info.uid).toBe(uid);
  });

  it('is a report format: --format ocsf and the .ocsf.jsonl extension', () => {
    expect(formatFromFileName('out/findings.ocsf.jsonl')).toBe('ocsf');
    expect(renderReport('ocsf', sampleReport())).toBe(renderOcsf(sampleReport()));
  });
});
