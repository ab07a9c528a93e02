// The breaker and the deadline: a host that stops answering, or a run past its deadline,
// fails requests at once (their collections turn `unknown`) instead of waiting out timeouts.
import { describe, expect, it } from 'vitest';
import { HostBreaker, HostUnresponsive } from '../src/http/breaker.ts';
import { DeadlinePassed } from '../src/http/deadline.ts';
import { ClientPool, type HttpResponse, type RequestOptions } from '../src/http/scan-http-client.ts';
import { describeError } from '../src/http/sanitize.ts';

const timeout = () => Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' });
const ok: HttpResponse = { statusCode: 200, body: {}, headers: {} };

/** An inner client whose hosts named in `dead` time out; the rest answer 200. */
function hosts(dead: Set<string>) {
  const calls: string[] = [];
  return {
    calls,
    async request(opts: RequestOptions): Promise<HttpResponse> {
      const host = new URL(opts.uri).hostname;
      calls.push(host);
      if (dead.has(host)) throw timeout();
      return ok;
    },
  };
}

const get = (uri: string): RequestOptions => ({ method: 'get', uri }) as RequestOptions;
const noSleep = async () => undefined;

describe('HostBreaker', () => {
  it('opens after the threshold of timeouts in a row, lets one trial through after the cooldown, closes on an answer', () => {
    let now = 0;
    const breaker = new HostBreaker({ threshold: 2, cooldownMs: 1000, now: () => now });
    breaker.timedOut('studio.twilio.com');
    expect(() => breaker.admit('studio.twilio.com')).not.toThrow();
    breaker.timedOut('studio.twilio.com');
    expect(() => breaker.admit('studio.twilio.com')).toThrow(HostUnresponsive);
    expect(() => breaker.admit('api.twilio.com')).not.toThrow();
    now = 1000;
    expect(() => breaker.admit('studio.twilio.com')).not.toThrow();
    // While the trial is out, nothing else goes.
    expect(() => breaker.admit('studio.twilio.com')).toThrow(HostUnresponsive);
    breaker.answered('studio.twilio.com');
    expect(() => breaker.admit('studio.twilio.com')).not.toThrow();
    expect(breaker.unresponsiveHosts).toEqual([]);
  });

  it('an answer between timeouts resets the count', () => {
    const breaker = new HostBreaker({ threshold: 2, cooldownMs: 1000, now: () => 0 });
    breaker.timedOut('api.twilio.com');
    breaker.answered('api.twilio.com');
    breaker.timedOut('api.twilio.com');
    expect(() => breaker.admit('api.twilio.com')).not.toThrow();
  });
});

describe('ClientPool stop conditions', () => {
  it('stops sending to a host that keeps timing out, and only to that host', async () => {
    const inner = hosts(new Set(['studio.twilio.com']));
    const pool = new ClientPool({ perAccountConcurrency: 1, totalConcurrency: 1, timeoutMs: 1000, inner, sleep: noSleep, breaker: { threshold: 3, cooldownMs: 60_000 } });
    const client = pool.forAccount();
    const errors: unknown[] = [];
    for (let i = 0; i < 5; i++) await client.request(get(`https://studio.twilio.com/v2/Flows?i=${i}`)).catch((e: unknown) => errors.push(e));
    // Three attempts time out (the first request and its retries); every later one fails unsent.
    expect(inner.calls.filter((h) => h === 'studio.twilio.com')).toHaveLength(3);
    expect(errors).toHaveLength(5);
    expect(errors.slice(1).every((e) => e instanceof HostUnresponsive)).toBe(true);
    expect(describeError(errors[4])).toMatch(/^studio\.twilio\.com stopped answering \(3 requests in a row timed out\)/);
    await expect(client.request(get('https://api.twilio.com/2010-04-01/Accounts.json'))).resolves.toEqual(ok);
  });

  it('past the deadline nothing is sent, and a request in flight is cut short', async () => {
    const never = { calls: 0, request: () => (never.calls++, new Promise<HttpResponse>(() => undefined)) };
    const pool = new ClientPool({ perAccountConcurrency: 2, totalConcurrency: 2, timeoutMs: 60_000, inner: never, sleep: noSleep, deadlineMs: 50 });
    const client = pool.forAccount();
    await expect(client.request(get('https://api.twilio.com/2010-04-01/Accounts.json'))).rejects.toBeInstanceOf(DeadlinePassed);
    await expect(client.request(get('https://api.twilio.com/2010-04-01/Accounts.json'))).rejects.toBeInstanceOf(DeadlinePassed);
    expect(never.calls).toBe(1);
    expect(pool.stats.failures).toBe(2);
  });

  it('the per-request timeout shrinks to what is left of the deadline', async () => {
    const seen: number[] = [];
    const inner = { request: async (opts: RequestOptions) => (seen.push(Number(opts.timeout)), ok) };
    const pool = new ClientPool({ perAccountConcurrency: 1, totalConcurrency: 1, timeoutMs: 30_000, inner, sleep: noSleep, deadlineMs: 5_000 });
    await pool.forAccount().request(get('https://api.twilio.com/x'));
    expect(seen[0]).toBeLessThanOrEqual(5_000);
    expect(seen[0]).toBeGreaterThan(4_000);
  });
});
