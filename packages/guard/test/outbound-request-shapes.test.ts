import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { guardedHttpClient, type GuardEvent } from '../src/index.ts';
import { useGuardedClient } from './support/guarded-client.ts';
import { ACCOUNT_SID } from './support/tripwire.ts';

// Request shapes that dodged the policy: SIP URIs, lower-case names, pre-encoded bodies.
// The SDK types `data` as an object; JavaScript callers pass strings too (hence `as never`).
const US = '+12125550100';
const US_FROM = '+14155550123';
const VANCOUVER = '+16045550123';
const MESSAGES = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
const CALLS = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;

const g = useGuardedClient(['6045550123', '2125550100', '4155550123', 'insulin']);
const { refused, allowed } = g;

describe('SIP URIs (TW-VOICE-US-ONLY)', () => {
  it('refuses a Vancouver number in the user part of a sip: URI', () =>
    refused(() => g.client.calls.create({ to: `sip:${VANCOUVER}@clinic.sip.twilio.com`, from: US_FROM, url: 'https://clinic.example.com/voice' }), 'TW-VOICE-US-ONLY'));
  it('refuses it in a sips: URI with parameters and a percent-encoded plus', () =>
    refused(() => g.client.calls.create({ to: `sips:%2B16045550123;user=phone@clinic.sip.twilio.com;transport=tls`, from: US_FROM, url: 'https://clinic.example.com/voice' }), 'TW-VOICE-US-ONLY'));
  it('allows a US number in the user part', () =>
    allowed(() => g.client.calls.create({ to: `sip:${US}@clinic.sip.twilio.com`, from: US_FROM, url: 'https://clinic.example.com/voice' })));
  it('allows a SIP URI whose user part is not a number', () =>
    allowed(() => g.client.calls.create({ to: 'sip:frontdesk@clinic.sip.twilio.com', from: US_FROM, url: 'https://clinic.example.com/voice' })));
});

describe('client.request shapes', () => {
  it('refuses lower-case and snake_case parameter names', async () => {
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, data: { to: VANCOUVER, from: US_FROM, body: 'insulin' } }), 'TW-SMS-US-ONLY');
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, data: { To: US, From: US_FROM, Body: 'x', status_callback: 'http://clinic.example.com/s' } }), 'TW-HTTPS');
    await refused(() => g.client.request({ method: 'post', uri: CALLS, params: { to: VANCOUVER }, data: { From: US_FROM, Url: 'https://x.example.com' } }), 'TW-VOICE-US-ONLY');
  });
  it('reads URLSearchParams, string, Buffer and JSON bodies', async () => {
    const form = new URLSearchParams({ To: VANCOUVER, From: US_FROM, Body: 'insulin' });
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, data: form }), 'TW-SMS-US-ONLY');
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, data: form.toString() as never }), 'TW-SMS-US-ONLY');
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, data: Buffer.from(form.toString()) }), 'TW-SMS-US-ONLY');
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, data: new TextEncoder().encode(`to=whatsapp%3A${encodeURIComponent(US)}&from=${encodeURIComponent(US_FROM)}`) }), 'TW-SMS-CHANNELS');
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, headers: { 'Content-Type': 'application/json' }, data: JSON.stringify({ to: VANCOUVER, from: US_FROM }) as never }), 'TW-SMS-US-ONLY');
    await refused(() => g.client.request({ method: 'post', uri: MESSAGES, data: JSON.stringify({ To: VANCOUVER, From: US_FROM }) as never }), 'TW-SMS-US-ONLY');
  });
  it('allows the same shapes when they comply', async () => {
    await allowed(() => g.client.request({ method: 'post', uri: MESSAGES, data: new URLSearchParams({ to: US, from: US_FROM, body: 'insulin' }) }));
    await g.client.request({ method: 'post', uri: MESSAGES, data: Buffer.from(`To=${encodeURIComponent(US)}&From=${encodeURIComponent(US_FROM)}&Body=hi+there`) });
    expect(g.wire.calls).toHaveLength(2);
  });
  it('refuses a body it cannot read in enforce mode, and reports it in report mode', async () => {
    const unreadable = [Buffer.from([0xff, 0xfe, 0x00, 0x81]), '{"To": "+1604', 'To +16045550123 please', new Blob(['To=%2B16045550123'])];
    for (const data of unreadable) {
      const error = await refused(() => g.client.request({ method: 'post', uri: MESSAGES, headers: typeof data === 'string' && data.startsWith('{') ? { 'Content-Type': 'application/json' } : {}, data: data as never }), 'TW-ELIGIBLE-ONLY');
      expect(error.rule).toBe('request-body');
    }
    const reported: GuardEvent[] = [];
    const reporting = twilio(ACCOUNT_SID, 'x', { httpClient: guardedHttpClient({ mode: 'report', httpClient: g.wire.inner as never, sink: (e) => reported.push(e) }) });
    await reporting.request({ method: 'post', uri: MESSAGES, data: Buffer.from([0xff, 0xfe]) });
    expect(g.wire.calls).toHaveLength(1);
    expect(reported).toEqual([expect.objectContaining({ outcome: 'reported', controlIds: ['TW-ELIGIBLE-ONLY'] })]);
  });
});
