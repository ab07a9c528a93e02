// The `httpClient` the twilio SDK is given for every scan request. It wraps an inner
// client that sends (UndiciRequestClient: the HTTP and auth headers) and adds what the scanner
// needs around it: GET only, the base-URL rewrite onto the twin, bounded concurrency
// per account and in total, retries with backoff on 429 / 5xx / dropped connections
// honouring Retry-After, a timeout per attempt, and counters for the summary.
import type twilio from 'twilio';
import { rewriteTwilioUrl } from '@chaperone/twin/base-url';
import { isRetryableError, isRetryableStatus, requestedWaitMs, retryDelayMs, type BackoffPolicy } from '@chaperone/retry';

/** The scanner's schedule: Twilio answers fast, so start small; a scan should not stall for minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 20_000 };
import { Limiter } from './limiter.ts';
import { AdaptiveLimit } from './adaptive-limit.ts';
import { UndiciRequestClient } from './undici-request-client.ts';
import { describeEndpoint, ReadOnlyViolation, RequestNotSent } from './sanitize.ts';
import { DEFAULT_BREAKER, HostBreaker, isTimeout, type BreakerOptions } from './breaker.ts';
import { DeadlinePassed, RunDeadline } from './deadline.ts';

type RequestClient = InstanceType<typeof twilio.RequestClient>;
export type RequestOptions = Parameters<RequestClient['request']>[0];
export interface HttpResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, unknown>;
}

/** What the scanner needs of the HTTP client under it: the SDK's RequestClient interface, UndiciRequestClient in production. */
export interface InnerClient {
  request(opts: RequestOptions): Promise<HttpResponse>;
}

export interface HttpStats {
  requests: number;
  throttled: number;
  retries: number;
  /** Requests that failed for good (after retries). */
  failures: number;
  /** Times an account's concurrency was halved after a 429, and the lowest it reached. */
  concurrencyCuts: number;
  lowestConcurrency: number;
}

export function newStats(): HttpStats {
  return { requests: 0, throttled: 0, retries: 0, failures: 0, concurrencyCuts: 0, lowestConcurrency: Number.POSITIVE_INFINITY };
}

export interface ClientPoolOptions {
  /** `CHAPERONE_TWILIO_BASE_URL`: send `https://{sub}.twilio.com{path}` to `{base}/{sub}{path}`. */
  baseUrl?: string;
  /** Concurrent requests per account (Twilio's limits are per account). */
  perAccountConcurrency: number;
  /** Concurrent requests of the whole scan (sockets, CPU). */
  totalConcurrency: number;
  timeoutMs: number;
  backoff?: BackoffPolicy;
  /** When a host that stops answering is given up on (default: 3 timeouts in a row, for 60 s). */
  breaker?: BreakerOptions;
  /** `--deadline`: ms for the whole run, from the pool's creation. */
  deadlineMs?: number;
  /** Test seams. */
  inner?: InnerClient;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRequest?: () => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Shared state of one scan: the inner client, the global limiter, the counters. */
export class ClientPool {
  readonly stats: HttpStats = newStats();
  readonly breaker: HostBreaker;
  readonly deadline: RunDeadline | undefined;
  readonly #inner: InnerClient;
  readonly #global: Limiter;
  /** How many account clients were handed out: each one's place in the global queue. */
  #accounts = 0;

  constructor(readonly options: ClientPoolOptions) {
    this.#global = new Limiter(options.totalConcurrency);
    this.breaker = new HostBreaker(options.breaker ?? DEFAULT_BREAKER);
    this.deadline = options.deadlineMs === undefined ? undefined : new RunDeadline(options.deadlineMs);
    this.#inner = options.inner ?? new UndiciRequestClient({ timeoutMs: options.timeoutMs, connections: options.totalConcurrency });
  }

  /**
   * A client for one account: its own per-account limiter (adapted to 429s), the pool's
   * everything else. The global limiter serves accounts in the order their clients were made
   * (see Limiter), so an account started earlier finishes first and the memory of
   * half-collected accounts stays small.
   */
  forAccount(): ScanHttpClient {
    const perAccount = new Limiter(this.options.perAccountConcurrency);
    const adaptive = new AdaptiveLimit({ max: this.options.perAccountConcurrency }, (limit) => {
      perAccount.setLimit(limit);
      if (limit < this.stats.lowestConcurrency) this.stats.lowestConcurrency = limit;
    });
    return new ScanHttpClient(this, this.#inner, this.#global, perAccount, adaptive, this.#accounts++);
  }
}

export class ScanHttpClient {
  constructor(
    readonly pool: ClientPool,
    readonly inner: InnerClient,
    readonly global: Limiter,
    readonly perAccount: Limiter,
    readonly adaptive?: AdaptiveLimit,
    /** The account's place in the global queue: lower is served first. */
    readonly priority = 0,
  ) {}

  async request(opts: RequestOptions): Promise<HttpResponse> {
    const method = String(opts.method ?? '').toLowerCase();
    const uri = this.pool.options.baseUrl ? rewriteTwilioUrl(opts.uri, this.pool.options.baseUrl) : opts.uri;
    if (method !== 'get') throw new ReadOnlyViolation(method || '(none)', describeEndpoint(opts.uri));
    const { backoff = DEFAULT_BACKOFF, sleep = realSleep, random = Math.random, timeoutMs } = this.pool.options;
    const { stats, breaker, deadline } = this.pool;
    const host = hostOf(opts.uri);
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        let sentIn = 0;
        let response: HttpResponse;
        // The two limits taken and given back by hand, not through Limiter.run: this runs per request.
        const accountSlot = this.perAccount.acquire();
        if (accountSlot) await accountSlot;
        try {
          const globalSlot = this.global.acquire(this.priority);
          if (globalSlot) await globalSlot;
          try {
            // Checked once a slot is free: a request may have queued for a while.
            deadline?.check();
            breaker.admit(host);
            stats.requests++;
            sentIn = this.adaptive?.generation ?? 0;
            this.pool.options.onRequest?.();
            const timeout = deadline ? Math.max(1, Math.min(timeoutMs, deadline.remainingMs)) : timeoutMs;
            const sent = this.inner.request({ ...opts, uri, timeout });
            try {
              response = await (deadline ? deadline.race(sent) : sent);
              breaker.answered(host);
            } catch (error) {
              if (isTimeout(error)) breaker.timedOut(host);
              throw error;
            }
          } finally {
            this.global.release();
          }
        } finally {
          this.perAccount.release();
        }
        if (response.statusCode === 429) {
          stats.throttled++;
          if (this.adaptive?.throttled(sentIn)) stats.concurrencyCuts++;
        } else {
          this.adaptive?.answered();
        }
        if (!isRetryableStatus(response.statusCode) || attempt >= backoff.maxRetries) {
          if (response.statusCode >= 400) stats.failures++;
          return response;
        }
        retryAfterMs = requestedWaitMs((name) => response.headers?.[name], Date.now());
      } catch (error) {
        if (error instanceof RequestNotSent || !isRetryableError(error) || attempt >= backoff.maxRetries) {
          stats.failures++;
          throw error;
        }
      }
      stats.retries++;
      const wait = retryDelayMs(attempt + 1, backoff, retryAfterMs, random);
      if (deadline && wait >= deadline.remainingMs) {
        // The retry would start after the deadline: give up now rather than sleep into it.
        stats.failures++;
        throw new DeadlinePassed(deadline.durationMs);
      }
      await sleep(wait);
    }
  }
}

/** The Twilio host a request is for (before any base-URL rewrite): the breaker's unit. */
function hostOf(uri: string): string {
  try {
    return new URL(uri).hostname;
  } catch {
    return uri;
  }
}
