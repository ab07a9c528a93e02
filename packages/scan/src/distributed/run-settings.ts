// What every job of a run shares, written once by the planner beside the queue so that a
// job's payload carries SIDs and the run id only (never a token, never chaperone.yaml): the
// checks' context as the planner derived it from chaperone.yaml (dates, designated SIDs,
// vendor names), the request limits, the run's deadline and the master account the run
// belongs to (a worker with another master's credentials must not serve it).
import type { CheckContext } from '../check.ts';
import type { Finding } from '../types.ts';

export interface RunSettings {
  run: string;
  master: string;
  /** The run's start (ISO): the checks' `now`, the same for every job. */
  started: string;
  context: Omit<CheckContext, 'now'>;
  concurrency: number;
  timeoutMs: number;
  /** `--deadline` as a point in time (epoch ms): jobs past it send nothing and come back unknown. */
  deadlineAt?: number;
  attempts: number;
}

/** One job: which run, which account, and whether its owner (the master) is part of the run (PKCV facts). */
export interface AccountJobData {
  run: string;
  account: string;
  owner?: string;
}

/** A finding as it travels back through Redis: no remediation text (the catalog has it), as the ledger keeps it. */
export type TravellingFinding = Omit<Finding, 'remediation' | 'note'>;

/** What a worker hands the planner for one account (a job may hand it more than once: at least once). */
export type AccountOutcome =
  | {
      account: string;
      worker: string;
      complete: boolean;
      /** The checks' findings, before chaperone.yaml (the planner settles them, as the in-process scan does). */
      checked: TravellingFinding[];
      errors: string[];
      requests: number;
      throttled: number;
      retries: number;
    }
  | { account: string; worker: string; failed: string };

export function contextOf(settings: RunSettings): CheckContext {
  return { ...settings.context, now: new Date(settings.started) };
}
