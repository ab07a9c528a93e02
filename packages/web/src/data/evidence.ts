// What the evidence page shows, read from the ledger's tables: the log's size, its latest
// signed checkpoint, and the guard's decisions per day and event.
import { sql } from 'kysely';
import type { DashboardDb } from '../db/types.ts';

export interface CheckpointView {
  size: number;
  createdAt: string;
  /** The signed note as handed to an auditor (origin, size, root hash, signature lines). */
  note: string;
}

export interface GuardDay {
  day: string;
  event: string;
  count: number;
}

export async function ledgerSize(db: DashboardDb): Promise<number> {
  const row = await db.selectFrom('ledger_state').select('size').where('id', '=', 1).executeTakeFirst();
  return Number(row?.size ?? 0);
}

export async function latestCheckpointView(db: DashboardDb): Promise<CheckpointView | undefined> {
  const row = await db.selectFrom('ledger_checkpoint').select(['size', 'created_at', 'note']).orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row ? { size: Number(row.size), createdAt: row.created_at, note: row.note } : undefined;
}

/** Guard decisions per UTC day and event over the last `days` days before `now`. */
export async function guardDecisionsByDay(db: DashboardDb, now: number, days = 30): Promise<GuardDay[]> {
  const since = new Date(now - days * 86_400_000).toISOString();
  const dayExpr = sql<string>`substr(at, 1, 10)`;
  const rows = await db
    .selectFrom('guard_decision')
    .select([dayExpr.as('day'), 'event', sql<number>`count(*)`.as('n')])
    .where('at', '>=', since)
    .groupBy([dayExpr, 'event'])
    .orderBy(dayExpr)
    .orderBy('event')
    .execute();
  return rows.map((r) => ({ day: r.day, event: r.event, count: Number(r.n) }));
}
