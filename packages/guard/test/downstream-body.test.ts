// The verified body must still be readable by the route handler in each framework.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import formbody from '@fastify/formbody';
import { getRequestListener } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioWebhookFastify, twilioWebhookHono } from '../src/index.ts';

const TOKEN = 'downstream-token';
const params = { From: '+14155550123', Body: 'C', MessageSid: 'SM0123456789abcdef0123456789abcdef' };
const url = 'https://clinic.example.com/sms';
const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, params) }, body: new URLSearchParams(params).toString() };

describe('downstream body access', () => {
  it('Hono: c.req.parseBody() still works after verification', async () => {
    const app = new Hono();
    app.post('/sms', twilioWebhookHono({ authToken: TOKEN, publicUrl: 'https://clinic.example.com' }) as never, async (c) => c.json(await c.req.parseBody()));
    const server = createServer(getRequestListener(app.fetch)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, init);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(params);
    } finally {
      server.close();
    }
  });

  it('Fastify: request.body is parsed by @fastify/formbody as usual', async () => {
    const app = Fastify();
    await app.register(formbody);
    app.post('/sms', { ...(twilioWebhookFastify({ authToken: TOKEN, publicUrl: 'https://clinic.example.com' }) as object) }, async (req) => req.body);
    const res = await app.inject({ method: 'POST', url: '/sms', headers: init.headers, payload: init.body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(params);
    await app.close();
  });
});
