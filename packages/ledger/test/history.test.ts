import { describe, expect, it } from 'vitest';
import type { Finding } from '@chaperone/scan';
import { diffRuns, listRuns, recordReport, resolveRuns, startRun } from '../src/index.ts';
import { BACKENDS, ledgerTests } from './backends.ts';
import { config, finding, MASTER, report, SUB } from './fixtures.ts';

const ledgers = ledgerTests();

const START = { chaperoneVersion: '0.1.0', guideVersion: 'g', scope: { platforms: ['twilio'], accounts: [], demo: false } };
const COMPLETE = { complete: true, errors: [], accounts: [{ platform: 'twilio' as const, sid: MASTER, complete: true }, { platform: 'twilio' as const, sid: SUB, complete: true }] };
const pn = (n: number) => ({ kind: 'api.incoming_phone_number', sid: `PN${String(n).padStart(32, '0')}` });

describe.each(BACKENDS)('history and diff on $name', (backend) => {
  async function withRuns(...runs: { findings: Finding[]; scan?: Parameters<typeof report>[1] }[]) {
    const { ledger } = await ledgers.open(backend);
    const ids: string[] = [];
    for (const r of runs) {
      const recorder = await startRun(ledger, START);
      ids.push(recorder.runId);
      await recordReport(recorder, report(r.findings, r.scan ?? COMPLETE), config());
    }
    return { ledger, ids };
  }

  it('lists runs newest first with their totals and accounts', async () => {
    const { ledger, ids } = await withRuns({ findings: [finding()] }, { findings: [finding({ status: 'pass' }), finding({ resource: pn(2), status: 'unknown' })], scan: {} });
    const runs = await listRuns(ledger);
    expect(runs.map((r) => [r.run, r.state, r.accounts, r.accountsComplete, r.totals])).toEqual([
      [ids[1], 'incomplete', 2, 1, { pass: 1, unknown: 1 }],
      [ids[0], 'complete', 2, 2, { fail: 1 }],
    ]);
  });

  it('new, resolved, changed, and unknown apart, never resolved', async () => {
    const before = [
      finding({ resource: pn(1), status: 'fail' }), // -> pass: resolved
      finding({ resource: pn(2), status: 'fail' }), // -> unknown: unknown
      finding({ resource: pn(3), status: 'manual', control: 'TW-CONSOLE-LOGOFF' }), // -> attested: changed
      finding({ resource: pn(4), status: 'fail' }), // gone from a complete account: resolved
      finding({ resource: pn(5), status: 'fail', account: SUB }), // gone from an incomplete account: unknown
      finding({ resource: pn(6), status: 'fail', severity: 'high' }), // severity changed
      finding({ resource: pn(7), status: 'fail' }), // unchanged
    ];
    const after = [
      finding({ resource: pn(1), status: 'pass' }),
      finding({ resource: pn(2), status: 'unknown' }),
      finding({ resource: pn(3), status: 'attested', control: 'TW-CONSOLE-LOGOFF' }),
      finding({ resource: pn(6), status: 'fail', severity: 'critical' }),
      finding({ resource: pn(7), status: 'fail' }),
      finding({ resource: pn(8), status: 'fail' }), // new
    ];
    const partial = { complete: false, accounts: [{ platform: 'twilio' as const, sid: MASTER, complete: true }, { platform: 'twilio' as const, sid: SUB, complete: false }] };
    const { ledger, ids } = await withRuns({ findings: before }, { findings: after, scan: partial });
    const runs = await resolveRuns(ledger, ids[0]!.slice(0, 20), ids[1]);
    const diff = await diffRuns(ledger, runs.from, runs.to);
    const sids = (list: { resource: { sid: string } }[]) => list.map((f) => Number(f.resource.sid.slice(2)));
    expect(sids(diff.new)).toEqual([8]);
    expect(sids(diff.resolved.map((r) => r.from))).toEqual([1, 4]);
    expect(diff.changed.map((c) => [Number(c.to.resource.sid.slice(2)), c.from.status, c.to.status, c.from.severity, c.to.severity])).toEqual([
      [3, 'manual', 'attested', 'high', 'high'],
      [6, 'fail', 'fail', 'high', 'critical'],
    ]);
    expect(diff.unknown.map((u) => [Number((u.to ?? u.from)!.resource.sid.slice(2)), u.to?.status ?? 'gone'])).toEqual([
      [2, 'unknown'],
      [5, 'gone'],
    ]);
  });

  it('defaults to the last two complete runs, skipping incomplete ones', async () => {
    const { ledger, ids } = await withRuns({ findings: [finding()] }, { findings: [finding()] }, { findings: [finding()], scan: {} });
    const runs = await resolveRuns(ledger);
    expect([runs.from.run, runs.to.run]).toEqual([ids[0], ids[1]]);
    await expect(resolveRuns(ledger, 'nope')).rejects.toThrow(/--from nope: no such run/);
  });

  it('says so when there are not two complete runs', async () => {
    const { ledger } = await withRuns({ findings: [finding()] });
    await expect(resolveRuns(ledger)).rejects.toThrow(/no complete run before .* to compare it with/);
  });
});
