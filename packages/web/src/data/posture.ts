// The posture: for each platform and account, its latest run that collected it completely
// (an account never collected completely shows its latest run, flagged), with findings by
// status; and the trend over the runs, each point the posture as of that run (the latest
// complete run of every account up to then, so a run that scanned only some accounts does
// not look like the others were fixed). Built in memory from the run summaries, rebuilt
// when a run has been summarised since.
import type { DashboardDb } from '../db/types.ts';
import type { WebAccountSummaryTable } from '../db/schema.ts';
import { addCounts, emptyCounts, type StatusCounts } from './statuses.ts';

export interface AccountPosture {
  platform: string;
  account: string;
  runId: string;
  startSeq: number;
  startedAt: string;
  /** False when no run has collected this account completely: its latest run is shown. */
  complete: boolean;
  /** Its most recent run did not collect it completely (an older complete run is shown). */
  newerIncomplete: boolean;
  counts: StatusCounts;
  failing: readonly string[];
}

export interface TrendPoint {
  runId: string;
  startedAt: string;
  failingControls: number;
  failing: number;
  unknown: number;
}

export interface RunInfo {
  runId: string;
  startSeq: number;
  startedAt: string;
  state: string;
  findings: number;
}

export interface Posture {
  /** Changes when a run is summarised. */
  version: string;
  accounts: AccountPosture[];
  totals: StatusCounts;
  failingControls: number;
  trend: TrendPoint[];
  runs: RunInfo[];
}

type SummaryRow = WebAccountSummaryTable;

function toAccount(row: SummaryRow, startedAt: string): AccountPosture {
  const counts = emptyCounts();
  addCounts(counts, JSON.parse(row.counts) as Record<string, number>);
  return {
    platform: row.platform,
    account: row.account,
    runId: row.run_id,
    startSeq: row.start_seq,
    startedAt,
    complete: row.complete === 1,
    newerIncomplete: false,
    counts,
    failing: JSON.parse(row.failing_controls) as string[],
  };
}

/** Folds summaries (in run order) into the latest-complete-per-account map. */
function fold(latest: Map<string, AccountPosture>, row: SummaryRow, startedAt: string): void {
  const key = `${row.platform}\u0000${row.account}`;
  const held = latest.get(key);
  if (row.complete === 1 || !held || !held.complete) {
    latest.set(key, toAccount(row, startedAt));
  } else {
    held.newerIncomplete = true;
  }
}

function aggregate(accounts: Iterable<AccountPosture>): { totals: StatusCounts; failingControls: number } {
  const totals = emptyCounts();
  const failing = new Set<string>();
  for (const a of accounts) {
    addCounts(totals, a.counts);
    for (const c of a.failing) failing.add(c);
  }
  return { totals, failingControls: failing.size };
}

export async function postureVersion(db: DashboardDb): Promise<string> {
  const row = await db.selectFrom('web_run_summary').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('start_seq').as('last')]).executeTakeFirst();
  return `${Number(row?.n ?? 0)}:${row?.last ?? ''}`;
}

export async function buildPosture(db: DashboardDb): Promise<Posture> {
  const version = await postureVersion(db);
  const runs = (await db.selectFrom('web_run_summary').select(['run_id', 'start_seq', 'started_at', 'state', 'findings']).orderBy('start_seq').execute()).map((r) => ({
    runId: r.run_id,
    startSeq: r.start_seq,
    startedAt: r.started_at,
    state: r.state,
    findings: Number(r.findings),
  }));
  const startedAt = new Map(runs.map((r) => [r.runId, r.startedAt]));
  const rows = await db.selectFrom('web_account_summary').select(['run_id', 'start_seq', 'account', 'platform', 'complete', 'counts', 'failing_controls']).orderBy('start_seq').execute();
  const latest = new Map<string, AccountPosture>();
  const trend: TrendPoint[] = [];
  let i = 0;
  for (const run of runs) {
    for (; i < rows.length && rows[i]!.start_seq === run.startSeq; i++) fold(latest, rows[i]!, startedAt.get(rows[i]!.run_id) ?? '');
    const point = aggregate(latest.values());
    trend.push({ runId: run.runId, startedAt: run.startedAt, failingControls: point.failingControls, failing: point.totals.fail, unknown: point.totals.unknown });
  }
  const accounts = [...latest.values()];
  const { totals, failingControls } = aggregate(accounts);
  return { version, accounts, totals, failingControls, trend, runs };
}

/** Keeps the posture in memory and rebuilds it only when the summaries changed. */
export class PostureCache {
  private current: Posture | undefined;
  private building: Promise<Posture> | undefined;
  constructor(private readonly db: DashboardDb) {}

  async get(): Promise<Posture> {
    const version = await postureVersion(this.db);
    if (this.current?.version === version) return this.current;
    this.building ??= buildPosture(this.db).finally(() => (this.building = undefined));
    this.current = await this.building;
    return this.current;
  }
}
