// Retry policy of the scanner's HTTP client: which outcomes are worth another try and
// how long to wait. Pure, so the policy is unit-tested without a clock.

export interface BackoffPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Base delay of the exponential schedule, ms. */
  baseDelayMs: number;
  /** Cap of any single wait, ms (Retry-After included). */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 20_000 };

/** 429 and every 5xx are transient on Twilio's side; other statuses are answers. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Network errors that mean "the connection went away", not "the request was wrong". */
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

export function isRetryableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /socket hang up|timeout|network error/i.test(message);
}

/** Retry-After in seconds (integer) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = String(raw).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (1-based): exponential with full jitter, but
 * never shorter than what the server asked for in Retry-After.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, retryAfterMs: number | undefined, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(ceiling * (0.5 + random() / 2));
  if (retryAfterMs === undefined) return jittered;
  return Math.min(policy.maxDelayMs, Math.max(retryAfterMs, jittered));
}
