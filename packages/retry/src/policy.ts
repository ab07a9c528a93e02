// The retry policy of every Chaperone HTTP client (the scanner's Twilio client, the
// Segment Public API client): which outcomes are worth another try and how long to wait.
// Pure, so the policy is unit-tested without a clock or a network; the clients own the
// loop, the sleeping and the counting.

export interface BackoffPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Delay ceiling of the first retry, ms; doubles with every further retry. */
  baseDelayMs: number;
  /** Cap of any single wait, ms (server-requested waits included). */
  maxDelayMs: number;
}

/** 429 and every 5xx are transient on the provider's side; other statuses are answers. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Network error codes that mean "the connection went away", not "the request was wrong". */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_BAD_RESPONSE',
  'UND_ERR_SOCKET',
]);

/** A thrown request error worth retrying: a dropped connection or a timeout. */
export function isRetryableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /socket hang up|timeout|network error/i.test(message);
}

/** A header value as clients hand it over: a string, a list of them (Node), or nothing. */
type HeaderValue = unknown;

function headerText(value: HeaderValue): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  return text === '' ? undefined : text;
}

/** Retry-After (RFC 9110): delay-seconds or an HTTP date; ms, undefined when absent or unreadable. */
export function parseRetryAfter(value: HeaderValue, now: number): number | undefined {
  const text = headerText(value);
  if (text === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** RateLimit-Reset (IETF RateLimit header fields draft, sent by Segment): seconds until the window resets; ms. */
export function parseRateLimitReset(value: HeaderValue): number | undefined {
  const text = headerText(value);
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Math.round(Number(text) * 1000);
}

/**
 * How long the server asked the client to wait, ms: Retry-After, else RateLimit-Reset.
 * `header` reads one response header by lower-case name, whatever the client's header type.
 */
export function requestedWaitMs(header: (name: 'retry-after' | 'ratelimit-reset') => HeaderValue, now: number): number | undefined {
  return parseRetryAfter(header('retry-after'), now) ?? parseRateLimitReset(header('ratelimit-reset'));
}

/**
 * Delay before retry number `attempt` (1-based): exponential with jitter (half to all of
 * the ceiling, so clients throttled together do not retry together), never shorter than
 * what the server asked for, never longer than the policy's cap.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, requestedMs: number | undefined, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(ceiling * (0.5 + random() / 2));
  if (requestedMs === undefined) return jittered;
  return Math.min(policy.maxDelayMs, Math.max(requestedMs, jittered));
}
