// Drift between two ended runs: what is new, resolved and changed. A finding is identified
// by (control, account, resource), as in the ledger. `unknown` is counted apart and never
// as resolved; a resource missing from the later run counts as resolved only when the later
// run scanned its account (otherwise nothing is known of it).
import type { DashboardDb } from '../db/types.ts';

export type DriftKind = 'new' | 'resolved' | 'changed' | 'unknown';

export interface DriftItem {
  kind: DriftKind;
  control: string;
  account: string;
  resource: string;
  from?: { status: string; severity: string };
  to?: { status: string; severity: string };
}

export interface Drift {
  fromRun: string;
  toRun: string;
  counts: Record<DriftKind, number>;
  /** Worst first (new fails, then other changes), at most `limit` items. */
  items: DriftItem[];
}

interface Row {
  control: string;
  account: string;
  resource_sid: string;
  status: string;
  severity: string;
}

const KEY_SEP = '\u0000';

async function findingsOf(db: DashboardDb, runId: string): Promise<Map<string, Row>> {
  const rows = await db.selectFrom('finding').select(['control', 'account', 'resource_sid', 'status', 'severity']).where('run_id', '=', runId).execute();
  return new Map(rows.map((r) => [`${r.control}${KEY_SEP}${r.account}${KEY_SEP}${r.resource_sid}`, r]));
}

const RANK: Record<string, number> = { fail: 0, advisory: 1, unknown: 2, manual: 3, attested: 4, muted: 5, pass: 6 };
const KIND_RANK: Record<DriftKind, number> = { new: 0, changed: 1, unknown: 2, resolved: 3 };

export function classify(a: Row | undefined, b: Row | undefined, laterScannedAccount: boolean): DriftKind | undefined {
  if (a && b && a.status === b.status && a.severity === b.severity) return undefined;
  if (b?.status === 'unknown') return 'unknown';
  if (!a) return b && b.status !== 'pass' ? 'new' : undefined;
  if (!b) return a.status !== 'pass' && a.status !== 'unknown' && laterScannedAccount ? 'resolved' : undefined;
  if (b.status === 'pass' && a.status !== 'unknown') return 'resolved';
  return 'changed';
}

export async function driftBetween(db: DashboardDb, fromRun: string, toRun: string, limit = 50): Promise<Drift> {
  const [before, after, scanned] = await Promise.all([
    findingsOf(db, fromRun),
    findingsOf(db, toRun),
    db.selectFrom('scan_account').select('account').where('run_id', '=', toRun).execute(),
  ]);
  const laterAccounts = new Set(scanned.map((s) => s.account));
  for (const r of after.values()) laterAccounts.add(r.account);
  const counts: Record<DriftKind, number> = { new: 0, resolved: 0, changed: 0, unknown: 0 };
  const items: DriftItem[] = [];
  const visit = (key: string) => {
    const a = before.get(key);
    const b = after.get(key);
    const ref = (a ?? b)!;
    const kind = classify(a, b, laterAccounts.has(ref.account));
    if (!kind) return;
    counts[kind]++;
    items.push({
      kind,
      control: ref.control,
      account: ref.account,
      resource: ref.resource_sid,
      ...(a ? { from: { status: a.status, severity: a.severity } } : {}),
      ...(b ? { to: { status: b.status, severity: b.severity } } : {}),
    });
  };
  for (const key of after.keys()) visit(key);
  for (const key of before.keys()) if (!after.has(key)) visit(key);
  items.sort((x, y) => KIND_RANK[x.kind] - KIND_RANK[y.kind] || (RANK[x.to?.status ?? 'pass'] ?? 9) - (RANK[y.to?.status ?? 'pass'] ?? 9) || x.control.localeCompare(y.control) || x.account.localeCompare(y.account));
  return { fromRun, toRun, counts, items: items.slice(0, limit) };
}

/** The two most recent complete runs, older first; undefined when fewer than two. */
export async function lastTwoCompleteRuns(db: DashboardDb): Promise<[string, string] | undefined> {
  const runs = await db.selectFrom('scan_run').select('run_id').where('state', '=', 'complete').orderBy('start_seq', 'desc').limit(2).execute();
  return runs.length === 2 ? [runs[1]!.run_id, runs[0]!.run_id] : undefined;
}

/** Drift results by pair of runs (ended runs never change), the latest few kept. */
export class DriftCache {
  private readonly cache = new Map<string, Promise<Drift>>();
  constructor(private readonly db: DashboardDb) {}

  get(fromRun: string, toRun: string): Promise<Drift> {
    const key = `${fromRun}\u0000${toRun}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = driftBetween(this.db, fromRun, toRun);
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
      while (this.cache.size > 8) this.cache.delete(this.cache.keys().next().value!);
    }
    return hit;
  }
}
