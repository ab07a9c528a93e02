// `chaperone scan --queue`: the planner. It lists the accounts (as the in-process scan does),
// writes the run's settings beside the queue, enqueues one job per account (job id = run id +
// SID, so a second enqueue of the same account collapses), then drains what the workers hand
// back and settles each account exactly as scanStream does: chaperone.yaml applied here, the
// run-wide findings once every account is in, the same summary. The planner is the ledger's
// only writer: an account's outcome is removed from Redis only after the ledger holds it
// (hooks.durable), and an account is handed over once whatever number of times a job ran,
// so a killed worker or planner leaves no duplicate and no gap. Redis silent for longer
// than `lostAfterMs` stops the planner with one line; the run stays open for --resume.
import { getControl, type Platform } from '@chaperone/controls';
import { Queue } from 'bullmq';
import type { Check, CheckContext } from '../check.ts';
import { twilioChecks } from '../checks/index.ts';
import { discoverAccounts } from '../collect/accounts-discovery.ts';
import { twilioCollectors } from '../collect/index.ts';
import { ConfigApplier, checkContextFrom, emptyConfig } from '../config/index.ts';
import { checkAccount } from '../engine/account.ts';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_TOTAL_CONCURRENCY } from '../engine/defaults.ts';
import { finishRun } from '../engine/finish.ts';
import { runChecks } from '../engine/run-checks.ts';
import type { ScanOptions } from '../engine/scan.ts';
import { scanStream, type AccountFindings, type ResumeState, type StreamHooks } from '../engine/stream.ts';
import { ClientPool } from '../http/scan-http-client.ts';
import { createAccountClient } from '../twilio/client.ts';
import type { Finding, Inventory, InventoryAccount, ScanSummary } from '../types.ts';
import { bullConnection, openRedis, QueueError, reason, withinMs, type QueueTarget } from './connection.ts';
import { jobId, QUEUE_NAME, RUN_KEYS_TTL_S, runKeys } from './keys.ts';
import { etaSeconds, readWorkers, type RunProgress } from './progress.ts';
import { acquireRunLock } from './run-lock.ts';
import type { AccountJobData, AccountOutcome, RunSettings } from './run-settings.ts';

export interface QueuedScan {
  target: QueueTarget;
  runId: string;
  /** Tries per account before it is recorded unknown (default 3). */
  attempts?: number;
  /** Accounts scanned at once across every worker (BullMQ global concurrency; default: each worker's own --jobs). */
  globalJobs?: number;
  /** Redis may be silent this long before the planner gives up (default 30 s). */
  lostAfterMs?: number;
  onProgress?: (progress: RunProgress) => void;
}

export interface QueuedHooks extends StreamHooks {
  /** Makes every batch handed over so far durable (the ledger flushed): called before their outcomes leave Redis. */
  durable?(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_LOST_AFTER_MS = 30_000;
const POLL_MS = 200;
const DRAIN_BATCH = 500;
const FAILED_SWEEP_MS = 2000;

export async function scanQueued(options: ScanOptions, hooks: QueuedHooks, resume: ResumeState | undefined, queued: QueuedScan): Promise<ScanSummary> {
  if (!options.twilio) return scanStream(options, hooks, resume);
  if (options.probeWebhooks) throw new QueueError('--probe-webhooks cannot go with --queue yet: run the probe in a single-process scan');
  const twilio = options.twilio;
  const { target, runId } = queued;
  const lostAfterMs = queued.lostAfterMs ?? DEFAULT_LOST_AFTER_MS;
  const attempts = queued.attempts ?? DEFAULT_ATTEMPTS;
  const keys = runKeys(target.prefix, runId);
  const redis = openRedis(target);
  const lost = () => new QueueError(`lost Redis at ${target.shown} (no answer for ${Math.round(lostAfterMs / 1000)} s); the run stays open: when Redis is back, \`chaperone scan --queue ${target.shown} --resume ${runId}\` continues it`);
  const r = <T>(work: Promise<T>) => withinMs(work, lostAfterMs, lost);
  const lock = await r(acquireRunLock(redis, keys.lock, runId)).catch(async (error: unknown) => {
    redis.disconnect();
    throw error;
  });
  const queue = new Queue<AccountJobData, unknown, 'account'>(QUEUE_NAME, { connection: bullConnection(target), prefix: target.prefix });
  queue.on('error', () => {});
  try {
    return await plan();
  } finally {
    // Redis may be gone: let go of what answers within a second, never hang on it.
    const second = () => new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.race([lock.release(), second()]);
    await Promise.race([queue.close(), second()]);
    redis.disconnect();
  }

  async function plan(): Promise<ScanSummary> {
    const now = options.now ?? (() => new Date());
    const started = now();
    const startedMs = Date.now();
    const config = options.config ?? emptyConfig();
    const totalConcurrency = options.totalConcurrency ?? DEFAULT_TOTAL_CONCURRENCY;
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const pool = new ClientPool({
      ...(twilio.baseUrl ? { baseUrl: twilio.baseUrl } : {}),
      perAccountConcurrency: concurrency,
      totalConcurrency,
      timeoutMs,
      ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.requestClient ? { inner: options.requestClient } : {}),
    });
    const master = createAccountClient({ accountSid: twilio.credentials.accountSid, username: twilio.credentials.username, password: twilio.credentials.password }, pool);
    const discovery = await discoverAccounts(master, twilio.credentials, twilio.accounts);
    // Without the account list there is nothing to spread: the in-process scan stops at once and says why.
    if (discovery.error) return scanStream(options, hooks, resume);

    const context = checkContextFrom(config, started);
    const checks: readonly Check[] = twilio.checks ?? twilioChecks;
    const allChecks: Check[] = [...checks, ...(options.sources ?? []).flatMap((s) => s.checks)];
    const platforms: Platform[] = ['twilio', ...(options.sources ?? []).map((s) => s.platform)];
    const applier = new ConfigApplier(config, started);
    const accounts = discovery.accounts.map((d) => d.account);
    const bySid = new Map(accounts.map((a) => [a.sid, a]));
    const masterInRun = bySid.has(twilio.credentials.accountSid) ? twilio.credentials.accountSid : undefined;
    const accountsSeen: InventoryAccount[] = [...accounts];
    const completeBySid = new Map<string, boolean>();
    const errors: string[] = [];
    const nonPassByControl = new Map<string, number>();
    const totals = { requests: 0, throttled: 0, retries: 0 };
    const countNonPass = (findings: readonly Finding[]) => {
      for (const f of findings) if (f.status !== 'pass') nonPassByControl.set(f.control, (nonPassByControl.get(f.control) ?? 0) + 1);
    };
    const hand = async (batch: AccountFindings) => {
      completeBySid.set(batch.account, batch.complete);
      await hooks.onFindings(batch);
    };

    const settings: RunSettings = {
      run: runId,
      master: twilio.credentials.accountSid,
      started: started.toISOString(),
      context: (({ now: _now, ...rest }: CheckContext) => rest)(context),
      concurrency,
      timeoutMs,
      ...(options.deadlineMs !== undefined ? { deadlineAt: startedMs + options.deadlineMs } : {}),
      attempts,
    };
    await r(redis.set(keys.settings, JSON.stringify(settings), 'EX', RUN_KEYS_TTL_S));
    // The cap is the queue's, not the run's: a run without --queue-jobs lifts a cap an earlier run set.
    await r(queued.globalJobs !== undefined ? queue.setGlobalConcurrency(queued.globalJobs) : queue.removeGlobalConcurrency());

    // Segment (one workspace) is scanned here, beside the queue, as the in-process scan does.
    const sources = Promise.all(
      (options.sources ?? []).map(async (source) => {
        const result = await source.collect();
        accountsSeen.push(...result.inventory.accounts);
        errors.push(...result.errors);
        totals.requests += result.stats?.requests ?? 0;
        totals.throttled += result.stats?.throttled ?? 0;
        totals.retries += result.stats?.retries ?? 0;
        const restored = result.inventory.accounts.filter((a) => resume?.accounts.has(a.sid));
        for (const a of restored) await restore(a.sid);
        if (restored.length > 0) return;
        const checked = checkAccount(result.inventory, source.checks, context);
        countNonPass(checked);
        const settled = applier.apply(checked);
        for (const a of result.inventory.accounts) {
          await hand({ platform: a.platform, account: a.sid, findings: settled.filter((f) => f.account === a.sid), complete: !result.inventory.collections.some((c) => c.account === a.sid && !c.ok) });
        }
      }),
    );

    async function restore(sid: string): Promise<void> {
      const done = resume!.accounts.get(sid)!;
      countNonPass(done.findings);
      await hand({ platform: done.platform, account: sid, findings: applier.restore(done.findings), complete: done.complete, resumed: true });
    }

    const pending = new Set<string>();
    for (const a of accounts) {
      if (resume?.accounts.has(a.sid)) await restore(a.sid);
      else pending.add(a.sid);
    }

    const settleOutcome = async (outcome: AccountOutcome) => {
      if (!pending.delete(outcome.account)) return; // a second run of the same job: the first outcome stands
      const account = bySid.get(outcome.account)!;
      let checked: Finding[];
      let complete: boolean;
      if ('failed' in outcome) {
        checked = failedAccountFindings(account, checks, context, outcome.failed);
        complete = false;
        errors.push(`${outcome.account}: ${outcome.failed}`);
      } else {
        checked = outcome.checked.map((f) => ({ ...f, remediation: getControl(f.control).remediation }));
        complete = outcome.complete;
        errors.push(...outcome.errors);
        totals.requests += outcome.requests;
        totals.throttled += outcome.throttled;
        totals.retries += outcome.retries;
      }
      countNonPass(checked);
      await hand({ platform: 'twilio', account: outcome.account, findings: applier.apply(checked), complete });
    };

    const drain = async (): Promise<void> => {
      for (;;) {
        const texts = await r(redis.lrange(keys.results, 0, DRAIN_BATCH - 1));
        if (texts.length === 0) return;
        for (const text of texts) await settleOutcome(JSON.parse(text) as AccountOutcome);
        await hooks.durable?.();
        await r(redis.ltrim(keys.results, texts.length, -1));
      }
    };

    // Jobs that BullMQ failed for good without a worker saying so (stalled too often): unknown.
    const sweepFailed = async (): Promise<void> => {
      const failed = await r(queue.getJobs(['failed'], 0, 999));
      const ours = failed.filter((job) => job?.data?.run === runId);
      for (const job of ours) if (pending.has(job.data.account)) await settleOutcome({ account: job.data.account, worker: 'queue', failed: `failed for good: ${job.failedReason || 'stalled'}` });
      if (ours.length === 0) return;
      await hooks.durable?.();
      for (const job of ours) await r(job.remove().catch(() => undefined));
    };

    const progressNow = async (state: RunProgress['state']): Promise<RunProgress> => {
      const workers = await r(readWorkers(redis, target.prefix, runId));
      const total = accounts.length;
      const done = total - pending.size;
      const live = workers.reduce((sum, w) => ({ requests: sum.requests + w.requests, throttled: sum.throttled + w.throttled }), { requests: 0, throttled: 0 });
      const eta = etaSeconds(done, total, startedMs, Date.now());
      const progress: RunProgress = {
        run: runId,
        state,
        accountsDone: done,
        accountsTotal: total,
        requests: pool.stats.requests + Math.max(totals.requests, live.requests),
        throttled: pool.stats.throttled + Math.max(totals.throttled, live.throttled),
        ...(eta !== undefined ? { etaSeconds: eta } : {}),
        workers,
        updated: new Date().toISOString(),
      };
      await r(redis.set(keys.progress, JSON.stringify(progress), 'EX', RUN_KEYS_TTL_S));
      queued.onProgress?.(progress);
      return progress;
    };

    // What a killed planner left in Redis first, then the jobs not yet settled.
    await drain();
    const jobs = [...pending].map((sid) => ({
      name: 'account' as const,
      data: { run: runId, account: sid, ...(masterInRun ? { owner: masterInRun } : {}) },
      opts: { jobId: jobId(runId, sid), attempts, backoff: { type: 'exponential' as const, delay: 1000 }, removeOnComplete: true, removeOnFail: false },
    }));
    for (let i = 0; i < jobs.length; i += 1000) await r(queue.addBulk(jobs.slice(i, i + 1000)));

    let lastSweep = 0;
    let lastProgress = 0;
    while (pending.size > 0) {
      if (lock.lost()) throw new QueueError(`run ${runId}: another planner took the run over (this one lost Redis past its lock); stopped, nothing more recorded here`);
      await drain();
      if (Date.now() - lastSweep >= FAILED_SWEEP_MS) {
        lastSweep = Date.now();
        await sweepFailed();
      }
      if (Date.now() - lastProgress >= 500) {
        lastProgress = Date.now();
        await progressNow('running');
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await sources;
    await progressNow('finished');
    await r(redis.del(keys.results, keys.settings));

    const stats = { requests: pool.stats.requests + totals.requests, throttled: pool.stats.throttled + totals.throttled, retries: pool.stats.retries + totals.retries };
    return finishRun({ accountsSeen, completeBySid, nonPassByControl, errors, stats, started, now }, applier, allChecks, platforms, hooks);
  }
}

/** An account whose every try failed: every kind not collected, so every check of it is unknown (never a pass). */
function failedAccountFindings(account: InventoryAccount, checks: readonly Check[], context: CheckContext, why: string): Finding[] {
  const error = `not collected: ${why}`;
  const collections: Inventory['collections'] = [{ platform: 'twilio', account: account.sid, kind: 'api.account', ok: true }];
  for (const c of twilioCollectors) for (const kind of c.kinds) collections.push({ platform: 'twilio', account: account.sid, kind, ok: false, error });
  return runChecks({ accounts: [account], resources: [], collections }, checks, context);
}

export { reason as queueErrorReason };
