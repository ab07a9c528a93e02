// Summaries of ended runs, written once per run into the dashboard's tables: findings by
// status per account and the controls failing there. A run's findings never change after
// its run.end entry, so a summary never goes stale; a run still `running` (or killed) is
// not summarised.
import { sql } from 'kysely';
import type { DashboardDb } from '../db/types.ts';

const ROWS_PER_INSERT = 300;

/** Summarises every ended run without a summary; returns how many were added. */
export async function summariseEndedRuns(db: DashboardDb): Promise<number> {
  const pending = await db
    .selectFrom('scan_run')
    .leftJoin('web_run_summary', 'web_run_summary.run_id', 'scan_run.run_id')
    .select(['scan_run.run_id', 'scan_run.start_seq', 'scan_run.started_at', 'scan_run.state'])
    .where('web_run_summary.run_id', 'is', null)
    .where('scan_run.state', '!=', 'running')
    .orderBy('scan_run.start_seq')
    .execute();
  for (const run of pending) await summariseRun(db, run);
  return pending.length;
}

async function summariseRun(db: DashboardDb, run: { run_id: string; start_seq: number; started_at: string; state: string }): Promise<void> {
  const counts = await db
    .selectFrom('finding')
    .select(['account', 'platform', 'status', sql<number>`count(*)`.as('n')])
    .where('run_id', '=', run.run_id)
    .groupBy(['account', 'platform', 'status'])
    .execute();
  const failing = await db.selectFrom('finding').select(['account', 'platform', 'control']).distinct().where('run_id', '=', run.run_id).where('status', '=', 'fail').execute();
  const accounts = await db.selectFrom('scan_account').select(['account', 'platform', 'complete']).where('run_id', '=', run.run_id).execute();

  const key = (platform: string, account: string) => `${platform}\u0000${account}`;
  const rows = new Map<string, { account: string; platform: string; complete: number; counts: Record<string, number>; failing: string[] }>();
  const row = (platform: string, account: string) => {
    let r = rows.get(key(platform, account));
    if (!r) rows.set(key(platform, account), (r = { account, platform, complete: 0, counts: {}, failing: [] }));
    return r;
  };
  for (const a of accounts) row(a.platform, a.account).complete = a.complete ? 1 : 0;
  let total = 0;
  for (const c of counts) {
    const n = Number(c.n);
    row(c.platform, c.account).counts[c.status] = n;
    total += n;
  }
  for (const f of failing) row(f.platform, f.account).failing.push(f.control);

  const values = [...rows.values()].map((r) => ({
    run_id: run.run_id,
    start_seq: run.start_seq,
    account: r.account,
    platform: r.platform,
    complete: r.complete,
    counts: JSON.stringify(r.counts),
    failing_controls: JSON.stringify(r.failing.sort()),
  }));
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < values.length; i += ROWS_PER_INSERT) await tx.insertInto('web_account_summary').values(values.slice(i, i + ROWS_PER_INSERT)).execute();
    await tx.insertInto('web_run_summary').values({ run_id: run.run_id, start_seq: run.start_seq, started_at: run.started_at, state: run.state, findings: total }).execute();
  });
}
