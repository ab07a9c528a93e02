import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordReport, RUN_ID, startRun } from '../src/index.ts';
import { BACKENDS, ledgerTests } from './backends.ts';
import { config, finding, MASTER, report, SUB } from './fixtures.ts';

const ledgers = ledgerTests();

const START = { chaperoneVersion: '0.1.0', guideVersion: 'guide-test', scope: { platforms: ['twilio'], accounts: [], demo: false } };

describe.each(BACKENDS)('recording a scan run on $name', (backend) => {
  const fresh = () => ledgers.open(backend);

  it('writes run.start at once: a run that never ends stays running, never complete', async () => {
    const { ledger } = await fresh();
    const recorder = await startRun(ledger, START);
    expect(recorder.runId).toMatch(RUN_ID);
    const run = await ledger.db.selectFrom('scan_run').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ run_id: recorder.runId, state: 'running', end_seq: null, chaperone_version: '0.1.0', guide_version: 'guide-test' });
    expect(JSON.parse(run.scope)).toEqual(START.scope);
  });

  it('records findings per account, each account\'s completion after its findings, config as applied, then run.end', async () => {
    const { ledger } = await fresh();
    const recorder = await startRun(ledger, START);
    const findings = [
      finding(),
      finding({ status: 'muted', control: 'TW-HTTP-AUTH', note: 'muted until 2027-01-01: pilot with patient Maria Delgado DOB 03/14/1957' }),
      finding({ account: SUB, status: 'unknown', evidence: 'not collected: voice' }),
      finding({ account: SUB, status: 'attested', control: 'TW-CONSOLE-LOGOFF', resource: { kind: 'account', sid: SUB }, note: 'attested by Privacy Officer on 2026-11-01, valid until 2027-11-01' }),
    ];
    const cfg = config({
      mutes: [{ control: 'TW-HTTP-AUTH' as never, resource: '*', reason: 'pilot with patient Maria Delgado DOB 03/14/1957', expires: '2027-01-01' }],
      attestations: [{ control: 'TW-CONSOLE-LOGOFF' as never, by: 'Privacy Officer', date: '2026-11-01', expires: '2027-11-01' }],
    });
    await recordReport(recorder, report(findings), cfg);

    const kinds = (await ledger.db.selectFrom('ledger_entry').select(['seq', 'kind']).orderBy('seq').execute()).map((r) => r.kind);
    expect(kinds).toEqual(['run.start', 'finding', 'finding', 'run.account', 'finding', 'finding', 'run.account', 'attestation', 'mute', 'run.end']);
    expect(recorder.entries).toBe(9);

    const run = await ledger.db.selectFrom('scan_run').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ state: 'incomplete', end_seq: 9 });
    expect(JSON.parse(run.totals!)).toEqual({ fail: 1, muted: 1, unknown: 1, attested: 1 });
    const accounts = await ledger.db.selectFrom('scan_account').select(['account', 'complete']).orderBy('account').execute();
    expect(accounts).toEqual([
      { account: MASTER, complete: 1 },
      { account: SUB, complete: 0 },
    ]);
    const applied = await ledger.db.selectFrom('applied_config').select(['kind', 'control', 'findings', 'by', 'reason']).orderBy('seq').execute();
    expect(applied).toEqual([
      { kind: 'attestation', control: 'TW-CONSOLE-LOGOFF', findings: 1, by: 'Privacy Officer', reason: null },
      { kind: 'mute', control: 'TW-HTTP-AUTH', findings: 1, by: null, reason: expect.stringContaining('pilot with patient') },
    ]);
    const f = await ledger.db.selectFrom('finding').selectAll().orderBy('seq').execute();
    expect(f.map((r) => [r.account, r.control, r.status, r.resource_sid])).toEqual(findings.map((x) => [x.account, x.control, x.status, x.resource.sid]));
  });

  it('a complete report ends the run complete', async () => {
    const { ledger } = await fresh();
    const recorder = await startRun(ledger, START);
    await recordReport(recorder, report([finding({ status: 'pass' })], { complete: true, accounts: [{ platform: 'twilio', sid: MASTER, complete: true }], errors: [] }), config());
    expect(await ledger.db.selectFrom('scan_run').select('state').executeTakeFirstOrThrow()).toEqual({ state: 'complete' });
  });

  it('an aborted run ends incomplete', async () => {
    const { ledger } = await fresh();
    const recorder = await startRun(ledger, START);
    await recorder.abort();
    expect(await ledger.db.selectFrom('scan_run').select(['state', 'totals']).executeTakeFirstOrThrow()).toEqual({ state: 'incomplete', totals: '{}' });
  });

  it('holds no PHI: friendly names and the report\'s notes stay out, chaperone.yaml text is redacted', async () => {
    const { ledger, location } = await fresh();
    const recorder = await startRun(ledger, START);
    const note = 'muted until 2027-01-01: pilot with patient Maria Delgado DOB 03/14/1957';
    await recordReport(
      recorder,
      report([finding(), finding({ status: 'muted', note })]),
      config({ mutes: [{ control: 'TW-HTTPS' as never, resource: '*', reason: 'pilot with patient Maria Delgado DOB 03/14/1957', expires: '2027-01-01' }] }),
    );
    const bytes: string[] = [];
    for await (const row of ledger.entries()) bytes.push(Buffer.from(row.body).toString('utf8'));
    const projections = await Promise.all(
      (['finding', 'applied_config', 'scan_run', 'scan_account'] as const).map(async (t) => JSON.stringify(await ledger.db.selectFrom(t).selectAll().execute())),
    );
    const everything = [...bytes, ...projections].join('\n') + (backend.name === 'sqlite' ? readFileSync(location).toString('latin1') : '');
    expect(everything).toContain('pilot with patient');
    for (const phi of ['Maria', 'Delgado', '03/14/1957', 'Maria Delgado line']) expect(everything, phi).not.toContain(phi);
  });
});
