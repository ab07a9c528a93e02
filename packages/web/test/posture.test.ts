import { afterEach, describe, expect, it } from 'vitest';
import { buildPosture } from '../src/data/posture.ts';
import { summariseEndedRuns } from '../src/data/summaries.ts';
import { driftOfLastTwo, lastTwoCompleteRuns } from '../src/data/drift.ts';
import { LedgerFixture } from './ledger-fixture.ts';

const A = 'AC00000000000000000000000000000001';
const B = 'AC00000000000000000000000000000002';

let fixture: LedgerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('posture', () => {
  it('takes each account at its latest complete run and counts statuses', async () => {
    fixture = await LedgerFixture.create();
    await fixture.addRun({
      id: 'r1',
      accounts: [{ sid: A }, { sid: B }],
      findings: [
        { control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'fail' },
        { control: 'TW-HTTPS', account: B, resource: 'PN2', status: 'fail' },
      ],
    });
    // r2 only collected B partly: B keeps its r1 posture, flagged.
    await fixture.addRun({
      id: 'r2',
      accounts: [{ sid: A }, { sid: B, complete: false }],
      findings: [
        { control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'pass' },
        { control: 'TW-HTTPS', account: B, resource: 'PN2', status: 'unknown' },
      ],
    });
    // A running (or killed) run never counts.
    await fixture.addRun({ id: 'r3', state: 'running', accounts: [{ sid: A }], findings: [{ control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'fail' }] });
    expect(await summariseEndedRuns(fixture.db)).toBe(2);
    expect(await summariseEndedRuns(fixture.db)).toBe(0);
    const p = await buildPosture(fixture.db);
    const byAccount = Object.fromEntries(p.accounts.map((a) => [a.account, a]));
    expect(byAccount[A]).toMatchObject({ runId: 'r2', complete: true, newerIncomplete: false });
    expect(byAccount[B]).toMatchObject({ runId: 'r1', complete: true, newerIncomplete: true });
    expect(p.totals).toEqual({ fail: 1, advisory: 0, unknown: 0, manual: 0, attested: 0, muted: 0, pass: 1 });
    expect(p.failingControls).toBe(1);
    expect(p.trend.map((t) => [t.runId, t.failing, t.failingControls])).toEqual([
      ['r1', 2, 1],
      ['r2', 1, 1],
    ]);
  });

  it('shows an account never collected completely from its latest run', async () => {
    fixture = await LedgerFixture.create();
    await fixture.addRun({ id: 'r1', state: 'incomplete', accounts: [{ sid: A, complete: false }], findings: [{ control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'unknown' }] });
    await summariseEndedRuns(fixture.db);
    const p = await buildPosture(fixture.db);
    expect(p.accounts).toHaveLength(1);
    expect(p.accounts[0]).toMatchObject({ complete: false });
    expect(p.totals.unknown).toBe(1);
  });

  it('keeps the trend as of each run when a run scanned only some accounts', async () => {
    fixture = await LedgerFixture.create();
    await fixture.addRun({
      id: 'r1',
      accounts: [{ sid: A }, { sid: B }],
      findings: [
        { control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'fail' },
        { control: 'TW-HTTP-AUTH', account: B, resource: 'PN2', status: 'fail' },
      ],
    });
    await fixture.addRun({ id: 'r2', accounts: [{ sid: A }], findings: [{ control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'pass' }] });
    await summariseEndedRuns(fixture.db);
    const p = await buildPosture(fixture.db);
    // B was not scanned by r2: its fail still counts as of r2.
    expect(p.trend.map((t) => t.failingControls)).toEqual([2, 1]);
    expect(p.trend.map((t) => t.failing)).toEqual([2, 1]);
  });
});

describe('drift', () => {
  it('compares the last two complete runs as chaperone diff does, worst first', async () => {
    fixture = await LedgerFixture.create();
    await fixture.addRun({
      id: 'r1',
      accounts: [{ sid: A }],
      findings: [
        { control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'fail' },
        { control: 'TW-HTTP-AUTH', account: A, resource: 'PN1', status: 'pass' },
        { control: 'TW-SMS-REDACTION', account: A, resource: 'MG1', status: 'fail' },
      ],
    });
    await fixture.addRun({ id: 'r-bad', state: 'incomplete', accounts: [{ sid: A, complete: false }], findings: [] });
    await fixture.addRun({
      id: 'r2',
      accounts: [{ sid: A }],
      findings: [
        { control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'pass' },
        { control: 'TW-HTTP-AUTH', account: A, resource: 'PN1', status: 'fail' },
        { control: 'TW-SMS-REDACTION', account: A, resource: 'MG1', status: 'unknown' },
        { control: 'TW-HTTPS', account: A, resource: 'PN9', status: 'fail' },
      ],
    });
    const pair = await lastTwoCompleteRuns(fixture.db);
    expect(pair).toEqual(['r1', 'r2']);
    const d = await driftOfLastTwo(fixture.ledger);
    expect([d.fromRun, d.toRun]).toEqual(pair);
    expect(d.counts).toEqual({ new: 1, resolved: 1, changed: 1, unknown: 1 });
    expect(d.items.map((i) => `${i.kind} ${i.control} ${i.resource}`)).toEqual(['new TW-HTTPS PN9', 'changed TW-HTTP-AUTH PN1', 'unknown TW-SMS-REDACTION MG1', 'resolved TW-HTTPS PN1']);
  });
});
