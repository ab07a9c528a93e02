// `verify` checks the query tables against the entries: an edit to a projection row (the
// tables history, diff and the dashboard read) is caught even when every entry is intact.
// Projection tables have no append-only triggers, so these edits need no trigger dropped.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkpointHead, ensureSigner, noteOpener, recordReport, startRun, verifyLedger as verifyAll } from '../src/index.ts';
import { ledgerTests, VERIFY_RUNS } from './backends.ts';
import { config, decisions, finding, MASTER, report, SUB } from './fixtures.ts';

const ledgers = ledgerTests();
const START = { chaperoneVersion: '0.1.0', guideVersion: 'guide-test', scope: { platforms: ['twilio'], accounts: [], demo: false } };

describe.each(VERIFY_RUNS)('verify checks the query tables on $name, $threads.label', ({ threads, ...backend }) => {
  const verifyLedger = (ledger: Parameters<typeof verifyAll>[0], options: Parameters<typeof verifyAll>[1]) => verifyAll(ledger, { ...options, ...threads.options });
  /** A run (run.start, 3 findings, 2 accounts, a mute, run.end) and 3 guard decisions, signed. */
  async function recorded() {
    const f = await ledgers.open(backend);
    const { signer } = await ensureSigner(join(f.dir, 'ledger.key'), f.ledger.origin);
    const recorder = await startRun(f.ledger, START);
    await recordReport(
      recorder,
      report([finding(), finding({ control: 'TW-HTTP-AUTH', status: 'muted', note: 'muted until 2027-01-01: pilot' }), finding({ account: SUB, status: 'unknown' })]),
      config({ mutes: [{ control: 'TW-HTTP-AUTH' as never, resource: '*', reason: 'pilot', expires: '2027-01-01' }] }),
    );
    await f.ledger.append(decisions(3));
    await checkpointHead(f.ledger, signer);
    const verify = () => verifyLedger(f.ledger, { open: noteOpener(signer.verifierKey) });
    const findingSeq = (await f.ledger.db.selectFrom('finding').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow()).seq;
    return { ...f, verify, runId: recorder.runId, findingSeq };
  }

  it('an intact ledger passes', async () => {
    const { verify } = await recorded();
    expect(await verify()).toMatchObject({ ok: true, unsigned: 0 });
  });

  it('a finding row edited to pass is named by its seq and column', async () => {
    const { ledger, verify, findingSeq } = await recorded();
    await ledger.db.updateTable('finding').set({ status: 'pass' }).where('seq', '=', findingSeq).execute();
    expect(await verify()).toEqual({ ok: false, problem: `the finding table's row seq ${findingSeq} differs from entry seq ${findingSeq} in status (a query row was edited; the entry is intact)` });
  });

  it('a deleted finding row is named', async () => {
    const { ledger, verify, findingSeq } = await recorded();
    await ledger.db.deleteFrom('finding').where('seq', '=', findingSeq).execute();
    expect(await verify()).toEqual({ ok: false, problem: `the finding table has no row for entry seq ${findingSeq} (a query row was deleted)` });
  });

  it('an added guard decision row is named', async () => {
    const { ledger, verify } = await recorded();
    await ledger.db.insertInto('guard_decision').values({ seq: 900, at: '2026-12-03T07:00:00.000Z', event: 'twilio.outbound.decision', level: 'info', fields: '{}' }).execute();
    expect(await verify()).toEqual({ ok: false, problem: "the guard_decision table's row seq 900 has no entry it was derived from (a query row was added)" });
  });

  it('an edited mute reason, decision fields, run state and account completion are each caught', async () => {
    const edits: [string, (l: Awaited<ReturnType<typeof recorded>>) => Promise<unknown>, RegExp][] = [
      ['applied_config', (r) => r.ledger.db.updateTable('applied_config').set({ reason: 'approved' }).execute(), /^the applied_config table's row seq \d+ differs from entry seq \d+ in reason/],
      ['guard_decision', (r) => r.ledger.db.updateTable('guard_decision').set({ fields: '{"i":7}' }).where('seq', '=', r.findingSeq + 8).execute(), /^the guard_decision table's row seq \d+ differs from entry seq \d+ in fields/],
      ['scan_run', (r) => r.ledger.db.updateTable('scan_run').set({ state: 'complete' }).execute(), /^the scan_run table's row for run \S+ differs from its entries in state/],
      ['scan_account', (r) => r.ledger.db.updateTable('scan_account').set({ complete: 1 }).where('account', '=', SUB).execute(), new RegExp(`^the scan_account table's row for run/account \\S+ ${SUB} differs from its entries in complete`)],
      ['scan_account', (r) => r.ledger.db.deleteFrom('scan_account').where('account', '=', MASTER).execute(), new RegExp(`^the scan_account table has no row for run/account \\S+ ${MASTER}`)],
    ];
    for (const [table, edit, expected] of edits) {
      const r = await recorded();
      expect(await r.verify(), `${table} before`).toMatchObject({ ok: true });
      await edit(r);
      const result = await r.verify();
      expect(result.ok, table).toBe(false);
      expect(result.ok ? '' : result.problem, table).toMatch(expected);
    }
  });

  it('JSON columns compare by content, not key order', async () => {
    const { ledger, verify } = await recorded();
    const row = await ledger.db.selectFrom('scan_run').select(['run_id', 'scope']).executeTakeFirstOrThrow();
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(row.scope) as Record<string, unknown>).reverse()));
    expect(reordered).not.toBe(row.scope);
    await ledger.db.updateTable('scan_run').set({ scope: reordered }).execute();
    expect(await verify()).toMatchObject({ ok: true });
  });
});
