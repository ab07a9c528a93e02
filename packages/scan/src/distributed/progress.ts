// Progress of a queued run, for a person and for a dashboard. Each worker writes its own
// counters for the run (HSET {prefix}:scan:run:{run}:workers {worker} JSON) every second;
// the planner adds them up with what it has settled and writes the run's progress record
// (SET {prefix}:scan:run:{run}:progress JSON, the shape of RunProgress) that any reader of
// Redis can poll, and draws the same figures on stderr.
import { Redis } from 'ioredis';
import { withinMs, type QueueTarget } from './connection.ts';
import { terminalSafe } from '../reports/escape.ts';
import { RUN_KEYS_TTL_S, runKeys } from './keys.ts';

export interface WorkerCounters {
  done: number;
  failed: number;
  active: number;
  requests: number;
  throttled: number;
}

export interface WorkerStatus extends WorkerCounters {
  worker: string;
  /** When the worker last wrote (ISO): a worker silent for long was killed or lost Redis. */
  updated: string;
}

/** The progress record of a run, as the planner writes it to `{prefix}:scan:run:{run}:progress`. */
export interface RunProgress {
  run: string;
  state: 'running' | 'finished';
  accountsDone: number;
  accountsTotal: number;
  requests: number;
  throttled: number;
  /** Seconds left at the pace so far; absent until an account is done. */
  etaSeconds?: number;
  workers: WorkerStatus[];
  updated: string;
}

const WRITE_INTERVAL_MS = 1000;

export class WorkerProgress {
  readonly #runs = new Map<string, WorkerCounters>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly worker: string,
  ) {}

  run(run: string): WorkerCounters {
    let counters = this.#runs.get(run);
    if (!counters) {
      counters = { done: 0, failed: 0, active: 0, requests: 0, throttled: 0 };
      this.#runs.set(run, counters);
    }
    return counters;
  }

  start(): void {
    this.#timer = setInterval(() => void this.write().catch(() => {}), WRITE_INTERVAL_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.race([this.write().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500))]);
  }

  async write(): Promise<void> {
    const updated = new Date().toISOString();
    const multi = this.redis.multi();
    for (const [run, counters] of this.#runs) {
      const key = runKeys(this.prefix, run).workers;
      multi.hset(key, this.worker, JSON.stringify({ ...counters, updated })).expire(key, RUN_KEYS_TTL_S);
    }
    await multi.exec();
  }
}

/** Every worker's counters for the run, as they last wrote them. */
export async function readWorkers(redis: Redis, prefix: string, run: string): Promise<WorkerStatus[]> {
  const all = await redis.hgetall(runKeys(prefix, run).workers);
  return Object.entries(all)
    .map(([worker, text]) => ({ worker, ...(JSON.parse(text) as WorkerCounters & { updated: string }) }))
    .sort((a, b) => (a.worker < b.worker ? -1 : 1));
}

/** Seconds left at the average pace since `startedMs`. */
export function etaSeconds(done: number, total: number, startedMs: number, nowMs: number): number | undefined {
  if (done <= 0 || done >= total) return done >= total ? 0 : undefined;
  const perAccount = (nowMs - startedMs) / done;
  return Math.round(((total - done) * perAccount) / 1000);
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** One line: the run's totals, ETA and how many workers are at it. */
export function progressSummaryLine(p: RunProgress): string {
  const throttled = p.throttled > 0 ? ` · ${p.throttled} throttled` : '';
  const eta = p.etaSeconds !== undefined ? ` · ETA ${duration(p.etaSeconds)}` : '';
  const workers = p.workers.length === 0 ? ' · waiting for workers (chaperone worker --queue URL)' : ` · ${p.workers.length} worker${p.workers.length === 1 ? '' : 's'}`;
  return terminalSafe(`Scanning: ${p.accountsDone}/${p.accountsTotal} accounts · ${p.requests} requests${throttled}${eta}${workers}`);
}

/** One line per worker: what it did, what it has in hand, and how long since it was heard of. */
export function workerLines(p: RunProgress, nowMs: number): string[] {
  return p.workers.map((w) => {
    const silent = Math.round((nowMs - Date.parse(w.updated)) / 1000);
    const failed = w.failed > 0 ? ` · ${w.failed} failed` : '';
    const throttled = w.throttled > 0 ? ` · ${w.throttled} throttled` : '';
    return terminalSafe(`  ${w.worker}: ${w.done} accounts · ${w.active} active · ${w.requests} requests${throttled}${failed}${silent > 5 ? ` · silent ${silent} s` : ''}`);
  });
}

/** The progress record the planner of `run` last wrote; undefined when there is none (no queued run of that id, or its keys expired). */
export async function readRunProgress(redis: Redis, prefix: string, run: string): Promise<RunProgress | undefined> {
  const text = await redis.get(runKeys(prefix, run).progress);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as RunProgress;
  } catch {
    return undefined;
  }
}

/** What a dashboard asks of the queue: each running run's progress record, and nothing else. */
export interface RunProgressReader {
  read(run: string): Promise<RunProgress | undefined>;
  close(): Promise<void>;
}

/**
 * Reads progress records from the queue's Redis for a reader that must never wait on it (the
 * dashboard): a read Redis does not answer within `timeoutMs` gives undefined, as does an
 * unreachable Redis, so the page shows what the ledger holds and nothing blocks.
 */
export function runProgressReader(target: QueueTarget, timeoutMs = 1000): RunProgressReader {
  const redis = new Redis({ ...target.redis, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: (times) => Math.min(500 * times, 5000) });
  redis.on('error', () => {});
  return {
    async read(run) {
      try {
        if (redis.status === 'wait') await redis.connect();
        return await withinMs(readRunProgress(redis, target.prefix, run), timeoutMs, () => new Error('timeout'));
      } catch {
        return undefined;
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
