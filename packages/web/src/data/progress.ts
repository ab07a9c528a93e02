// Scans still running, from what the ledger already records while a scan goes: its
// `run.start` (when, and the accounts asked for with --account), one `run.account` per
// account as it settles (complete or not) and that account's findings before it. A run
// killed half-way stays `running` for ever in the ledger, so the time of its latest entry
// is shown too, and a run quiet for long is said to be probably stopped (`--resume`).
// A run scanned through the queue (`scan --queue`) has more to show than the ledger holds:
// `serve --queue` reads the planner's progress record from Redis (per worker, ETA); the
// ledger stays evidence only, and a dashboard without --queue never touches Redis.
import type { DashboardDb } from '../db/types.ts';

/** A scan that recorded nothing for this long is shown as probably stopped. */
export const QUIET_MS = 15 * 60_000;
const SHOWN = 5;

export interface RunningRun {
  runId: string;
  startedAt: string;
  platforms: string[];
  /** Accounts asked for with --account (0: every account reachable, a number the ledger does not know until the end). */
  asked: number;
  settled: number;
  complete: number;
  findings: number;
  /** When the run's latest entry was written (its start when no account has settled yet). */
  lastAt: string;
  quiet: boolean;
  /** A queued run's progress record (`serve --queue`): accounts, requests, ETA and each worker, from Redis. */
  queue?: QueuedRunProgress;
}

/** The planner's progress record of a queued run (@chaperone/scan/distributed RunProgress), as far as the card reads it. */
export interface QueuedRunProgress {
  accountsDone: number;
  accountsTotal: number;
  requests: number;
  throttled: number;
  etaSeconds?: number;
  workers: Array<{ worker: string; done: number; failed: number; active: number; requests: number; throttled: number; updated: string }>;
  updated: string;
}

/** Where a queued run's progress is read (`serve --queue`): never fails, undefined when the queue has no record of the run. */
export type QueuedProgressSource = (runId: string) => Promise<QueuedRunProgress | undefined>;

const decoder = new TextDecoder();

function bodyAt(body: Uint8Array | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const at = (JSON.parse(decoder.decode(body)) as { at?: unknown }).at;
    return typeof at === 'string' ? at : undefined;
  } catch {
    return undefined;
  }
}

export async function runningRuns(db: DashboardDb, now: number, queued?: QueuedProgressSource): Promise<RunningRun[]> {
  const runs = await db.selectFrom('scan_run').select(['run_id', 'start_seq', 'started_at', 'scope']).where('state', '=', 'running').orderBy('start_seq', 'desc').limit(SHOWN).execute();
  return Promise.all(
    runs.map(async (run) => {
      const accounts = await db
        .selectFrom('scan_account')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('complete').as('complete'), eb.fn.max('seq').as('last')])
        .where('run_id', '=', run.run_id)
        .executeTakeFirst();
      const findings = await db
        .selectFrom('finding')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('last')])
        .where('run_id', '=', run.run_id)
        .executeTakeFirst();
      // The run's latest entry: an account's findings are written before its run.account.
      const seqs = [accounts?.last, findings?.last].filter((s) => s !== null && s !== undefined).map(Number);
      const last = seqs.length ? await db.selectFrom('ledger_entry').select('body').where('seq', '=', Math.max(...seqs)).executeTakeFirst() : undefined;
      const lastAt = bodyAt(last?.body) ?? run.started_at;
      let scope: { platforms?: unknown; accounts?: unknown } = {};
      try {
        scope = JSON.parse(run.scope) as typeof scope;
      } catch {
        // An unreadable scope shows as "every account": the counts below still come from the entries.
      }
      const queue = queued ? await queued(run.run_id) : undefined;
      return {
        ...(queue ? { queue } : {}),
        runId: run.run_id,
        startedAt: run.started_at,
        platforms: Array.isArray(scope.platforms) ? scope.platforms.filter((p): p is string => typeof p === 'string') : [],
        asked: Array.isArray(scope.accounts) ? scope.accounts.length : 0,
        settled: Number(accounts?.n ?? 0),
        complete: Number(accounts?.complete ?? 0),
        findings: Number(findings?.n ?? 0),
        lastAt,
        quiet: now - Date.parse(lastAt) > QUIET_MS,
      };
    }),
  );
}
