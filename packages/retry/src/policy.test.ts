import { describe, expect, it } from 'vitest';
import { isRetryableError, isRetryableStatus, parseRateLimitReset, parseRetryAfter, requestedWaitMs, retryDelayMs, type BackoffPolicy } from './index.ts';

const POLICY: BackoffPolicy = { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 20_000 };

describe('retryable outcomes', () => {
  it('retries 429 and 5xx, answers everything else', () => {
    expect([429, 500, 502, 503, 599].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([200, 400, 401, 403, 404, 409, 600].map(isRetryableStatus)).toEqual([false, false, false, false, false, false, false]);
  });

  it('treats connection drops and timeouts as retryable, bad requests not', () => {
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('timeout of 10ms exceeded'), { code: 'ECONNABORTED' }))).toBe(true);
    expect(isRetryableError(new Error('socket hang up'))).toBe(true);
    expect(isRetryableError(new Error('bad input'))).toBe(false);
    expect(isRetryableError(null)).toBe(false);
  });
});

describe('server-requested waits', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(['1.5'], 0)).toBe(1500);
    expect(parseRetryAfter(' 3 ', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(new Date(1_000).toUTCString(), 4_000)).toBe(0);
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('', 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });

  it('reads RateLimit-Reset as seconds', () => {
    expect(parseRateLimitReset('2')).toBe(2000);
    expect(parseRateLimitReset('0')).toBe(0);
    expect(parseRateLimitReset('')).toBeUndefined();
    expect(parseRateLimitReset('-1')).toBeUndefined();
    expect(parseRateLimitReset('tomorrow')).toBeUndefined();
  });

  it('prefers Retry-After, falls back to RateLimit-Reset, else nothing', () => {
    const headers = (h: Record<string, string>) => (name: string) => h[name];
    expect(requestedWaitMs(headers({ 'retry-after': '3', 'ratelimit-reset': '9' }), 0)).toBe(3000);
    expect(requestedWaitMs(headers({ 'retry-after': 'garbage', 'ratelimit-reset': '2' }), 0)).toBe(2000);
    expect(requestedWaitMs(headers({}), 0)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  it('grows exponentially with jitter between half and all of the ceiling', () => {
    const d1 = retryDelayMs(1, POLICY, undefined, () => 0);
    const d3 = retryDelayMs(3, POLICY, undefined, () => 0);
    expect(d1).toBe(100);
    expect(d3).toBe(4 * d1);
    expect(retryDelayMs(1, POLICY, undefined, () => 1)).toBe(200);
  });

  it('never waits less than the server asked, nor more than the cap', () => {
    expect(retryDelayMs(1, POLICY, 5000, () => 1)).toBe(5000);
    expect(retryDelayMs(5, POLICY, 0, () => 0)).toBe(1600);
    expect(retryDelayMs(1, POLICY, 90_000, () => 0)).toBe(POLICY.maxDelayMs);
    expect(retryDelayMs(30, POLICY, undefined, () => 1)).toBe(POLICY.maxDelayMs);
  });
});
