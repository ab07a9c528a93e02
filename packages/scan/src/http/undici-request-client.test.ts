import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryableError } from '@chaperone/retry';
import { isTimeout } from './breaker.ts';
import { ClientPool } from './scan-http-client.ts';
import { describeError, ReadOnlyViolation } from './sanitize.ts';
import { splitUri, UndiciRequestClient } from './undici-request-client.ts';

// More connections than Node's global agent keeps idle (256): the case a scan of 512 in flight hits.
const WAVE = 300;
const TOKEN = 'f'.repeat(32);

describe('UndiciRequestClient', () => {
  let connections = 0;
  let held: ServerResponse[] = [];
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    if (req.url?.startsWith('/hang')) return; // never answers
    if (req.url?.startsWith('/drop')) return void req.socket.destroy();
    if (req.url?.startsWith('/status/')) return void res.writeHead(Number(req.url.slice(8)), { 'retry-after': '3', location: '/elsewhere' }).end('{"code":20429}');
    if (req.url === '/api/2010-04-01/Accounts/AC1.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"sid":"AC1","friendly_name":"Clinic"}');
    if (req.url?.startsWith('/one')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"sid":"AC1"}');
    // A wave is answered only once all of it is in: every request of a wave holds its own connection.
    held.push(res);
    if (held.length < WAVE) return;
    for (const r of held) r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    held = [];
  });
  server.on('connection', () => connections++);
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps a connection per slot open for the next requests', async () => {
    const client = new UndiciRequestClient({ timeoutMs: 10_000, connections: WAVE });
    const wave = () => Promise.all(Array.from({ length: WAVE }, (_, i) => client.request({ method: 'get', uri: `${base}/x/${i}`, username: 'AC1', password: TOKEN })));
    const before = connections;
    const first = await wave();
    expect(first.every((r) => r.statusCode === 200 && JSON.parse(r.body as string).ok === true)).toBe(true);
    await wave();
    expect(connections - before).toBe(WAVE);
    await client.close();
  });

  it("is what the twilio SDK sends through: its auth, headers and query params, the answer as the SDK's RequestClient gave it", async () => {
    const client = new UndiciRequestClient({ timeoutMs: 10_000, connections: 4 });
    const sdk = twilio('AC1', TOKEN, { accountSid: 'AC1', httpClient: client as unknown as InstanceType<typeof twilio.RequestClient> });
    // A typed call, onto this server through the scanner's pool (base-URL rewrite): the SDK parses the body it is given.
    const pool = new ClientPool({ baseUrl: base, perAccountConcurrency: 1, totalConcurrency: 1, timeoutMs: 10_000, inner: client });
    const typed = twilio('AC1', TOKEN, { accountSid: 'AC1', httpClient: pool.forAccount() as unknown as InstanceType<typeof twilio.RequestClient> });
    expect((await typed.api.v2010.accounts('AC1').fetch()).friendlyName).toBe('Clinic');
    const response = await sdk.request({ method: 'get', uri: `${base}/one`, params: { PageSize: 1000, Status: ['a', 'b'] } });
    expect(response).toEqual({ statusCode: 200, body: '{"sid":"AC1"}', headers: expect.objectContaining({ 'content-type': 'application/json' }) });
    const req = seen.at(-1)!;
    expect(req.url).toBe('/one?PageSize=1000&Status=a&Status=b');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`AC1:${TOKEN}`).toString('base64')}`);
    expect(req.headers['user-agent']).toMatch(/^twilio-node\//);
    expect(req.headers.accept).toBe('application/json');
    await client.close();
  });

  it('returns every status as an answer, follows no redirect, and hands over Retry-After', async () => {
    const client = new UndiciRequestClient({ timeoutMs: 10_000, connections: 4 });
    for (const status of [302, 404, 429, 503]) {
      const r = await client.request({ method: 'get', uri: `${base}/status/${status}` });
      expect(r.statusCode).toBe(status);
      expect(r.headers['retry-after']).toBe('3');
    }
    await client.close();
  });

  it('refuses anything but GET before any I/O', async () => {
    const client = new UndiciRequestClient({ timeoutMs: 10_000, connections: 4 });
    const count = seen.length;
    await expect(client.request({ method: 'post', uri: `${base}/one`, data: { To: '+15550100' } })).rejects.toBeInstanceOf(ReadOnlyViolation);
    expect(seen.length).toBe(count);
    await client.close();
  });

  it("fails in the axios stack's words, with nothing of the request: a timeout is ECONNABORTED, a dropped connection ECONNRESET, a refused one ECONNREFUSED", async () => {
    const client = new UndiciRequestClient({ timeoutMs: 10_000, connections: 4 });
    const failure = (uri: string, timeout?: number) => client.request({ method: 'get', uri, username: 'AC1', password: TOKEN, ...(timeout ? { timeout } : {}) }).then(() => undefined, (e: unknown) => e as Error);

    const timedOut = await failure(`${base}/hang/secret-path?token=${TOKEN}`, 150);
    expect(describeError(timedOut)).toBe('ECONNABORTED');
    expect(isTimeout(timedOut)).toBe(true);
    expect(isRetryableError(timedOut)).toBe(true);

    const dropped = await failure(`${base}/drop`);
    expect(describeError(dropped)).toBe('ECONNRESET');
    expect(isTimeout(dropped)).toBe(false);
    expect(isRetryableError(dropped)).toBe(true);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(`http://127.0.0.1:${port}/x`);
    expect(describeError(refused)).toBe('ECONNREFUSED');
    expect(isRetryableError(refused)).toBe(true);

    for (const error of [timedOut, dropped, refused]) {
      const everything = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error) + (error?.stack ?? '');
      expect(everything).not.toContain(TOKEN);
      expect(everything).not.toContain('secret-path');
      expect(everything).not.toContain(Buffer.from(`AC1:${TOKEN}`).toString('base64'));
    }
    await client.close();
  });
});

describe('splitUri', () => {
  it('splits origin from path and query, drops the fragment, and appends params with arrays repeated', () => {
    expect(splitUri('https://api.twilio.com/2010-04-01/Accounts.json?PageSize=50#x')).toEqual({ origin: 'https://api.twilio.com', path: '/2010-04-01/Accounts.json?PageSize=50' });
    expect(splitUri('http://127.0.0.1:8080', { A: 1, B: ['x', 'y'], C: undefined })).toEqual({ origin: 'http://127.0.0.1:8080', path: '/?A=1&B=x&B=y' });
    expect(splitUri('http://127.0.0.1:8080/messaging/v1/Services?PageSize=1000&Page=2')).toEqual({ origin: 'http://127.0.0.1:8080', path: '/messaging/v1/Services?PageSize=1000&Page=2' });
  });

  it('leaves what the SDK never builds to the URL parser: no path, a query or userinfo before the path, unencoded characters, upper case', () => {
    expect(splitUri('https://tls-test.twilio.com:443')).toEqual({ origin: 'https://tls-test.twilio.com', path: '/' });
    expect(splitUri('https://api.twilio.com?x=/y')).toEqual({ origin: 'https://api.twilio.com', path: '/?x=/y' });
    expect(splitUri('https://user:pw@api.twilio.com/v1')).toEqual({ origin: 'https://api.twilio.com', path: '/v1' });
    expect(splitUri('https://api.twilio.com/v1/A b')).toEqual({ origin: 'https://api.twilio.com', path: '/v1/A%20b' });
    expect(splitUri('HTTPS://API.twilio.com/v1')).toEqual({ origin: 'https://api.twilio.com', path: '/v1' });
  });
});
