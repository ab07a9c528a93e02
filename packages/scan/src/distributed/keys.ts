// The names the planner and the workers agree on: one BullMQ queue per prefix, one job per
// (run, account) whose id collapses duplicates, and the run's own keys beside the queue.
export const QUEUE_NAME = 'scan';

/** BullMQ refuses ":" in custom ids; run ids and SIDs never contain ".". */
export function jobId(runId: string, accountSid: string): string {
  return `${runId}.${accountSid}`;
}

/** The run's keys: settings the workers read, results the planner drains, the planner's lock, progress for people and dashboards. */
export function runKeys(prefix: string, runId: string) {
  const base = `${prefix}:${QUEUE_NAME}:run:${runId}`;
  return {
    settings: `${base}:settings`,
    results: `${base}:results`,
    lock: `${base}:planner`,
    workers: `${base}:workers`,
    progress: `${base}:progress`,
  };
}

/** Every key of a run expires this long after the run stops touching it (a planner never resumed leaves nothing behind for good). */
export const RUN_KEYS_TTL_S = 7 * 24 * 3600;
