import { describe, expect, it } from 'vitest';
import { SegmentClient, SegmentGuardError, SegmentApiError } from './index.ts';

const TOKEN = 'sgp_SEEDEDsecretTOKEN0123456789';

interface Call {
  url: URL;
  headers: Record<string, string>;
  method: string;
}

function fakeFetch(responder: (url: URL, n: number) => Response): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, headers: init?.headers as Record<string, string>, method: init?.method ?? 'GET' });
    return responder(url, calls.length);
  }) as typeof fetch;
  return { fetch: fn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function client(fetchFn: typeof fetch, extra: Partial<ConstructorParameters<typeof SegmentClient>[0]> = {}) {
  const sleeps: number[] = [];
  const c = new SegmentClient({ token: TOKEN, fetch: fetchFn, sleep: async (ms) => void sleeps.push(ms), env: {}, ...extra });
  return { c, sleeps };
}

describe('SegmentClient', () => {
  it('sends the bearer token and the per-endpoint Accept version, and unwraps data', async () => {
    const f = fakeFetch(() => json(200, { data: { workspace: { id: 'ws1', slug: 's', name: 'n' } } }));
    const { c } = client(f.fetch);
    expect(await c.get('/', { version: 'v1' })).toEqual({ workspace: { id: 'ws1', slug: 's', name: 'n' } });
    await c.get('/reverse-etl-models', { version: 'v1alpha' });
    expect(f.calls[0]!.url.origin).toBe('https://api.segmentapis.com');
    expect(f.calls[0]!.headers.Authorization).toBe(`Bearer ${TOKEN}`);
    expect(f.calls[0]!.headers.Accept).toBe('application/vnd.segment.v1+json');
    expect(f.calls[1]!.headers.Accept).toBe('application/vnd.segment.v1alpha+json');
  });

  it('uses the EU base URL, or an explicit base URL', async () => {
    const f = fakeFetch(() => json(200, { data: {} }));
    await client(f.fetch, { region: 'eu' }).c.get('/');
    await client(f.fetch, { baseUrl: 'http://127.0.0.1:9/segment/' }).c.get('/sources');
    expect(f.calls[0]!.url.origin).toBe('https://eu1.api.segmentapis.com');
    expect(f.calls[1]!.url.href).toBe('http://127.0.0.1:9/segment/sources');
  });

  it('follows pagination cursors', async () => {
    const f = fakeFetch((url) => {
      const cursor = url.searchParams.get('pagination.cursor');
      if (!cursor) return json(200, { data: { sources: [{ id: 'a' }], pagination: { current: 'MA==', next: 'c2' } } });
      return json(200, { data: { sources: [{ id: 'b' }], pagination: { current: 'c2' } } });
    });
    const { c } = client(f.fetch, { pageSize: 1 });
    expect(await c.list('/sources', 'sources')).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(f.calls.map((call) => call.url.searchParams.get('pagination.count'))).toEqual(['1', '1']);
  });

  it('fails on a repeated cursor instead of looping', async () => {
    const f = fakeFetch(() => json(200, { data: { sources: [], pagination: { next: 'same' } } }));
    await expect(client(f.fetch).c.list('/sources', 'sources')).rejects.toThrow('cursor repeated');
  });

  it('backs off on 429 honouring Retry-After, then RateLimit-Reset', async () => {
    const f = fakeFetch((_url, n) => {
      if (n === 1) return json(429, { errors: [{ type: 'too-many-requests' }] }, { 'Retry-After': '3' });
      if (n === 2) return json(429, { errors: [{ type: 'too-many-requests' }] }, { 'RateLimit-Reset': '2' });
      return json(200, { data: { ok: true } });
    });
    const { c, sleeps } = client(f.fetch);
    expect(await c.get('/')).toEqual({ ok: true });
    expect(sleeps).toEqual([3000, 2000]);
    expect(c.stats).toEqual({ requests: 3, throttled: 2, retries: 2 });
  });

  it('without a server hint, waits the shared exponential schedule (half to all of 500 ms x 2^n), capped by maxBackoffMs', async () => {
    const f = fakeFetch(() => json(503, { errors: [{ type: 'unavailable' }] }));
    const { c, sleeps } = client(f.fetch, { maxRetries: 4, maxBackoffMs: 1500 });
    await expect(c.get('/')).rejects.toThrow('HTTP 503');
    expect(sleeps).toHaveLength(4);
    [500, 1000, 1500, 1500].forEach((ceiling, i) => {
      expect(sleeps[i]).toBeGreaterThanOrEqual(ceiling / 2);
      expect(sleeps[i]).toBeLessThanOrEqual(ceiling);
    });
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const f = fakeFetch((_url, n) => (n === 1 ? json(429, {}, { 'Retry-After': new Date(Date.now() + 20_000).toUTCString() }) : json(200, { data: {} })));
    const { c, sleeps } = client(f.fetch);
    await c.get('/');
    // HTTP dates have whole seconds: between 19 and 20 seconds are left.
    expect(sleeps[0]).toBeGreaterThan(18_000);
    expect(sleeps[0]).toBeLessThanOrEqual(20_000);
  });

  it('gives up after maxRetries with a one-line error', async () => {
    const f = fakeFetch(() => json(503, { errors: [{ type: 'unavailable', message: 'try later' }] }));
    const { c } = client(f.fetch, { maxRetries: 2 });
    await expect(c.get('/sources')).rejects.toThrow("Segment API GET /sources: HTTP 503 unavailable: Segment's API kept failing after 2 retries; run again later");
    expect(f.calls).toHaveLength(3);
  });

  it('reports timeouts as one line', async () => {
    const f = fakeFetch(() => {
      throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    });
    const { c } = client(f.fetch, { maxRetries: 1, timeoutMs: 5 });
    await expect(c.get('/')).rejects.toThrow('Segment API GET /: timed out after 5 ms');
  });

  it('never echoes the token, even when the server does', async () => {
    const f = fakeFetch(() => json(401, { errors: [{ type: 'unauthorized', message: `bad token ${TOKEN}\nline two` }] }));
    const error = await client(f.fetch).c.get('/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentApiError);
    const message = (error as Error).message;
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain('\n');
    expect(message).toContain('HTTP 401 unauthorized');
  });

  it.each([
    [401, 'unauthorized', 'set SEGMENT_PUBLIC_API_TOKEN to a valid Public API token'],
    [403, 'forbidden', 'grant it workspace read access'],
    [404, 'not-found', 'check the region'],
    [400, 'bad-request', 'the API refused the request'],
  ])('HTTP %i: one line naming what failed and the fix, never the server\'s message', async (status, type, fix) => {
    // A server message may quote stored values (here an email and a trait value).
    const f = fakeFetch(() => json(status, { errors: [{ type, message: 'trait "diagnosis" = "HIV" for jane@example.com' }] }));
    const message = ((await client(f.fetch).c.get('/sources/src1').catch((e: unknown) => e)) as Error).message;
    expect(message.startsWith(`Segment API GET /sources/src1: HTTP ${status} ${type}: `)).toBe(true);
    expect(message).toContain(fix);
    expect(message).not.toMatch(/jane|HIV|diagnosis/);
  });

  it('keeps the error type only when it is a code, not prose', async () => {
    const f = fakeFetch(() => json(400, { errors: [{ type: 'patient jane@example.com is invalid' }] }));
    const message = ((await client(f.fetch).c.get('/').catch((e: unknown) => e)) as Error).message;
    expect(message).toMatch(/^Segment API GET \/: HTTP 400 http: /);
    expect(message).not.toContain('jane');
  });

  it('a network failure names the retries and the fix', async () => {
    const f = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    await expect(client(f.fetch, { maxRetries: 1 }).c.get('/')).rejects.toThrow('Segment API GET /: network error after 1 retries; check the network (or SEGMENT_API_BASE_URL) and run again');
  });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'])('refuses %s before any request', async (method) => {
    const f = fakeFetch(() => json(200, { data: {} }));
    await expect(client(f.fetch).c.request(method, '/sources')).rejects.toBeInstanceOf(SegmentGuardError);
    expect(f.calls).toHaveLength(0);
  });

  it.each([
    '/spaces/spa_1/events/Appointment%20Booked/properties/email/sample-values',
    '/spaces/spa_1/traits/email/sample-values',
    '/spaces/spa_1/traits/email/SAMPLE-VALUES',
    'spaces/x/sample-values?pagination.count=1',
    '/spaces/spa_1/traits/email/sample%2Dvalues',
    '/spaces/spa_1/traits/email/sample%2dvalues',
    '/spaces/spa_1/traits/email/%73ample-values',
    '/spaces/spa_1/traits/email/sample%252Dvalues',
    '/spaces/spa_1/traits/email/Sample-Values',
    '/spaces/spa_1/traits/email%2Fsample-values',
    '/spaces/spa_1/traits/email//sample-values',
    '/spaces/spa_1/traits/email/sample-values/.',
    '/spaces/spa_1/traits/email/sample-values/x/..',
    '/spaces/spa_1/traits/email/sample-values/%2e%2e/sample-values',
    '/spaces/spa_1/traits/x/../email/./sample-values',
    '/spaces/spa_1/traits/email/%2E%2E/email/sample-values',
    '/spaces/spa_1/traits/email\\sample-values',
    '/spaces/spa_1/traits/email/sample-values;v=1',
    '/spaces/spa_1/traits/email/sample_values',
    '/spaces/spa_1/traits/email/sample%ZZvalues',
  ])('never calls a sample-values endpoint: %s', async (path) => {
    const f = fakeFetch(() => json(200, { data: {} }));
    const c = client(f.fetch).c;
    await expect(c.get(path)).rejects.toThrow('sample-values endpoints return real values');
    await expect(c.list(path, 'x')).rejects.toBeInstanceOf(SegmentGuardError);
    expect(f.calls).toHaveLength(0);
  });

  it.each(['/sources', '/spaces/spa_1/traits/email', '/tracking-plans/tp_1/rules', '/sources/x/../sources'])('lets ordinary read paths through: %s', async (path) => {
    const f = fakeFetch(() => json(200, { data: { ok: true } }));
    await expect(client(f.fetch).c.get(path)).resolves.toEqual({ ok: true });
    expect(f.calls).toHaveLength(1);
  });

  it('explains a missing token and does not mention any value', () => {
    expect(() => new SegmentClient({ env: {} })).toThrow(/SEGMENT_PUBLIC_API_TOKEN is not set; fix:/);
  });

  it('bounds requests in flight, and sends fewer at once after a 429', async () => {
    let active = 0;
    const peaks: number[] = [];
    let throttleOnce = true;
    const fetchFn = (async () => {
      active += 1;
      peaks.push(active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
      if (throttleOnce) {
        throttleOnce = false;
        return json(429, { errors: [{ type: 'too-many-requests' }] }, { 'Retry-After': '0' });
      }
      return json(200, { data: {} });
    }) as typeof fetch;
    const { c } = client(fetchFn, { maxInFlight: 3 });
    await Promise.all(Array.from({ length: 12 }, () => c.get('/')));
    expect(Math.max(...peaks)).toBe(3);
    expect(Math.max(...peaks.slice(6))).toBeLessThanOrEqual(2);
  });
});
