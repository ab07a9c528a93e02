// The OSCAL export of a run, validated against NIST's OSCAL 1.1.3 assessment-results JSON
// schema (schema/oscal/, draft-07, with ajv); each finding names its ledger entry (seq and
// leaf hash), and an entry that no longer matches its leaf hash stops the export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkpointHead, ensureSigner, LedgerError, oscalAssessmentResults, recordReport, startRun } from '../src/index.ts';
import { leafHash } from '../src/tlog/index.ts';
import { BACKENDS, ledgerTests } from './backends.ts';
import { dropAppendOnlyTriggers } from './tamper.ts';
import { config, finding, MASTER, report, SUB } from './fixtures.ts';

const ledgers = ledgerTests();
const START = { chaperoneVersion: '0.1.0', guideVersion: 'guide-test', scope: { platforms: ['twilio'], accounts: [], demo: false } };
const schema = JSON.parse(readFileSync(new URL('../schema/oscal/oscal_assessment-results_schema-1.1.3.json', import.meta.url), 'utf8')) as object;
// OSCAL's JSON schemas are draft-07, ajv's default draft. CommonJS modules: their classes are under .default.
const Ajv = AjvModule.default;
const addFormats = ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

interface Prop {
  name: string;
  value: string;
}
interface Doc {
  'assessment-results': {
    metadata: { 'oscal-version': string };
    results: {
      props: Prop[];
      findings: { props: Prop[]; target: { 'target-id': string; status: { state: string; reason: string } }; 'related-observations': { 'observation-uuid': string }[] }[];
      observations: { uuid: string; props: Prop[]; description: string }[];
    }[];
    'back-matter': { resources: { base64?: { value: string } }[] };
  };
}
const propOf = (list: Prop[], name: string) => list.find((p) => p.name === name)?.value;

describe.each(BACKENDS)('the OSCAL export on $name', (backend) => {
  async function recorded(complete = true) {
    const f = await ledgers.open(backend);
    const { signer } = await ensureSigner(join(f.dir, 'ledger.key'), f.ledger.origin);
    const recorder = await startRun(f.ledger, START);
    const findings = [
      finding(),
      finding({ status: 'pass', control: 'TW-HTTP-AUTH' }),
      finding({ account: SUB, status: 'unknown', evidence: 'not collected: voice' }),
      finding({ account: SUB, status: 'attested', control: 'TW-CONSOLE-LOGOFF', resource: { kind: 'account', sid: SUB }, note: 'attested by Privacy Officer on 2026-11-01, valid until 2027-11-01' }),
    ];
    await recordReport(recorder, report(findings, { complete, ...(complete ? { accounts: [{ platform: 'twilio', sid: MASTER, complete: true }, { platform: 'twilio', sid: SUB, complete: true }], errors: [] } : {}) }), config());
    const checkpoint = await checkpointHead(f.ledger, signer);
    return { ...f, runId: recorder.runId, checkpoint };
  }

  it('is valid OSCAL 1.1.3 assessment results whose findings name their ledger entries', async () => {
    const { ledger, runId, checkpoint } = await recorded();
    const doc = (await oscalAssessmentResults(ledger, { now: new Date('2026-12-04T12:00:00.000Z') })) as unknown as Doc;
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const ar = doc['assessment-results'];
    expect(ar.metadata['oscal-version']).toBe('1.1.3');
    const result = ar.results[0]!;
    expect(propOf(result.props, 'run-id')).toBe(runId);
    expect(propOf(result.props, 'checkpoint-size')).toBe(String(checkpoint.size));
    expect(result.findings).toHaveLength(4);
    const rows = await ledger.db.selectFrom('ledger_entry').select(['seq', 'body', 'leaf']).where('kind', '=', 'finding').orderBy('seq').execute();
    for (const [i, f] of result.findings.entries()) {
      const row = rows[i]!;
      expect(propOf(f.props, 'ledger-seq')).toBe(String(row.seq));
      expect(propOf(f.props, 'ledger-leaf-sha256')).toBe(Buffer.from(leafHash(row.body)).toString('hex'));
      const observation = result.observations.find((o) => o.uuid === f['related-observations'][0]!['observation-uuid'])!;
      expect(propOf(observation.props, 'ledger-seq')).toBe(String(row.seq));
      expect(observation.description).toBe(JSON.parse(Buffer.from(row.body).toString('utf8')).evidence);
    }
    // Unknown is never satisfied; pass and attested are.
    expect(result.findings.map((f) => [f.target['target-id'], f.target.status.state, f.target.status.reason])).toEqual([
      ['TW-HTTPS', 'not-satisfied', 'fail'],
      ['TW-HTTP-AUTH', 'satisfied', 'pass'],
      ['TW-HTTPS', 'not-satisfied', 'unknown'],
      ['TW-CONSOLE-LOGOFF', 'satisfied', 'attested'],
    ]);
    // The signed checkpoint travels in back-matter, byte for byte.
    const embedded = ar['back-matter'].resources.find((r) => r.base64)!;
    expect(Buffer.from(embedded.base64!.value, 'base64').toString('utf8')).toBe(checkpoint.note);
    // The same ledger and run give the same document.
    expect(await oscalAssessmentResults(ledger, { now: new Date('2026-12-04T12:00:00.000Z') })).toEqual(doc);
    // No friendly name (a person may have typed a patient's name there).
    expect(JSON.stringify(doc)).not.toContain('Maria');
  });

  it('the schema is strict enough to reject a finding without its target', async () => {
    const { ledger } = await recorded();
    const doc = (await oscalAssessmentResults(ledger)) as unknown as Doc;
    const broken = structuredClone(doc) as unknown as { 'assessment-results': { results: { findings: Record<string, unknown>[] }[] } };
    delete broken['assessment-results'].results[0]!.findings[0]!.target;
    expect(validate(broken)).toBe(false);
    const badUuid = structuredClone(doc) as unknown as { 'assessment-results': { uuid: string } };
    badUuid['assessment-results'].uuid = 'not-a-uuid';
    expect(validate(badUuid)).toBe(false);
  });

  it('an incomplete run is exported when named, and says so', async () => {
    const { ledger, runId } = await recorded(false);
    await expect(oscalAssessmentResults(ledger)).rejects.toThrow(/no complete run to export/);
    const doc = (await oscalAssessmentResults(ledger, { run: runId.slice(0, 12) })) as unknown as Doc;
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(propOf(doc['assessment-results'].results[0]!.props, 'run-state')).toBe('incomplete');
    await expect(oscalAssessmentResults(ledger, { run: 'nope' })).rejects.toThrow(/--run nope: no such run/);
  });

  it('an edited entry stops the export with one line', async () => {
    const { ledger } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    const row = await ledger.db.selectFrom('ledger_entry').select(['seq', 'body']).where('kind', '=', 'finding').orderBy('seq').limit(1).executeTakeFirstOrThrow();
    await ledger.db.updateTable('ledger_entry').set({ body: Buffer.from(Buffer.from(row.body).toString('utf8').replace('"fail"', '"pass"')) }).where('seq', '=', row.seq).execute();
    const error = await oscalAssessmentResults(ledger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as Error).message).toBe(`entry seq ${row.seq} does not match its leaf hash; run \`chaperone ledger verify\`, nothing was exported`);
  });
});
