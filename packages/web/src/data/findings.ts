// Findings of the posture (each account at its latest complete run), filtered and paged,
// read straight from the ledger's finding table. Accounts are grouped by run so each
// query walks the (run_id, control, ...) index of one run.
import { sql, type Expression, type SqlBool } from 'kysely';
import { controlsFor } from '@chaperone/controls';
import type { FindingTable } from '@chaperone/ledger';
import type { DashboardDb } from '../db/types.ts';
import type { AccountPosture, Posture } from './posture.ts';
import { STATUS_ORDER, isStatus, type FindingStatus } from './statuses.ts';

export interface FindingFilter {
  status?: FindingStatus[];
  severity?: string[];
  control?: string;
  account?: string;
  platform?: string;
  product?: string;
  /** Matched against control id, resource SID and evidence. */
  q?: string;
}

/** A finding as the ledger's projection holds it. */
export type FindingRow = Omit<FindingTable, 'seq'>;

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** Reads filters from query parameters; unknown values are dropped, never passed to SQL. */
export function parseFilter(query: Record<string, string | undefined>): FindingFilter {
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const filter: FindingFilter = {};
  const status = list(query.status).filter(isStatus);
  if (status.length) filter.status = status;
  const severity = list(query.severity).filter((s) => SEVERITIES.includes(s));
  if (severity.length) filter.severity = severity;
  if (query.control && /^[A-Z0-9-]{2,64}$/.test(query.control)) filter.control = query.control;
  if (query.account && /^[A-Za-z0-9_.:-]{1,64}$/.test(query.account)) filter.account = query.account;
  if (query.platform === 'twilio' || query.platform === 'segment') filter.platform = query.platform;
  if (query.product) filter.product = query.product.slice(0, 80);
  if (query.q?.trim()) filter.q = query.q.trim().slice(0, 80);
  return filter;
}

/** Accounts of the posture grouped by the run they are shown from. */
export function runGroups(posture: Posture, filter: Pick<FindingFilter, 'account' | 'platform'> = {}): Map<string, AccountPosture[]> {
  const groups = new Map<string, AccountPosture[]>();
  for (const a of posture.accounts) {
    if (filter.account && a.account !== filter.account) continue;
    if (filter.platform && a.platform !== filter.platform) continue;
    const list = groups.get(a.runId) ?? [];
    list.push(a);
    groups.set(a.runId, list);
  }
  return groups;
}

function statusRank() {
  return sql<number>`case status ${sql.join(
    STATUS_ORDER.map((s, i) => sql`when ${s} then ${i}`),
    sql` `,
  )} else 9 end`;
}

function severityRank() {
  return sql<number>`case severity ${sql.join(
    SEVERITIES.map((s, i) => sql`when ${s} then ${i}`),
    sql` `,
  )} else 9 end`;
}

export async function queryFindings(
  db: DashboardDb,
  posture: Posture,
  filter: FindingFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: FindingRow[]; total: number }> {
  const groups = runGroups(posture, filter);
  if (groups.size === 0) return { rows: [], total: 0 };
  const accountsPerRun = new Map<string, number>();
  for (const a of posture.accounts) accountsPerRun.set(a.runId, (accountsPerRun.get(a.runId) ?? 0) + 1);
  const productControls = filter.product ? controlsFor({ product: filter.product }).map((c) => c.id as string) : undefined;
  if (productControls && productControls.length === 0) return { rows: [], total: 0 };

  const base = db.selectFrom('finding').where((eb) => {
    const parts: Expression<SqlBool>[] = [];
    const perRun = [...groups].map(([runId, accounts]) => {
      const inRun = eb('run_id', '=', runId);
      // Every account of the run shown from it: no account list needed.
      if (!filter.account && !filter.platform && accounts.length === accountsPerRun.get(runId)) return inRun;
      return eb.and([inRun, eb('account', 'in', accounts.map((a) => a.account))]);
    });
    parts.push(perRun.length === 1 ? perRun[0]! : eb.or(perRun));
    if (filter.status) parts.push(eb('status', 'in', filter.status));
    if (filter.severity) parts.push(eb('severity', 'in', filter.severity));
    if (filter.control) parts.push(eb('control', '=', filter.control));
    if (filter.platform) parts.push(eb('platform', '=', filter.platform));
    if (productControls) parts.push(eb('control', 'in', productControls));
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      parts.push(eb.or([sql<SqlBool>`control like ${like} escape '\\'`, sql<SqlBool>`resource_sid like ${like} escape '\\'`, sql<SqlBool>`evidence like ${like} escape '\\'`]));
    }
    return eb.and(parts);
  });
  const [rows, count] = await Promise.all([
    base
      .select(['run_id', 'control', 'account', 'platform', 'resource_kind', 'resource_sid', 'status', 'severity', 'evidence', 'note'])
      .orderBy(statusRank())
      .orderBy(severityRank())
      .orderBy('control')
      .orderBy('account')
      .orderBy('resource_sid')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Findings by control and status over the posture (for the controls list). */
export async function countsByControl(db: DashboardDb, posture: Posture): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  const accountsPerRun = new Map<string, number>();
  for (const a of posture.accounts) accountsPerRun.set(a.runId, (accountsPerRun.get(a.runId) ?? 0) + 1);
  for (const [runId, accounts] of runGroups(posture)) {
    let q = db.selectFrom('finding').select(['control', 'status', sql<number>`count(*)`.as('n')]).where('run_id', '=', runId);
    if (accounts.length !== accountsPerRun.get(runId)) q = q.where('account', 'in', accounts.map((a) => a.account));
    for (const r of await q.groupBy(['control', 'status']).execute()) {
      const counts = out.get(r.control) ?? {};
      counts[r.status] = (counts[r.status] ?? 0) + Number(r.n);
      out.set(r.control, counts);
    }
  }
  return out;
}

/** Status of each (account, resource) of one control over the given runs (oldest first). */
export async function controlHistory(db: DashboardDb, control: string, runIds: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const history = new Map<string, Map<string, string>>();
  if (runIds.length === 0) return history;
  const rows = await db.selectFrom('finding').select(['run_id', 'account', 'resource_sid', 'status']).where('run_id', 'in', [...runIds]).where('control', '=', control).execute();
  for (const r of rows) {
    const key = `${r.account}\u0000${r.resource_sid}`;
    const byRun = history.get(key) ?? new Map<string, string>();
    byRun.set(r.run_id, r.status);
    history.set(key, byRun);
  }
  return history;
}
