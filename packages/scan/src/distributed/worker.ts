// `chaperone worker`: takes account jobs off the queue and runs them (account-job.ts), any
// number of workers on any machine. Execution is at least once (a worker killed mid-job
// loses its lock and the job runs again elsewhere): the planner keeps the first outcome of
// an account and ignores the rest. A 429 anywhere pauses the whole queue for the wait
// Twilio asked for (BullMQ's manual rate limit), so every worker slows down, and the job
// that was throttled past its retries is tried again later rather than recorded as read.
import { hostname } from 'node:os';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { requestedWaitMs } from '@chaperone/retry';
import type { HttpResponse, InnerClient, RequestOptions } from '../http/scan-http-client.ts';
import { describeError } from '../http/sanitize.ts';
import { UndiciRequestClient } from '../http/undici-request-client.ts';
import { DEFAULT_TIMEOUT_MS } from '../engine/defaults.ts';
import type { TwilioCredentials } from '../twilio/credentials.ts';
import { runAccountJob, ThrottledError, verifyWorkerCredentials } from './account-job.ts';
import { bullConnection, openRedis, type QueueTarget } from './connection.ts';
import { QUEUE_NAME, RUN_KEYS_TTL_S, runKeys } from './keys.ts';
import { WorkerProgress } from './progress.ts';
import type { AccountJobData, AccountOutcome, RunSettings } from './run-settings.ts';

export interface ScanWorkerOptions {
  target: QueueTarget;
  credentials: TwilioCredentials;
  baseUrl?: string;
  /** Accounts this worker scans at once. */
  jobs: number;
  /** A job whose worker stops renewing its lock this long is given to another worker. */
  stallMs: number;
  /** Named in progress and logs (default host:pid). */
  id?: string;
  /** One line per event a person should see (lost Redis, a run it cannot serve). */
  log: (line: string) => void;
  /** The HTTP client under the SDK's (default: UndiciRequestClient); tests observe requests here. */
  inner?: InnerClient;
}

export interface ScanWorker {
  id: string;
  /** Settles when the worker stopped; with the reason when it stopped itself. */
  stopped: Promise<string | undefined>;
  close(): Promise<void>;
}

export const DEFAULT_WORKER_JOBS = 4;
export const DEFAULT_STALL_MS = 30_000;
/** Jobs a second across the queue: high enough never to bind, needed for BullMQ to honour the manual rate limit on 429. */
const RATE_LIMIT_MAX = 10_000;

export async function startScanWorker(options: ScanWorkerOptions): Promise<ScanWorker> {
  const id = options.id ?? `${hostname()}:${process.pid}`;
  const { target, credentials } = options;
  // One connection pool for all of the worker's jobs; each request still names its own run's timeout.
  const own = options.inner ? undefined : new UndiciRequestClient({ timeoutMs: DEFAULT_TIMEOUT_MS, connections: 256 });
  const sdk: InnerClient = options.inner ?? own!;
  await verifyWorkerCredentials(credentials, sdk, options.baseUrl).catch(async (error: unknown) => {
    await own?.close();
    throw error;
  });
  const redis = openRedis(target);
  const queue = new Queue(QUEUE_NAME, { connection: bullConnection(target), prefix: target.prefix });
  queue.on('error', () => {});
  const settingsByRun = new Map<string, Promise<RunSettings | undefined>>();
  const ownerFacts = new Map();
  const progress = new WorkerProgress(redis, target.prefix, id);
  let stopReason: string | undefined;
  let pausedUntil = 0;

  // 429s slow the whole queue: new jobs wait out Twilio's Retry-After on every worker.
  const inner: InnerClient = {
    async request(opts: RequestOptions): Promise<HttpResponse> {
      const response = await sdk.request(opts);
      if (response.statusCode === 429) {
        const waitMs = requestedWaitMs((name) => response.headers?.[name], Date.now()) ?? 1000;
        if (Date.now() + waitMs > pausedUntil) {
          pausedUntil = Date.now() + waitMs;
          void queue.rateLimit(waitMs).catch(() => {});
        }
      }
      return response;
    },
  };

  const settingsOf = (run: string) => {
    let settings = settingsByRun.get(run);
    if (!settings) {
      settings = redis.get(runKeys(target.prefix, run).settings).then((text) => (text ? (JSON.parse(text) as RunSettings) : undefined));
      settingsByRun.set(run, settings);
      settings.catch(() => settingsByRun.delete(run));
    }
    return settings;
  };

  const stopSelf = (why: string) => {
    if (stopReason) return;
    stopReason = why;
    options.log(why);
    void worker.close();
  };

  const processor = async (job: Job<AccountJobData>): Promise<{ account: string }> => {
    const data = job.data;
    const settings = await settingsOf(data.run);
    if (!settings) throw new UnrecoverableError(`run ${data.run}: its settings are gone from Redis (expired or deleted); start a new scan`);
    const keys = runKeys(target.prefix, data.run);
    if (settings.master !== credentials.accountSid) {
      // Not this worker's organisation: give the job back untouched and stop taking jobs.
      stopSelf(`chaperone worker: run ${data.run} belongs to another Twilio account than this worker's TWILIO_ACCOUNT_SID; stopped (set the run's master credentials)`);
      throw new Error('this worker cannot serve the run (another master account)');
    }
    const counters = progress.run(data.run);
    counters.active++;
    try {
      const outcome = await runAccountJob(data, settings, { credentials, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), inner, worker: id, ownerFacts, onRequest: () => counters.requests++ }, job.attemptsMade);
      if ('checked' in outcome) counters.throttled += outcome.throttled;
      await push(keys.results, outcome);
      counters.done++;
      return { account: data.account };
    } catch (error) {
      const attempts = job.opts.attempts ?? 1;
      if (error instanceof ThrottledError) counters.throttled++;
      if (job.attemptsMade + 1 >= attempts) {
        // The last try: the planner records the account unknown and the run incomplete.
        await push(keys.results, { account: data.account, worker: id, failed: `${attempts} attempts failed, the last: ${describeError(error)}` });
        counters.failed++;
      }
      throw new Error(describeError(error));
    } finally {
      counters.active--;
    }
  };

  const push = async (key: string, outcome: AccountOutcome) => {
    await redis.multi().rpush(key, JSON.stringify(outcome)).expire(key, RUN_KEYS_TTL_S).exec();
  };

  const worker = new Worker<AccountJobData>(QUEUE_NAME, processor, {
    connection: bullConnection(target),
    prefix: target.prefix,
    concurrency: options.jobs,
    lockDuration: options.stallMs,
    stalledInterval: Math.max(1000, Math.round(options.stallMs / 2)),
    maxStalledCount: 2,
    limiter: { max: RATE_LIMIT_MAX, duration: 1000 },
  });
  let lost = false;
  worker.on('error', (error) => {
    if (lost) return;
    lost = true;
    options.log(`chaperone worker: lost Redis at ${target.shown} (${describeError(error)}); reconnecting, jobs resume when it is back`);
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    options.log(`chaperone worker: Redis at ${target.shown} is back`);
  });
  progress.start();

  const stopped = new Promise<string | undefined>((resolve) => worker.once('closed', () => resolve(stopReason)));
  let closing: Promise<void> | undefined;
  return {
    id,
    stopped,
    close: () =>
      (closing ??= (async () => {
        await worker.close();
        await progress.stop();
        await queue.close();
        redis.disconnect();
        await own?.close();
      })()),
  };
}
