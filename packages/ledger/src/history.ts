// History and drift, read from the projection tables: the runs with their totals, and what
// changed between two runs. A finding's identity is (control, account, resource kind, resource
// SID): the kind too, since one control may hold an account-level and a listing-level finding
// on the same SID.
import { LedgerError } from './errors.ts';
import type { Ledger } from './store.ts';

export interface RunSummary {
  run: string;
  started: string;
  finished: string | null;
  /** `running` for a run that never recorded its end (killed): never complete. */
  state: 'running' | 'complete' | 'incomplete';
  chaperoneVersion: string;
  guideVersion: string;
  accounts: number;
  accountsComplete: number;
  totals: Record<string, number>;
}

export async function listRuns(ledger: Ledger, limit = 20): Promise<RunSummary[]> {
  const runs = await ledger.db.selectFrom('scan_run').selectAll().orderBy('start_seq', 'desc').limit(limit).execute();
  if (runs.length === 0) return [];
  const accounts = await ledger.db
    .selectFrom('scan_account')
    .select(['run_id', 'complete'])
    .where(
      'run_id',
      'in',
      runs.map((r) => r.run_id),
    )
    .execute();
  return runs.map((r) => {
    const mine = accounts.filter((a) => a.run_id === r.run_id);
    return {
      run: r.run_id,
      started: r.started_at,
      finished: r.finished_at,
      state: r.state,
      chaperoneVersion: r.chaperone_version,
      guideVersion: r.guide_version,
      accounts: mine.length,
      accountsComplete: mine.filter((a) => a.complete === 1).length,
      totals: r.totals ? (JSON.parse(r.totals) as Record<string, number>) : {},
    };
  });
}

export interface DiffFinding {
  control: string;
  account: string;
  resource: { kind: string; sid: string };
  status: string;
  severity: string;
  evidence: string;
}

export interface RunDiff {
  from: RunSummary;
  to: RunSummary;
  /** In `to`, not in `from`. */
  new: DiffFinding[];
  /** Not passing in `from`; passing in `to`, or gone from an account `to` collected completely. */
  resolved: { from: DiffFinding; to?: DiffFinding }[];
  /** In both, another status or severity (not unknown now; not passing now unless it was unknown). */
  changed: { from: DiffFinding; to: DiffFinding }[];
  /** Now unknown, or gone from an account `to` did not collect completely: never counted as resolved. */
  unknown: { from?: DiffFinding; to?: DiffFinding }[];
}

const identity = (f: { control: string; account: string; resource_kind: string; resource_sid: string }) => `${f.control}\u0000${f.account}\u0000${f.resource_kind}\u0000${f.resource_sid}`;

async function findingsOf(ledger: Ledger, run: string): Promise<Map<string, DiffFinding>> {
  const rows = await ledger.db.selectFrom('finding').select(['control', 'account', 'resource_kind', 'resource_sid', 'status', 'severity', 'evidence']).where('run_id', '=', run).orderBy('seq').execute();
  return new Map(rows.map((r) => [identity(r), { control: r.control, account: r.account, resource: { kind: r.resource_kind, sid: r.resource_sid }, status: r.status, severity: r.severity, evidence: r.evidence }]));
}

/**
 * The runs to compare: the ones named (a unique prefix of a run id will do), else the last
 * two complete runs (or `to` and the complete run before it).
 */
export async function resolveRuns(ledger: Ledger, from?: string, to?: string): Promise<{ from: RunSummary; to: RunSummary }> {
  const all = await listRuns(ledger, Number.MAX_SAFE_INTEGER);
  const pick = (ref: string, flag: string) => pickRun(all, ref, flag);
  const complete = all.filter((r) => r.state === 'complete');
  const toRun = to !== undefined ? pick(to, '--to') : complete[0];
  if (!toRun) throw new LedgerError('the ledger has no complete run to compare; run `chaperone scan` (twice) first, or name runs with --from and --to');
  const older = (r: RunSummary) => all.indexOf(r) > all.indexOf(toRun);
  const fromRun = from !== undefined ? pick(from, '--from') : complete.find(older);
  if (!fromRun) throw new LedgerError(`no complete run before ${toRun.run} to compare it with; run \`chaperone scan\` again, or name one with --from`);
  return { from: fromRun, to: toRun };
}

/** The run a flag names: its id or the unique beginning of one. */
export function pickRun(all: readonly RunSummary[], ref: string, flag: string): RunSummary {
  const matches = all.filter((r) => r.run.startsWith(ref));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new LedgerError(`${flag} ${ref}: no such run in the ledger; \`chaperone history\` lists them`);
  throw new LedgerError(`${flag} ${ref}: names ${matches.length} runs; give more of the run id`);
}

export async function diffRuns(ledger: Ledger, from: RunSummary, to: RunSummary): Promise<RunDiff> {
  const before = await findingsOf(ledger, from.run);
  const after = await findingsOf(ledger, to.run);
  const completeAccounts = new Set((await ledger.db.selectFrom('scan_account').select('account').where('run_id', '=', to.run).where('complete', '=', 1).execute()).map((a) => a.account));
  const diff: RunDiff = { from, to, new: [], resolved: [], changed: [], unknown: [] };
  for (const [key, t] of after) {
    const f = before.get(key);
    if (t.status === 'unknown' && f?.status !== 'unknown') diff.unknown.push({ ...(f ? { from: f } : {}), to: t });
    else if (!f) diff.new.push(t);
    else if (f.status !== t.status || f.severity !== t.severity) {
      // unknown -> pass is news, not a fix: it was never known to fail.
      if (t.status === 'pass' && f.status !== 'unknown') diff.resolved.push({ from: f, to: t });
      else diff.changed.push({ from: f, to: t });
    }
  }
  for (const [key, f] of before) {
    if (after.has(key)) continue;
    // Gone: resolved only where the account was collected in full; otherwise not seen.
    if (completeAccounts.has(f.account)) {
      if (f.status !== 'pass' && f.status !== 'unknown') diff.resolved.push({ from: f });
    } else diff.unknown.push({ from: f });
  }
  return diff;
}
