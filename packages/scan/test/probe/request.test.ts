// The probe's one request against a real local https server: what is sent, what is
// observed, and that nothing is followed, read or leaked.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/probe/public-address.ts';
import { PROBE_USER_AGENT, sendProbe } from '../../src/probe/request.ts';
import { BASIC_SECRET, BASIC_USER, startTestApp, type TestApp } from './https-server.ts';

const ACCOUNT = 'AC' + '0'.repeat(31) + '1';
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const probe = (path: string, timeoutMs = 5000) => sendProbe(`${app.origin}${path}`, ACCOUNT, { timeoutMs, ca: app.ca, allowPrivateAddresses: true });

describe('sendProbe', () => {
  it('sends one unsigned, form-encoded, Twilio-shaped POST with synthetic values and a Chaperone User-Agent', async () => {
    const before = app.seen.length;
    expect(await probe('/accept')).toEqual({ status: 200, contentType: 'text/plain', basicAuth: false });
    const seen = app.seen.slice(before);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.headers['user-agent']).toBe(PROBE_USER_AGENT);
    expect(request!.headers['user-agent']).toContain('Chaperone');
    expect(request!.headers['x-twilio-signature']).toBeUndefined();
    expect(request!.headers.authorization).toBeUndefined();
    const form = Object.fromEntries(new URLSearchParams(request!.body));
    expect(form.AccountSid).toBe(ACCOUNT);
    expect(form.MessageSid).toBe(`SM${'0'.repeat(32)}`);
    expect(form.From).toMatch(/^\+1555555010\d$/);
    expect(form.To).toMatch(/^\+155555501\d\d$/);
    expect(form.Body).toContain('Chaperone');
  });

  it('observes refusals and other statuses as they are', async () => {
    expect((await probe('/refuse')).status).toBe(403);
    expect((await probe('/unauthorized')).status).toBe(401);
    expect((await probe('/missing')).status).toBe(404);
    expect((await probe('/method')).status).toBe(405);
    expect((await probe('/broken')).status).toBe(500);
    expect(await probe('/digest')).toEqual({ status: 401, challenge: 'digest', contentType: 'text/plain', basicAuth: false });
  });

  it('records the media type and a CDN/WAF named in the headers, never the body', async () => {
    expect(await probe('/waf')).toEqual({ status: 403, contentType: 'text/html', edge: 'cloudflare', basicAuth: false });
    expect(await probe('/ip-filter')).toEqual({ status: 403, contentType: 'text/html', basicAuth: false });
  });

  it('never follows a redirect: one request, the 3xx is the observation', async () => {
    const before = app.seen.length;
    expect((await probe('/redirect')).status).toBe(302);
    expect(app.seen.slice(before).map((r) => r.path)).toEqual(['/redirect']);
  });

  it('sends the URL’s userinfo as basic auth, the way Twilio does, and not in the request line', async () => {
    const before = app.seen.length;
    const result = await sendProbe(`https://${BASIC_USER}:${BASIC_SECRET}@${app.origin.slice('https://'.length)}/guarded`, ACCOUNT, { timeoutMs: 5000, ca: app.ca, allowPrivateAddresses: true });
    expect(result).toEqual({ status: 403, contentType: 'text/plain', basicAuth: true });
    const [request] = app.seen.slice(before);
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${BASIC_USER}:${BASIC_SECRET}`).toString('base64')}`);
    expect((await probe('/guarded')).status).toBe(401);
  });

  it('a hanging endpoint times out at the deadline', async () => {
    expect(await probe('/hang', 300)).toEqual({ error: 'ETIMEDOUT', basicAuth: false });
  });

  it('a closed port is a connection error', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const { port } = spare.address() as AddressInfo;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    expect(await sendProbe(`https://127.0.0.1:${port}/accept`, ACCOUNT, { timeoutMs: 2000, allowPrivateAddresses: true })).toEqual({ error: 'ECONNREFUSED', basicAuth: false });
  });

  it('an untrusted certificate is a TLS error code, not an answer', async () => {
    const before = app.seen.length;
    const result = await sendProbe(`${app.origin}/accept`, ACCOUNT, { timeoutMs: 2000, allowPrivateAddresses: true });
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/CERT|SIGNED/);
    expect(app.seen.length).toBe(before);
  });

  it('refuses to send anything but https', async () => {
    expect(await sendProbe('http://127.0.0.1:1/accept', ACCOUNT, { timeoutMs: 500 })).toEqual({ error: 'NOT_HTTPS', basicAuth: false });
  });

  it('never sends to a private or loopback address, by literal IP or by name (Twilio could not reach it)', async () => {
    const before = app.seen.length;
    const port = new URL(app.origin).port;
    expect(await sendProbe(`${app.origin}/accept`, ACCOUNT, { timeoutMs: 2000, ca: app.ca })).toEqual({ error: 'PRIVATE_ADDRESS', basicAuth: false });
    expect(await sendProbe(`https://localhost:${port}/accept`, ACCOUNT, { timeoutMs: 2000, ca: app.ca })).toEqual({ error: 'PRIVATE_ADDRESS', basicAuth: false });
    expect(app.seen.length).toBe(before);
  });
});

describe('isPrivateAddress', () => {
  it('knows private, loopback, link-local and mapped addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '54.172.60.0', '2600:1f18::1', 'app.example']) expect(isPrivateAddress(a), a).toBe(false);
  });
});
