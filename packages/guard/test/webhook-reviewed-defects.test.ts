// The three webhook defects an independent harness found (issue 13, item 5), each replayed
// the way it was found: through the real adapter, with Twilio's own signature maths.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioWebhook, twilioWebhookListener, type GuardEvent, type WebhookParams } from '../src/index.ts';
import { withoutQueryParams } from '../src/webhook/twilio-functions.ts';
import { ADAPTERS, startAdapter } from './support/adapters.ts';
import { SIGNATURE_VECTORS, VECTOR_TOKEN } from './vectors.ts';

const TOKEN = 'reviewed-defects-token-5e1b';
const params = { From: '+14155550123', To: '+12125550100', Body: 'see you at 3', MessageSid: 'SM0123456789abcdef0123456789abcdef' };
const form = new URLSearchParams(params).toString();
const FORM = 'application/x-www-form-urlencoded';

describe('withTwilioGuard: a webhook URL with a query string (the runtime folds it into event)', () => {
  const vector = SIGNATURE_VECTORS.find((v) => v.name === 'form parameters')!; // /myapp.php?foo=1&bar=2
  const send = async (path: string, body: string): Promise<number> => {
    const adapter = await startAdapter('functions', { authToken: VECTOR_TOKEN, publicUrl: 'https://mycompany.com', replayStore: false });
    return (await adapter.send({ path, headers: { host: 'mycompany.com', 'content-type': FORM, 'x-twilio-signature': vector.signature }, body })).status;
  };

  it('verifies the genuine request (Twilio\'s published vector)', async () => {
    expect(await send(vector.path, vector.body)).toBe(200);
  });

  it('still refuses a body that overrides a signed query value, a query value moved into the body, and a changed query', async () => {
    expect(await send(vector.path, `${vector.body}&foo=9`)).toBe(403);
    expect(await send('/myapp.php?bar=2', `${vector.body}&foo=1`)).toBe(403);
    expect(await send('/myapp.php?foo=2&bar=2', vector.body)).toBe(403);
  });

  it('takes out only the query\'s own values, repeated ones included', () => {
    const event: WebhookParams = { foo: '1', bar: ['2', '3'], From: '+14155550123', baz: '7' };
    expect({ ...withoutQueryParams(event, 'https://x.twil.io/f?foo=1&bar=2&bar=3&baz=8') }).toEqual({ From: '+14155550123', baz: '7' });
  });
});

// Not Hono: on @hono/node-server a GET becomes a Fetch API Request, which has no body at all.
// Not Functions: the runtime does not tell the handler the method.
describe.each(ADAPTERS.filter((a) => a !== 'functions' && a !== 'hono'))('%s adapter: a GET webhook never hands on a body', (name) => {
  const query = `/status?${form}`;
  const url = `https://clinic.example.com${query}`;
  const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});

  it('accepts the signed GET without a body and refuses one that carries unsigned bytes', async () => {
    const events: GuardEvent[] = [];
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com', replayStore: false, sink: (e) => events.push(e) });
    try {
      expect((await adapter.send({ method: 'GET', path: query, headers: { 'x-twilio-signature': signature } })).status).toBe(200);
      expect(adapter.handled).toHaveLength(1);
      const smuggled = await adapter.send({ method: 'GET', path: query, headers: { 'x-twilio-signature': signature, 'content-type': FORM }, body: 'Body=unsigned+instructions' });
      expect(smuggled.status).toBe(403);
      expect(adapter.handled).toHaveLength(1);
      expect(events.at(-1)).toMatchObject({ event: 'twilio.webhook.rejected', reason: 'unsigned-get-body', controlId: 'TW-WEBHOOK-SIGNATURE' });
    } finally {
      await adapter.close();
    }
  });
});

describe('twilioWebhookListener: rawBody holds signed bytes only', () => {
  let server: Server;
  let port = 0;
  const seen: Buffer[] = [];
  beforeAll(async () => {
    server = createServer(twilioWebhookListener({ authToken: TOKEN, publicUrl: 'https://clinic.example.com', replayStore: false }, (_req, res, webhook) => {
      seen.push(webhook.rawBody);
      res.end('<Response/>');
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives a GET handler an empty rawBody, a POST handler the signed bytes, and refuses a GET with a body', async () => {
    const getUrl = `https://clinic.example.com/status?${form}`;
    expect(await post(port, { method: 'GET', path: `/status?${form}`, headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, getUrl, {}) } })).toBe(200);
    expect(await post(port, { path: '/sms', headers: { 'content-type': FORM, 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, 'https://clinic.example.com/sms', params) }, body: form })).toBe(200);
    const getSignature = twilio.getExpectedTwilioSignature(TOKEN, getUrl, {});
    expect(await post(port, { method: 'GET', path: `/status?${form}`, headers: { 'x-twilio-signature': getSignature, 'content-type': FORM }, body: 'Body=unsigned' })).toBe(403);
    expect(seen.map((b) => b.toString())).toEqual(['', form]);
  });
});

describe('twilioWebhook after express.urlencoded: maxBodyBytes still holds', () => {
  let server: Server;
  let port = 0;
  let handled = 0;
  const events: GuardEvent[] = [];
  const big = { ...params, Body: 'x'.repeat(4_000) };
  const bigForm = new URLSearchParams(big).toString();
  beforeAll(async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/sms', twilioWebhook({ authToken: TOKEN, publicUrl: 'https://clinic.example.com', maxBodyBytes: 1_024, replayStore: false, sink: (e) => events.push(e) }), (_req, res) => {
      handled++;
      res.send('<Response/>');
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const headersFor = (p: Record<string, string>) => ({ 'content-type': FORM, 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, 'https://clinic.example.com/sms', p) });

  it('accepts a small signed body', async () => {
    expect(await post(port, { path: '/sms', headers: headersFor(params), body: form })).toBe(200);
    expect(handled).toBe(1);
  });

  it('refuses a signed body over the limit, declared (Content-Length) or chunked', async () => {
    expect(await post(port, { path: '/sms', headers: headersFor(big), body: bigForm })).toBe(403);
    expect(await post(port, { path: '/sms', headers: headersFor(big), body: bigForm, chunked: true })).toBe(403);
    expect(handled).toBe(1);
    expect(events.filter((e) => e.reason === 'body-too-large')).toHaveLength(2);
  });
});

interface Sent { method?: string; path: string; headers: Record<string, string>; body?: string; chunked?: boolean }

function post(port: number, sent: Sent): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: 'clinic.example.com', ...sent.headers, connection: 'close' };
    if (sent.body !== undefined && !sent.chunked) headers['content-length'] = Buffer.byteLength(sent.body);
    const req = httpRequest({ host: '127.0.0.1', port, method: sent.method ?? 'POST', path: sent.path, headers, setHost: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    if (sent.body !== undefined) {
      if (sent.chunked) for (let at = 0; at < sent.body.length; at += 512) req.write(sent.body.slice(at, at + 512));
      else req.write(sent.body);
    }
    req.end();
  });
}
