import { describe, expect, it } from 'vitest';
import { ClientPool, type HttpResponse, type RequestOptions } from '../src/http/scan-http-client.ts';
import { ReadOnlyViolation } from '../src/http/sanitize.ts';

type Answer = HttpResponse | Error;

/** An inner client that answers from a script and records what it was asked. */
function scripted(answers: Answer[], delayMs = 0) {
  const calls: RequestOptions[] = [];
  let active = 0;
  let maxActive = 0;
  return {
    calls,
    get maxActive() {
      return maxActive;
    },
    async request(opts: RequestOptions): Promise<HttpResponse> {
      calls.push(opts);
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        const next = answers.length > 1 ? answers.shift()! : answers[0]!;
        if (next instanceof Error) throw next;
        return next;
      } finally {
        active--;
      }
    },
  };
}

const ok: HttpResponse = { statusCode: 200, body: { ok: true }, headers: {} };
const sleeps: number[] = [];
const fastSleep = async (ms: number) => void sleeps.push(ms);

function pool(inner: ReturnType<typeof scripted>, extra: Partial<ConstructorParameters<typeof ClientPool>[0]> = {}) {
  return new ClientPool({ perAccountConcurrency: 2, totalConcurrency: 10, timeoutMs: 1234, inner, sleep: fastSleep, random: () => 0.5, ...extra });
}

describe('ScanHttpClient', () => {
  it('refuses every method but GET before any I/O', async () => {
    const inner = scripted([ok]);
    const client = pool(inner).forAccount();
    for (const method of ['post', 'put', 'delete', 'patch'] as const) {
      await expect(client.request({ method, uri: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json' })).rejects.toBeInstanceOf(ReadOnlyViolation);
    }
    expect(inner.calls).toHaveLength(0);
  });

  it('rewrites Twilio URLs onto the base URL and passes the timeout', async () => {
    const inner = scripted([ok]);
    const client = pool(inner, { baseUrl: 'http://127.0.0.1:9999/' }).forAccount();
    await client.request({ method: 'get', uri: 'https://messaging.twilio.com/v1/Services?PageSize=1000' });
    expect(inner.calls[0]!.uri).toBe('http://127.0.0.1:9999/messaging/v1/Services?PageSize=1000');
    expect(inner.calls[0]!.timeout).toBe(1234);
  });

  it('retries 429 honouring Retry-After, and counts throttles and retries', async () => {
    sleeps.length = 0;
    const inner = scripted([{ statusCode: 429, body: {}, headers: { 'retry-after': '3' } }, ok]);
    const p = pool(inner);
    const response = await p.forAccount().request({ method: 'get', uri: 'https://api.twilio.com/x' });
    expect(response.statusCode).toBe(200);
    expect(sleeps).toEqual([3000]);
    expect(p.stats).toMatchObject({ requests: 2, throttled: 1, retries: 1, failures: 0 });
  });

  it('retries 5xx and dropped connections, then gives up after maxRetries', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const inner = scripted([{ statusCode: 503, body: {}, headers: {} }, reset, ok]);
    const p = pool(inner);
    expect((await p.forAccount().request({ method: 'get', uri: 'https://api.twilio.com/x' })).statusCode).toBe(200);
    expect(p.stats.retries).toBe(2);

    const dead = scripted([{ statusCode: 500, body: {}, headers: {} }]);
    const q = pool(dead, { backoff: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    expect((await q.forAccount().request({ method: 'get', uri: 'https://api.twilio.com/x' })).statusCode).toBe(500);
    expect(dead.calls).toHaveLength(3);
    expect(q.stats.failures).toBe(1);
  });

  it('does not retry answers such as 404 or errors such as a bad certificate', async () => {
    const inner = scripted([{ statusCode: 404, body: {}, headers: {} }]);
    const p = pool(inner);
    expect((await p.forAccount().request({ method: 'get', uri: 'https://api.twilio.com/x' })).statusCode).toBe(404);
    expect(inner.calls).toHaveLength(1);
    const tls = scripted([Object.assign(new Error('self signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })]);
    await expect(pool(tls).forAccount().request({ method: 'get', uri: 'https://api.twilio.com/x' })).rejects.toThrow();
    expect(tls.calls).toHaveLength(1);
  });

  it('bounds concurrency per account and in total', async () => {
    const inner = scripted([ok], 5);
    const p = new ClientPool({ perAccountConcurrency: 3, totalConcurrency: 5, timeoutMs: 1000, inner });
    const one = p.forAccount();
    await Promise.all(Array.from({ length: 20 }, () => one.request({ method: 'get', uri: 'https://api.twilio.com/x' })));
    expect(inner.maxActive).toBe(3);

    const wide = scripted([ok], 5);
    const q = new ClientPool({ perAccountConcurrency: 3, totalConcurrency: 5, timeoutMs: 1000, inner: wide });
    const accounts = [q.forAccount(), q.forAccount(), q.forAccount()];
    await Promise.all(accounts.flatMap((a) => Array.from({ length: 10 }, () => a.request({ method: 'get', uri: 'https://api.twilio.com/x' }))));
    expect(wide.maxActive).toBe(5);
  });
});

describe('concurrency adapted to 429s', () => {
  /** Answers 429 (Retry-After 0) to any request beyond `allowed` in flight, like Twilio's concurrency limit. */
  function limitedServer(allowed: number) {
    let active = 0;
    let throttled = 0;
    return {
      get throttled() {
        return throttled;
      },
      async request(): Promise<HttpResponse> {
        active++;
        try {
          if (active > allowed) {
            throttled++;
            return { statusCode: 429, body: {}, headers: { 'retry-after': '0' } };
          }
          await new Promise((r) => setTimeout(r, 5));
          return ok;
        } finally {
          active--;
        }
      },
    };
  }

  it('halves the account concurrency on 429 until the server stops throttling, and every request succeeds', async () => {
    const server = limitedServer(2);
    const p = new ClientPool({ perAccountConcurrency: 25, totalConcurrency: 100, timeoutMs: 1000, inner: server, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))), random: () => 0.5 });
    const client = p.forAccount();
    const answers = await Promise.all(Array.from({ length: 60 }, () => client.request({ method: 'get', uri: 'https://api.twilio.com/x' })));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(p.stats.failures).toBe(0);
    expect(p.stats.concurrencyCuts).toBeGreaterThan(0);
    expect(client.perAccount.limit).toBeLessThanOrEqual(3);
    expect(p.stats.lowestConcurrency).toBeLessThanOrEqual(3);
  });
});
