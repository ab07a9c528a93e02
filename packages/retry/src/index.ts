// @chaperone/retry: the one retry policy of Chaperone's HTTP clients.
export { isRetryableError, isRetryableStatus, parseRateLimitReset, parseRetryAfter, requestedWaitMs, retryDelayMs, type BackoffPolicy } from './policy.ts';
