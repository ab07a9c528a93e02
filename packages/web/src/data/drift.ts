// Drift between the last two complete runs, as `chaperone diff` computes it (the ledger's
// diffRuns: new, resolved, changed; unknown counted apart and never as resolved), reduced
// to counts and the first changes worst first for the page. Ended runs never change, so a
// result is kept per pair of runs.
import { diffRuns, resolveRuns, type DiffFinding, type Ledger } from '@chaperone/ledger';
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
  /** Worst first (new, changed, unknown, resolved; fails first within each), at most `limit` items. */
  items: DriftItem[];
}

const RANK: Record<string, number> = { fail: 0, advisory: 1, unknown: 2, manual: 3, attested: 4, muted: 5, pass: 6 };
const KIND_RANK: Record<DriftKind, number> = { new: 0, changed: 1, unknown: 2, resolved: 3 };

function item(kind: DriftKind, from: DiffFinding | undefined, to: DiffFinding | undefined): DriftItem {
  const ref = (to ?? from)!;
  return {
    kind,
    control: ref.control,
    account: ref.account,
    resource: ref.resource.sid,
    ...(from ? { from: { status: from.status, severity: from.severity } } : {}),
    ...(to ? { to: { status: to.status, severity: to.severity } } : {}),
  };
}

export async function driftOfLastTwo(ledger: Ledger, limit = 50): Promise<Drift> {
  const { from, to } = await resolveRuns(ledger);
  const d = await diffRuns(ledger, from, to);
  const items = [
    ...d.new.map((f) => item('new', undefined, f)),
    ...d.changed.map((c) => item('changed', c.from, c.to)),
    ...d.unknown.map((u) => item('unknown', u.from, u.to)),
    ...d.resolved.map((r) => item('resolved', r.from, r.to)),
  ];
  items.sort((x, y) => KIND_RANK[x.kind] - KIND_RANK[y.kind] || (RANK[x.to?.status ?? x.from?.status ?? 'pass'] ?? 9) - (RANK[y.to?.status ?? y.from?.status ?? 'pass'] ?? 9) || x.control.localeCompare(y.control) || x.account.localeCompare(y.account));
  return { fromRun: from.run, toRun: to.run, counts: { new: d.new.length, resolved: d.resolved.length, changed: d.changed.length, unknown: d.unknown.length }, items: items.slice(0, limit) };
}

/** The two most recent complete runs, older first; undefined when fewer than two (cheap: asked on every posture view). */
export async function lastTwoCompleteRuns(db: DashboardDb): Promise<[string, string] | undefined> {
  const runs = await db.selectFrom('scan_run').select('run_id').where('state', '=', 'complete').orderBy('start_seq', 'desc').limit(2).execute();
  return runs.length === 2 ? [runs[1]!.run_id, runs[0]!.run_id] : undefined;
}

/** The drift of the last two complete runs, computed once per pair. */
export class DriftCache {
  private key: string | undefined;
  private value: Promise<Drift> | undefined;
  constructor(
    private readonly db: DashboardDb,
    private readonly ledger: Ledger,
  ) {}

  async get(): Promise<Drift | undefined> {
    const pair = await lastTwoCompleteRuns(this.db);
    if (!pair) return undefined;
    const key = pair.join('\u0000');
    if (this.key !== key || !this.value) {
      this.key = key;
      this.value = driftOfLastTwo(this.ledger);
      this.value.catch(() => (this.value = undefined));
    }
    return this.value;
  }
}
