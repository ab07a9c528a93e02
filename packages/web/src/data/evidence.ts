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
  /** What happened: `outbound allowed`, `outbound denied`, `webhook rejected`, ... */
  series: string;
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

// The outcome sits inside the fields' JSON text. A LIKE over the exact text the ledger sink
// wrote (JSON.stringify, no spaces) reads the same on SQLite and PostgreSQL, where a JSON
// function would differ by dialect. Literals, not parameters: PostgreSQL matches the GROUP BY
// expression to the selected one only when they are the same text.
const OUTCOMES = ['allowed', 'denied', 'reported', 'refused'] as const;
const EVENT_NAMES: Record<string, string> = { 'twilio.outbound.decision': 'outbound', 'twilio.webhook.rejected': 'webhook rejected', 'ledger.sink.dropped': 'sink dropped' };

/** Guard decisions per UTC day and what happened, over the last `days` days before `now`. */
export async function guardDecisionsByDay(db: DashboardDb, now: number, days = 30): Promise<GuardDay[]> {
  const since = new Date(now - days * 86_400_000).toISOString();
  const dayExpr = sql<string>`substr(at, 1, 10)`;
  const outcomeExpr = sql<string>`case ${sql.join(
    OUTCOMES.map((o) => sql`when fields like ${sql.lit(`%"outcome":"${o}"%`)} then ${sql.lit(o)}`),
    sql` `,
  )} else '' end`;
  const rows = await db
    .selectFrom('guard_decision')
    .select([dayExpr.as('day'), 'event', outcomeExpr.as('outcome'), sql<number>`count(*)`.as('n')])
    .where('at', '>=', since)
    .groupBy([dayExpr, 'event', outcomeExpr])
    .orderBy(dayExpr)
    .execute();
  return rows
    .map((r) => ({ day: r.day, series: [EVENT_NAMES[r.event] ?? r.event, r.outcome].filter(Boolean).join(' '), count: Number(r.n) }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.series.localeCompare(b.series));
}
