// A small, read-only fetch client for the Segment Public API.
//
// Why not `@segment/public-api-sdk-typescript`: its last npm release (47.0.0) lags the API
// by dozens of versions and is built on `request`, which is deprecated and unmaintained.
// Types here follow the current SDK models instead (./types.ts).
//
// Guarantees the scanner relies on: only GET leaves this client; no path containing a
// `sample-values` segment is ever requested (those endpoints return real property and
// trait values, which may be PHI); the token never appears in an error or log line.
import { isRetryableStatus, requestedWaitMs, retryDelayMs, type BackoffPolicy } from '@chaperone/retry';
import { SegmentApiError, SegmentGuardError, sanitizeLine } from './errors.ts';
import { isSampleValuesPath } from './path-guard.ts';
import type { ApiVersion, PaginationOutput } from './types.ts';

export const SEGMENT_BASE_URLS = {
  us: 'https://api.segmentapis.com',
  eu: 'https://eu1.api.segmentapis.com',
} as const;

export type SegmentRegion = keyof typeof SEGMENT_BASE_URLS;

export interface SegmentClientOptions {
  /** Public API token; defaults to SEGMENT_PUBLIC_API_TOKEN. */
  token?: string;
  region?: SegmentRegion;
  /** Overrides the region (e.g. the twin: `{twinBase}/segment`); defaults to SEGMENT_API_BASE_URL. */
  baseUrl?: string;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries of 429 and 5xx responses and network errors (default 4). */
  maxRetries?: number;
  /** Requests in flight at once across every caller of this client (default 4). */
  maxInFlight?: number;
  /** Page size for list endpoints, 1–1000 (default 200). */
  pageSize?: number;
  /** Upper bound of a single backoff wait in ms (default 60 000). */
  maxBackoffMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  env?: Record<string, string | undefined>;
}

export interface ClientStats {
  requests: number;
  throttled: number;
  retries: number;
}

export interface GetOptions {
  version?: ApiVersion;
  query?: Record<string, string | number | undefined>;
}

/** An error type as the Public API names them (`unauthorized`, `not-found`): a code, not prose. */
const ERROR_TYPE = /^[a-z][a-z0-9_-]{0,39}$/i;

/** What the user can do about a refused request, by status. */
function fixFor(status: number, retries: number): string {
  if (status === 401) return 'the token was refused; set SEGMENT_PUBLIC_API_TOKEN to a valid Public API token (Settings > Access Management)';
  if (status === 403) return 'the token may not read this, or the plan lacks the feature; grant it workspace read access (Settings > Access Management)';
  if (status === 404) return 'not found in the token\'s workspace; check the region (an EU workspace needs region eu or SEGMENT_API_BASE_URL)';
  if (status === 429) return `still rate-limited after ${retries} retries; run again later or lower the concurrency`;
  if (status >= 500) return `Segment's API kept failing after ${retries} retries; run again later`;
  return 'the API refused the request; run again, and report this line if it persists';
}

/** Segment rate-limits per token over a window: start at half a second, wait up to a minute. */
const SEGMENT_BACKOFF: BackoffPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 60_000 };

export class SegmentClient {
  readonly baseUrl: string;
  readonly stats: ClientStats = { requests: 0, throttled: 0, retries: 0 };
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly pageSize: number;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private maxInFlight: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: SegmentClientOptions = {}) {
    const env = options.env ?? process.env;
    const token = options.token ?? env.SEGMENT_PUBLIC_API_TOKEN;
    if (!token) {
      throw new SegmentGuardError('SEGMENT_PUBLIC_API_TOKEN is not set; fix: create a read-only Public API token (Settings > Access Management > Tokens) and export it');
    }
    this.token = token;
    const region = options.region ?? 'us';
    if (!(region in SEGMENT_BASE_URLS)) throw new SegmentGuardError(`region "${String(region)}" is unknown; fix: use "us" or "eu"`);
    const base = options.baseUrl ?? env.SEGMENT_API_BASE_URL ?? SEGMENT_BASE_URLS[region];
    try {
      new URL(base);
    } catch {
      throw new SegmentGuardError('SEGMENT_API_BASE_URL is not a URL; fix: use e.g. https://api.segmentapis.com');
    }
    this.baseUrl = base.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.backoff = {
      ...SEGMENT_BACKOFF,
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.maxBackoffMs !== undefined ? { maxDelayMs: options.maxBackoffMs } : {}),
    };
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 4);
    this.pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 200));
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Fetches one resource and returns the `data` member of the envelope. */
  async get<T>(path: string, options: GetOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  /** Follows `pagination.next` cursors and concatenates `data[listKey]` of every page. */
  async list<T>(path: string, listKey: string, options: GetOptions = {}): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const query = { ...options.query, 'pagination.count': this.pageSize, 'pagination.cursor': cursor };
      const data = await this.request<Record<string, unknown>>('GET', path, { ...options, query });
      const page = data[listKey];
      if (!Array.isArray(page)) {
        throw new SegmentApiError(`Segment API GET ${path}: response has no "${listKey}" list`, 200, 'unexpected-shape');
      }
      items.push(...(page as T[]));
      const next = (data.pagination as PaginationOutput | undefined)?.next;
      if (!next) return items;
      if (seen.has(next)) throw new SegmentApiError(`Segment API GET ${path}: pagination cursor repeated`, 200, 'pagination-loop');
      seen.add(next);
      cursor = next;
    }
  }

  /**
   * The one door to the network. Public so tests can prove the guards: any method but
   * GET, and any sample-values path, is refused before a byte leaves.
   */
  async request<T>(method: string, path: string, options: GetOptions = {}): Promise<T> {
    if (method.toUpperCase() !== 'GET') {
      throw new SegmentGuardError(`refused ${method.toUpperCase()} ${path}: the Segment client is read-only`);
    }
    // Judged on the caller's path and again on the URL actually requested (after the URL
    // parser's own dot-segment resolution), each normalised by isSampleValuesPath.
    const url = new URL(this.baseUrl + (path.startsWith('/') ? path : `/${path}`));
    if (isSampleValuesPath(path) || isSampleValuesPath(url.pathname)) {
      throw new SegmentGuardError(`refused GET ${path}: sample-values endpoints return real values that may be PHI (or the path could not be decoded)`);
    }
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const accept = `application/vnd.segment.${options.version ?? 'v1'}+json`;
    for (let attempt = 0; ; attempt += 1) {
      this.stats.requests += 1;
      let response: Response;
      try {
        response = await this.withSlot(() =>
          this.fetchFn(url, {
            method: 'GET',
            headers: { Authorization: `Bearer ${this.token}`, Accept: accept },
            signal: AbortSignal.timeout(this.timeoutMs),
          }),
        );
      } catch (error) {
        const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${this.timeoutMs} ms` : 'network error';
        // Whatever fetch throws (reset, refused, DNS, our own timeout) is the network, not the request.
        if (attempt < this.backoff.maxRetries) {
          this.stats.retries += 1;
          await this.sleep(retryDelayMs(attempt + 1, this.backoff, undefined, Math.random));
          continue;
        }
        throw new SegmentApiError(this.line(`Segment API GET ${path}: ${reason} after ${attempt} retries; check the network (or SEGMENT_API_BASE_URL) and run again`), undefined, 'network');
      }
      if (response.ok) {
        const body = (await response.json().catch(() => undefined)) as { data?: T } | undefined;
        if (!body || typeof body !== 'object' || !('data' in body)) {
          throw new SegmentApiError(`Segment API GET ${path}: response has no "data" envelope`, response.status, 'unexpected-shape');
        }
        return body.data as T;
      }
      if (response.status === 429) {
        this.stats.throttled += 1;
        // Additive decrease: a throttled client sends fewer requests at once from now on.
        this.maxInFlight = Math.max(1, this.maxInFlight - 1);
      }
      if (isRetryableStatus(response.status) && attempt < this.backoff.maxRetries) {
        this.stats.retries += 1;
        await response.body?.cancel().catch(() => undefined);
        const requested = requestedWaitMs((name) => response.headers.get(name) ?? undefined, Date.now());
        await this.sleep(retryDelayMs(attempt + 1, this.backoff, requested, Math.random));
        continue;
      }
      throw await this.apiError(path, response);
    }
  }

  /** Bounds requests in flight: the API rate-limits per token, however many callers share it. */
  private async withSlot<T>(job: () => Promise<T>): Promise<T> {
    // Re-checked after every wake-up: the limit shrinks when the API throttles.
    while (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight += 1;
    try {
      return await job();
    } finally {
      this.inFlight -= 1;
      this.waiting.shift()?.();
    }
  }

  private async apiError(path: string, response: Response): Promise<SegmentApiError> {
    const body = (await response.json().catch(() => undefined)) as { errors?: { type?: unknown }[] } | undefined;
    // Only the error's type code is kept: the server's message may quote what was sent or
    // stored (names, values), so it is never echoed. The fix comes from the status instead.
    const code = body?.errors?.[0]?.type;
    const type = typeof code === 'string' && ERROR_TYPE.test(code) ? code : 'http';
    const line = `Segment API GET ${path}: HTTP ${response.status} ${type}: ${fixFor(response.status, this.backoff.maxRetries)}`;
    return new SegmentApiError(this.line(line), response.status, type);
  }

  private line(text: string): string {
    return sanitizeLine(text, [this.token]);
  }
}
