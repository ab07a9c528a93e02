import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { frontlineCallbacks, frontlineV2Shape, type GuardEvent } from '../src/index.ts';
import { ADAPTERS, startAdapter } from './support/adapters.ts';

const TOKEN = 'frontline-token-5b1e0d';
const WORKER = 'nurse.jones@clinic.example.com';
const USER_TOKEN = 'eyJfrontline-user-jwe-token';
const ORIGIN = 'https://clinic.example.com';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const sign = (url: string, params: Record<string, string> = {}) => twilio.getExpectedTwilioSignature(TOKEN, url, params);
const formOf = (params: Record<string, string>) => new URLSearchParams(params).toString();

const crmList = { Location: 'GetCustomersList', Worker: WORKER, PageSize: '30' };

describe.each(ADAPTERS)('%s adapter with frontlineV2Shape', (name) => {
  it('accepts a signed V2 CRM callback and refuses signed V1-shaped ones with TW-FRONTLINE-CALLBACK-V2', async () => {
    const events: GuardEvent[] = [];
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: ORIGIN, callbackShape: frontlineV2Shape('crm'), sink: (e) => events.push(e) });
    try {
      const url = `${ORIGIN}/callbacks/crm`;
      const v2 = await adapter.send({ path: '/callbacks/crm', headers: { ...FORM, 'x-twilio-signature': sign(url, crmList) }, body: formOf(crmList) });
      expect(v2.status).toBe(200);
      expect(adapter.handled).toHaveLength(1);
      expect(adapter.handled[0]).toMatchObject({ Location: 'GetCustomersList', Worker: WORKER });

      // V1: JSON body carrying the user's Token (signed anyway, so only the shape can refuse it).
      const v1Json = await adapter.send({ path: '/callbacks/crm', headers: { 'content-type': 'application/json', 'x-twilio-signature': sign(url) }, body: JSON.stringify({ ...crmList, Token: USER_TOKEN }) });
      // V1: X-Twilio-Token header.
      const v1Header = await adapter.send({ path: '/callbacks/crm', headers: { ...FORM, 'x-twilio-token': USER_TOKEN, 'x-twilio-signature': sign(url, crmList) }, body: formOf(crmList) });
      // V1: Location in the query string.
      const queryUrl = `${url}?location=GetCustomersList`;
      const withoutLocation = { Worker: WORKER, PageSize: '30' };
      const v1Query = await adapter.send({ path: '/callbacks/crm?location=GetCustomersList', headers: { ...FORM, 'x-twilio-signature': sign(queryUrl, withoutLocation) }, body: formOf(withoutLocation) });
      // V1: Token body parameter in a signed form.
      const withToken = { ...crmList, Token: USER_TOKEN };
      const v1Token = await adapter.send({ path: '/callbacks/crm', headers: { ...FORM, 'x-twilio-signature': sign(url, withToken) }, body: formOf(withToken) });
      for (const reply of [v1Json, v1Header, v1Query, v1Token]) expect(reply.status).toBe(403);
      expect(adapter.handled).toHaveLength(1);

      const refusals = events.filter((e) => e.event === 'twilio.webhook.rejected');
      expect(refusals).toHaveLength(4);
      for (const e of refusals) expect(e).toMatchObject({ reason: 'frontline-v1-callback', status: 403, controlId: 'TW-FRONTLINE-CALLBACK-V2' });
      const logged = JSON.stringify(events);
      for (const secret of [USER_TOKEN, WORKER, TOKEN]) expect(logged).not.toContain(secret);
    } finally {
      await adapter.close();
    }
  });

  it('refuses an unknown Location (V2 shape, wrong route) and an unsigned callback under TW-FRONTLINE-CALLBACK-VALIDATE', async () => {
    const events: GuardEvent[] = [];
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: ORIGIN, callbackShape: frontlineV2Shape('templates'), sink: (e) => events.push(e) });
    try {
      const url = `${ORIGIN}/callbacks/templates`;
      const good = { Location: 'GetTemplatesByCustomerId', Worker: WORKER, CustomerId: '42', ConversationSid: 'CH0123456789abcdef0123456789abcdef' };
      expect((await adapter.send({ path: '/callbacks/templates', headers: { ...FORM, 'x-twilio-signature': sign(url, good) }, body: formOf(good) })).status).toBe(200);
      expect((await adapter.send({ path: '/callbacks/templates', headers: { ...FORM, 'x-twilio-signature': sign(url, crmList) }, body: formOf(crmList) })).status).toBe(403);
      expect((await adapter.send({ path: '/callbacks/templates', headers: FORM, body: formOf(good) })).status).toBe(403);
      const refusals = events.filter((e) => e.event === 'twilio.webhook.rejected');
      expect(refusals[0]).toMatchObject({ reason: 'frontline-unknown-location', controlId: 'TW-FRONTLINE-CALLBACK-V2' });
      expect(refusals[1]).toMatchObject({ reason: 'missing-signature', controlId: 'TW-FRONTLINE-CALLBACK-VALIDATE' });
      expect(adapter.handled).toHaveLength(1);
    } finally {
      await adapter.close();
    }
  });
});

describe('frontlineCallbacks (Express)', () => {
  async function serve(app: express.Express): Promise<{ base: string; close: () => void }> {
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  it('guards the outgoing-conversation and routing callbacks: V2 in, V1 out', async () => {
    const app = express();
    const seen: unknown[] = [];
    app.post('/callbacks/outgoing-conversation', frontlineCallbacks({ authToken: TOKEN, publicUrl: ORIGIN, callback: 'outgoing-conversation' }), (req, res) => {
      seen.push(req.body);
      res.json({ proxy_address: '+12125550100' });
    });
    app.post('/callbacks/routing', frontlineCallbacks({ authToken: TOKEN, publicUrl: ORIGIN, callback: 'routing' }), (req, res) => {
      seen.push(req.body);
      res.sendStatus(200);
    });
    const { base, close } = await serve(app);
    try {
      const outgoing = { Location: 'GetProxyAddress', Worker: WORKER, CustomerId: '42', ChannelType: 'sms', ChannelValue: '+12125550123' };
      const post = (path: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
        fetch(`${base}${path}`, { method: 'POST', headers: { ...FORM, 'x-twilio-signature': sign(`${ORIGIN}${path}`, params), ...headers }, body: formOf(params) });
      const ok = await post('/callbacks/outgoing-conversation', outgoing);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ proxy_address: '+12125550100' });
      expect((await post('/callbacks/outgoing-conversation', outgoing, { 'x-twilio-token': USER_TOKEN })).status).toBe(403);

      const routing = { ConversationSid: 'CH0123456789abcdef0123456789abcdef', 'MessagingBinding.Address': '+12125550123' };
      expect((await post('/callbacks/routing', routing)).status).toBe(200);
      expect((await post('/callbacks/routing', { 'MessagingBinding.Address': '+12125550123' })).status).toBe(403);
      expect(seen).toHaveLength(2);
    } finally {
      close();
    }
  });

  it('refuses an unknown callback kind with a one-line error', () => {
    expect(() => frontlineCallbacks({ authToken: TOKEN, publicUrl: ORIGIN, callback: 'crm-v1' as never })).toThrow(/^frontline guard: callback must be one of crm, outgoing-conversation, templates, routing; got "crm-v1"$/);
  });
});
