import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import pino from 'pino';
import twilio from 'twilio';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_TWIML, FUNCTIONS_JSON_FIX, withTwilioGuard, MemoryReplayStore, RedisReplayStore, rebuildPublicUrl, resolveWebhookGuard, twilioWebhook, verifyWebhook, type GuardEvent } from '../src/index.ts';
import { ADAPTERS, startAdapter } from './support/adapters.ts';

const TOKEN = 'behaviour-token-7f3a9c';
const PATIENT_NUMBER = '+14155550123';
const PATIENT_BODY = 'Refill my metformin please, DOB 04/12/1961';
const params = { From: PATIENT_NUMBER, To: '+12125550100', Body: PATIENT_BODY, MessageSid: 'SM0123456789abcdef0123456789abcdef', AccountSid: 'AC0123456789abcdef0123456789abcdef' };
const form = new URLSearchParams(params).toString();
const signed = (url: string, token = TOKEN) => twilio.getExpectedTwilioSignature(token, url, params);

describe.each(ADAPTERS)('%s adapter: basic auth, body limit, replay, logging', (name) => {
  it('challenges without credentials (401 + WWW-Authenticate), refuses wrong ones, accepts right ones', async () => {
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com', basicAuth: { username: 'twilio', password: 'hunter2-long-password' } });
    try {
      const url = 'https://clinic.example.com/sms';
      const base = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url) };
      const missing = await adapter.send({ path: '/sms', headers: base, body: form });
      expect(missing.status).toBe(401);
      expect(String(missing.headers['www-authenticate'])).toMatch(/^Basic realm=/);
      const wrong = await adapter.send({ path: '/sms', headers: { ...base, authorization: `Basic ${Buffer.from('twilio:nope').toString('base64')}` }, body: form });
      expect(wrong.status).toBe(403);
      const right = await adapter.send({ path: '/sms', headers: { ...base, authorization: `Basic ${Buffer.from('twilio:hunter2-long-password').toString('base64')}` }, body: form });
      expect(right.status).toBe(200);
    } finally {
      await adapter.close();
    }
  });

  it('acknowledges a retried idempotency token with 200 + empty TwiML without running the handler; onReplay reject answers 403', async () => {
    const events: GuardEvent[] = [];
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com', sink: (e) => events.push(e) });
    const strict = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com', onReplay: 'reject' });
    try {
      const url = 'https://clinic.example.com/sms';
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url), 'i-twilio-idempotency-token': `retry-${name}` };
      expect((await adapter.send({ path: '/sms', headers, body: form })).status).toBe(200);
      expect(adapter.handled).toHaveLength(1);
      const retry = await adapter.send({ path: '/sms', headers, body: form });
      expect(retry.status).toBe(200);
      expect(retry.body).toBe(EMPTY_TWIML);
      expect(String(retry.headers['content-type'])).toMatch(/^text\/xml/);
      expect(adapter.handled).toHaveLength(1);
      expect(events.find((e) => e.event === 'twilio.webhook.replay-acknowledged')).toMatchObject({ reason: 'replayed', status: 200, controlId: 'TW-WEBHOOK-SIGNATURE' });
      expect((await strict.send({ path: '/sms', headers, body: form })).status).toBe(200);
      expect((await strict.send({ path: '/sms', headers, body: form })).status).toBe(403);
      expect(strict.handled).toHaveLength(1);
    } finally {
      await adapter.close();
      await strict.close();
    }
  });

  it('refuses a body over the limit, and a replayed idempotency token under onReplay reject', async () => {
    const events: GuardEvent[] = [];
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com', maxBodyBytes: 512, onReplay: 'reject', sink: (e) => events.push(e) });
    try {
      const url = 'https://clinic.example.com/sms';
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url), 'i-twilio-idempotency-token': `tok-${name}` };
      expect((await adapter.send({ path: '/sms', headers, body: form })).status).toBe(200);
      expect((await adapter.send({ path: '/sms', headers, body: form })).status).toBe(403);
      if (name !== 'functions') {
        // The Functions runtime enforces its own body limit before the handler runs.
        const big = `${form}&Pad=${'x'.repeat(2048)}`;
        expect((await adapter.send({ path: '/sms', headers: { ...headers, 'i-twilio-idempotency-token': 'other' }, body: big })).status).toBe(403);
        expect(events.some((e) => e['reason'] === 'body-too-large' && e['controlId'] === 'TW-WEBHOOK-SIGNATURE')).toBe(true);
      }
      expect(events.some((e) => e['reason'] === 'replayed')).toBe(true);
      const logged = JSON.stringify(events);
      for (const secret of [PATIENT_NUMBER, PATIENT_BODY, 'metformin', headers['x-twilio-signature'], TOKEN]) expect(logged).not.toContain(secret);
    } finally {
      await adapter.close();
    }
  });
});

describe.each(ADAPTERS.filter((a) => a !== 'functions'))('%s adapter: streamed and cut bodies', (name) => {
  it('refuses an oversized chunked body (no Content-Length) and accepts a small chunked one', async () => {
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com', maxBodyBytes: 1024 });
    try {
      const url = 'https://clinic.example.com/sms';
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url) };
      expect((await adapter.send({ path: '/sms', headers, body: form, chunked: 16 })).status).toBe(200);
      const huge = Buffer.from(`${form}&Pad=${'x'.repeat(64 * 1024)}`);
      expect([403, 413]).toContain((await adapter.send({ path: '/sms', headers, body: huge, chunked: 4096 })).status);
      expect(adapter.handled).toHaveLength(1);
    } finally {
      await adapter.close();
    }
  });

  it('survives a client that disconnects mid-body, without calling the handler', async () => {
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com' });
    try {
      const url = 'https://clinic.example.com/sms';
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url) };
      await adapter.send({ path: '/sms', headers, body: form.slice(0, 20), truncateAt: form.length });
      expect(adapter.handled).toHaveLength(0);
      expect((await adapter.send({ path: '/sms', headers, body: form })).status).toBe(200);
    } finally {
      await adapter.close();
    }
  });
});

describe('rejection logging through pino', () => {
  it('logs the reason and path, never the body, numbers, signature or token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const guard = resolveWebhookGuard({ authToken: TOKEN, sink: logger });
    const url = 'https://clinic.example.com/sms?From=%2B14155550123';
    await verifyWebhook({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged+signature=' }, rawBody: Buffer.from(form) }, guard);
    await verifyWebhook({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, params) }, rawBody: Buffer.from(form) }, guard);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'twilio.webhook.rejected', reason: 'bad-signature', path: '/sms', status: 403 });
    expect(JSON.parse(lines[1]!)).toMatchObject({ event: 'twilio.webhook.accepted', MessageSid: params.MessageSid });
    const all = lines.join('\n');
    for (const secret of [PATIENT_NUMBER, '14155550123', PATIENT_BODY, 'forged+signature=', TOKEN]) expect(all).not.toContain(secret);
  });
});

describe('core verifier details', () => {
  const guard = resolveWebhookGuard({ authToken: ['old-token', TOKEN], replayStore: false });
  const url = 'https://clinic.example.com/sms';
  const req = (headers: Record<string, string | string[]>, body = form, method = 'POST', u: string | null = url) =>
    verifyWebhook({ method, url: u ?? undefined, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, rawBody: Buffer.from(body) }, guard);

  it('accepts either token while rotating', async () => {
    expect((await req({ 'x-twilio-signature': signed(url) })).ok).toBe(true);
    expect((await req({ 'x-twilio-signature': signed(url, 'old-token') })).ok).toBe(true);
    expect(await req({ 'x-twilio-signature': signed(url, 'unknown') })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('names the reason for each refusal', async () => {
    expect(await req({})).toMatchObject({ reason: 'missing-signature' });
    expect(await req({ 'x-twilio-signature': [signed(url), signed(url)] })).toMatchObject({ reason: 'bad-signature' });
    expect(await req({ 'x-twilio-signature': signed(url) }, form, 'DELETE')).toMatchObject({ reason: 'method-not-allowed' });
    expect(await req({ 'x-twilio-signature': signed(url) }, form, 'POST', null)).toMatchObject({ reason: 'bad-url' });
    expect(await req({ 'x-twilio-signature': signed(url) }, form, 'POST', 'not a url')).toMatchObject({ reason: 'bad-url' });
    expect(await req({ 'x-twilio-signature': signed(url), 'content-type': 'application/json' })).toMatchObject({ reason: 'unverifiable-json-body' });
    expect(await req({ 'x-twilio-signature': signed(url), 'content-type': 'text/plain' })).toMatchObject({ reason: 'unsupported-content-type' });
  });

  it('verifies GET webhooks from the signed query string and returns its parameters', async () => {
    const getUrl = `${url}?${form}`;
    const verdict = await verifyWebhook({ method: 'GET', url: getUrl, headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, getUrl, {}) } }, guard);
    expect(verdict).toMatchObject({ ok: true, params: { From: PATIENT_NUMBER } });
  });

  it('requires the idempotency token when asked to', async () => {
    const strict = resolveWebhookGuard({ authToken: TOKEN, requireIdempotencyToken: true });
    const verdict = await verifyWebhook({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url) }, rawBody: Buffer.from(form) }, strict);
    expect(verdict).toMatchObject({ ok: false, reason: 'missing-idempotency-token' });
  });

  it('fails closed with 503 when the replay store is down', async () => {
    const broken = resolveWebhookGuard({ authToken: TOKEN, replayStore: { claim: () => Promise.reject(new Error('ECONNREFUSED')), complete: async () => {}, release: async () => {} } });
    const verdict = await verifyWebhook({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url), 'i-twilio-idempotency-token': 'x' }, rawBody: Buffer.from(form) }, broken);
    expect(verdict).toMatchObject({ ok: false, status: 503, reason: 'replay-store-unavailable' });
  });

  it('refuses an empty auth token and a non-https publicUrl with one-line errors naming the field', () => {
    expect(() => resolveWebhookGuard({ authToken: '' })).toThrow(/authToken is empty/);
    expect(() => twilioWebhook({ authToken: TOKEN, publicUrl: 'http://clinic.example.com' })).toThrow(/publicUrl must be the https origin/);
    expect(() => twilioWebhook({ authToken: TOKEN, publicUrl: 'clinic.example.com' })).toThrow(/publicUrl must be the https origin/);
  });
});

describe('public URL reconstruction', () => {
  const loc = (headers: Record<string, string>, encrypted = false, pathAndQuery = '/sms?x=1') => ({ pathAndQuery, headers, encrypted });
  it('prefers the explicit publicUrl, keeping a tunnel path prefix', () => {
    expect(rebuildPublicUrl(loc({ host: 'localhost:3000' }), { publicUrl: 'https://abc.ngrok.app/app/' })).toBe('https://abc.ngrok.app/app/sms?x=1');
  });
  it('uses the first X-Forwarded-Proto/Host only when trustProxy is set', () => {
    const headers = { host: 'internal:3000', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'clinic.example.com, proxy.local' };
    expect(rebuildPublicUrl(loc(headers), { trustProxy: true })).toBe('https://clinic.example.com/sms?x=1');
    expect(rebuildPublicUrl(loc(headers), {})).toBe('http://internal:3000/sms?x=1');
    expect(rebuildPublicUrl(loc({ host: 'clinic.example.com' }, true), {})).toBe('https://clinic.example.com/sms?x=1');
  });
  it('adds X-Forwarded-Port when the forwarded host has none, and reads RFC 7239 Forwarded', () => {
    const base = { host: 'internal:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'clinic.example.com' };
    expect(rebuildPublicUrl(loc({ ...base, 'x-forwarded-port': '8443' }), { trustProxy: true })).toBe('https://clinic.example.com:8443/sms?x=1');
    expect(rebuildPublicUrl(loc({ ...base, 'x-forwarded-port': '443' }), { trustProxy: true })).toBe('https://clinic.example.com/sms?x=1');
    expect(rebuildPublicUrl(loc({ host: 'internal:3000', forwarded: 'for=203.0.113.7;proto=https;host="clinic.example.com", for=10.0.0.1' }), { trustProxy: true })).toBe('https://clinic.example.com/sms?x=1');
  });
  it('refuses hosts that would steer the signed URL, and absolute request targets', () => {
    expect(rebuildPublicUrl(loc({ host: 'evil.com/x?' }), {})).toBeUndefined();
    expect(rebuildPublicUrl(loc({ host: 'a@b.com' }), {})).toBeUndefined();
    expect(rebuildPublicUrl(loc({ host: 'clinic.example.com' }, true, 'http://evil.com/sms'), {})).toBeUndefined();
    expect(rebuildPublicUrl(loc({}), {})).toBeUndefined();
  });
});

describe('Express adapter after a body parser', () => {
  it('verifies the parsed form parameters when the raw bytes are gone', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/sms', twilioWebhook({ authToken: TOKEN, publicUrl: 'https://clinic.example.com' }), (_req, res) => { res.send('ok'); });
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const post = (signature: string) => fetch(`http://127.0.0.1:${port}/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form });
      expect((await post(signed('https://clinic.example.com/sms'))).status).toBe(200);
      expect((await post(signed('https://clinic.example.com/other'))).status).toBe(403);
    } finally {
      server.close();
    }
  });
});

describe('replay stores', () => {
  it('memory store: in flight, then done until its TTL; settling needs the claim id', async () => {
    let now = 1_000;
    const store = new MemoryReplayStore({ maxEntries: 3, now: () => now });
    const first = await store.claim('a', 50);
    expect(first.outcome).toBe('claimed');
    expect(await store.claim('a', 50)).toEqual({ outcome: 'in-flight' });
    await store.complete('a', 'not-the-claim', 100);
    expect(await store.claim('a', 50)).toEqual({ outcome: 'in-flight' });
    await store.complete('a', first.claimId!, 100);
    expect(await store.claim('a', 50)).toEqual({ outcome: 'done' });
    now += 101;
    expect((await store.claim('a', 50)).outcome).toBe('claimed');
  });

  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit());

  it('Redis store (real Redis at 127.0.0.1:6379): SET NX GET, one winner across instances, expiry', async () => {
    await redis.connect();
    const prefix = `chaperone-test:${process.pid}:${Date.now()}:`;
    const instanceA = new RedisReplayStore(redis, prefix);
    const instanceB = new RedisReplayStore(redis, prefix);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? instanceA : instanceB).claim('token-1', 60_000)));
    const winners = results.filter((r) => r.outcome === 'claimed');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'in-flight')).toHaveLength(19);
    await instanceB.complete('token-1', winners[0]!.claimId!, 60_000);
    expect(await instanceA.claim('token-1', 60_000)).toEqual({ outcome: 'done' });
    expect(await redis.pttl(`${prefix}token-1`)).toBeGreaterThan(50_000);
    expect((await instanceA.claim('short', 50)).outcome).toBe('claimed');
    await new Promise((r) => setTimeout(r, 120));
    expect((await instanceB.claim('short', 50)).outcome).toBe('claimed');
    await redis.del(`${prefix}token-1`, `${prefix}short`);
  });

  it('Redis store behind the verifier acknowledges the replay of a handled event', async () => {
    const prefix = `chaperone-test:${process.pid}:${Date.now()}:v:`;
    const guard = resolveWebhookGuard({ authToken: TOKEN, replayStore: new RedisReplayStore(redis, prefix) });
    const url = 'https://clinic.example.com/sms';
    const inbound = { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(url), 'i-twilio-idempotency-token': 'idem-42' }, rawBody: Buffer.from(form) };
    const first = await verifyWebhook(inbound, guard);
    expect(first.ok).toBe(true);
    if (first.ok) await first.settle('handled');
    expect(await verifyWebhook(inbound, guard)).toMatchObject({ ok: false, status: 200, reason: 'replayed' });
    await redis.del(`${prefix}idem-42`);
  });

  it('Express behind Redis: a Twilio retry (#rc) landing on a second instance is acknowledged, processed once in total', async () => {
    const prefix = `chaperone-test:${process.pid}:${Date.now()}:x:`;
    const options = { authToken: TOKEN, publicUrl: 'https://clinic.example.com' };
    const instanceA = await startAdapter('express', { ...options, replayStore: new RedisReplayStore(redis, prefix) });
    const instanceB = await startAdapter('express', { ...options, replayStore: new RedisReplayStore(redis, prefix) });
    try {
      const url = 'https://clinic.example.com/sms#rc=2&rp=all';
      // The fragment never reaches the server, and is not part of what Twilio signs.
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed('https://clinic.example.com/sms'), 'i-twilio-idempotency-token': 'idem-retry-7' };
      expect(url).toContain('#rc=2');
      expect((await instanceA.send({ path: '/sms', headers, body: form })).status).toBe(200);
      const retry = await instanceB.send({ path: '/sms', headers, body: form });
      expect(retry).toMatchObject({ status: 200, body: EMPTY_TWIML });
      expect(instanceA.handled.length + instanceB.handled.length).toBe(1);
    } finally {
      await instanceA.close();
      await instanceB.close();
      await redis.del(`${prefix}idem-retry-7`);
    }
  });
});

describe('Twilio Functions and JSON (bodySHA256) webhooks', () => {
  it('refuses them with a reason and a fix that say why (no raw body on Functions) and what to do', async () => {
    const events: GuardEvent[] = [];
    const adapter = await startAdapter('functions', { authToken: TOKEN, publicUrl: 'https://clinic-1234.twil.io', sink: (e) => events.push(e) });
    const json = JSON.stringify({ EventType: 'onMessageAdded', Body: PATIENT_BODY });
    const hash = createHash('sha256').update(json).digest('hex');
    const url = `https://clinic-1234.twil.io/hook?bodySHA256=${hash}`;
    const reply = await adapter.send({ path: `/hook?bodySHA256=${hash}`, headers: { 'content-type': 'application/json', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, {}) }, body: json });
    expect(reply.status).toBe(403);
    expect(adapter.handled).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ event: 'twilio.webhook.rejected', reason: 'json-body-unverifiable-on-functions', status: 403, controlId: 'TW-WEBHOOK-SIGNATURE', fix: FUNCTIONS_JSON_FIX });
    expect(FUNCTIONS_JSON_FIX).toMatch(/raw body/);
    expect(FUNCTIONS_JSON_FIX).toMatch(/form-encoded/);
    expect(JSON.stringify(events)).not.toContain(PATIENT_BODY);
  });

  it('also when the runtime folded bodySHA256 from the query into event and dropped the content type', async () => {
    const events: GuardEvent[] = [];
    let ran = false;
    const handler = withTwilioGuard(() => { ran = true; }, { authToken: TOKEN, sink: (e) => events.push(e), createResponse: () => ({ setStatusCode: () => {}, setBody: () => {}, appendHeader: () => {} }) });
    await new Promise<void>((resolve) => {
      void handler({ DOMAIN_NAME: 'clinic-1234.twil.io', PATH: '/hook' }, { bodySHA256: 'ab'.repeat(32), EventType: 'onMessageAdded', request: { headers: { 'x-twilio-signature': 'AAAA' } } }, () => resolve());
    });
    expect(ran).toBe(false);
    expect(events.at(-1)).toMatchObject({ reason: 'json-body-unverifiable-on-functions' });
  });
});
