import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { HipaaPolicyError, guardTwilio, guardedHttpClient, type GuardEvent } from '../src/index.ts';
import { useGuardedClient } from './support/guarded-client.ts';
import { ACCOUNT_SID } from './support/tripwire.ts';

const US = '+12125550100'; // New York
const US_FROM = '+14155550123'; // San Francisco
const VANCOUVER = '+16045550100';
const PHI_BODY = 'Your colonoscopy prep starts tonight, Maria';
const VA = 'VA0123456789abcdef0123456789abcdef';
const IS = 'IS0123456789abcdef0123456789abcdef';
const ZS = 'ZS0123456789abcdef0123456789abcdef';
const CH = 'CH0123456789abcdef0123456789abcdef';

const g = useGuardedClient([US, US_FROM, VANCOUVER, '6045550100', '2125550100', PHI_BODY, 'colonoscopy']);
const { refused, allowed } = g;

describe('SMS and MMS (TW-SMS-US-ONLY, TW-SMS-CHANNELS, TW-SMS-TAGGING)', () => {
  it('refuses a WhatsApp message before any socket opens', async () => {
    const error = await refused(() => g.client.messages.create({ to: `whatsapp:${US}`, from: `whatsapp:${US_FROM}`, body: PHI_BODY }), 'TW-SMS-CHANNELS');
    expect(error.message).toMatch(/TW-SMS-CHANNELS: parameter (To|From) is a whatsapp: address\. Fix: /);
    expect(error.reference).toMatch(/^https:\/\//);
  });
  it('refuses a Messenger address', () => refused(() => g.client.messages.create({ to: 'messenger:1234567890', from: US_FROM, body: PHI_BODY }), 'TW-SMS-CHANNELS'));
  it('refuses a Vancouver (+1 604) number although it shares +1', async () => {
    const error = await refused(() => g.client.messages.create({ to: VANCOUVER, from: US_FROM, body: PHI_BODY }), 'TW-SMS-US-ONLY');
    expect(error.message).toContain('region CA');
  });
  it('refuses a Caribbean (+1 809) number', () => refused(() => g.client.messages.create({ to: '+18095550100', from: US_FROM, body: PHI_BODY }), 'TW-SMS-US-ONLY'));
  it('refuses Puerto Rico unless the territory is allowed', async () => {
    await refused(() => g.client.messages.create({ to: '+17875550100', from: US_FROM, body: PHI_BODY }), 'TW-SMS-US-ONLY');
    const pr = twilio(ACCOUNT_SID, 'x', { httpClient: guardedHttpClient({ httpClient: g.wire.inner as never, allowedUsTerritories: ['PR'] }) });
    await pr.messages.create({ to: '+17875550100', from: US_FROM, body: PHI_BODY });
    expect(g.wire.calls).toHaveLength(1);
  });
  it('refuses a number without a country (no +) and an alphanumeric sender', async () => {
    await refused(() => g.client.messages.create({ to: '2125550100', from: US_FROM, body: PHI_BODY }), 'TW-SMS-US-ONLY');
    await refused(() => g.client.messages.create({ to: US, from: 'CLINIC', body: PHI_BODY }), 'TW-SMS-US-ONLY');
  });
  it('refuses an http status callback and http media', async () => {
    await refused(() => g.client.messages.create({ to: US, from: US_FROM, body: PHI_BODY, statusCallback: 'http://clinic.example.com/status' }), 'TW-HTTPS');
    await refused(() => g.client.messages.create({ to: US, from: US_FROM, mediaUrl: ['https://ok.example.com/a.png', 'http://clinic.example.com/xray.png'] }), 'TW-HTTPS');
  });
  it('refuses Message Tagging (Tags) sent through client.request', () =>
    refused(
      () => g.client.request({ method: 'post', uri: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, data: { To: US, From: US_FROM, Body: PHI_BODY, Tags: '{"patient":"maria"}' } }),
      'TW-SMS-TAGGING',
    ));
  it('allows an SMS between US numbers with an https callback', () => allowed(() => g.client.messages.create({ to: US, from: US_FROM, body: PHI_BODY, statusCallback: 'https://clinic.example.com/status' })));
  it('allows a toll-free sender (+1 800, shared across NANP, treated as US)', () => allowed(() => g.client.messages.create({ to: US, from: '+18005551212', body: PHI_BODY })));
  it('allows a messaging-service send without From', () => allowed(() => g.client.messages.create({ to: US, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', body: PHI_BODY })));
  it('allows reads (GET) with any filter', () => allowed(() => g.client.messages.list({ to: VANCOUVER, limit: 1 })));
  it('refuses short codes unless listed', async () => {
    await refused(() => g.client.messages.create({ to: US, from: '12345', body: PHI_BODY }), 'TW-SMS-US-ONLY');
    const sc = twilio(ACCOUNT_SID, 'x', { httpClient: guardedHttpClient({ httpClient: g.wire.inner as never, allowedShortCodes: ['12345'] }) });
    await sc.messages.create({ to: US, from: '12345', body: PHI_BODY });
    expect(g.wire.calls).toHaveLength(1);
  });
});

describe('Voice (TW-VOICE-US-ONLY, TW-HTTPS, TW-VOICE-MEDIA-STREAMS, TW-VOICE-TAGGING)', () => {
  it('refuses a call to London', () => refused(() => g.client.calls.create({ to: '+442071838750', from: US_FROM, url: 'https://clinic.example.com/voice' }), 'TW-VOICE-US-ONLY'));
  it('refuses a call whose TwiML URL is http', () => refused(() => g.client.calls.create({ to: US, from: US_FROM, url: 'http://clinic.example.com/voice' }), 'TW-HTTPS'));
  it('refuses inline TwiML streaming to ws://', () =>
    refused(() => g.client.calls.create({ to: US, from: US_FROM, twiml: '<Response><Connect><Stream url="ws://media.example.com/s"/></Connect></Response>' }), 'TW-VOICE-MEDIA-STREAMS'));
  it('refuses a lower-case tags parameter (names are PascalCased before the rules)', () => refused(() => g.client.request({ method: 'post', uri: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, data: { To: US, From: US_FROM, Body: PHI_BODY, tags: '{"patient":"maria"}' } }), 'TW-SMS-TAGGING'));
  it('refuses Tags on a call', () => refused(() => g.client.request({ method: 'post', uri: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, data: { To: US, From: US_FROM, Url: 'https://x.example.com', Tags: 'x' } }), 'TW-VOICE-TAGGING'));
  // The Streams REST API's Url is a WebSocket URL (the spec: "URL where WebSocket connection
  // will be established"): judged as <Stream url> is, never refused as a non-https URL.
  it('allows a Media Stream started over REST to a wss:// URL, with an https status callback', async () => {
    const CA = 'CA0123456789abcdef0123456789abcdef';
    await allowed(() => g.client.calls(CA).streams.create({ url: 'wss://media.example.com/s', statusCallback: 'https://clinic.example.com/stream-status' }));
  });
  it('refuses a REST Media Stream to ws:// or https://, an http status callback, and a host off allowedStreamHosts', async () => {
    const CA = 'CA0123456789abcdef0123456789abcdef';
    await refused(() => g.client.calls(CA).streams.create({ url: 'ws://media.example.com/s' }), 'TW-VOICE-MEDIA-STREAMS');
    await refused(() => g.client.calls(CA).streams.create({ url: 'https://media.example.com/s' }), 'TW-VOICE-MEDIA-STREAMS');
    await refused(() => g.client.calls(CA).streams.create({ url: 'wss://media.example.com/s', statusCallback: 'http://clinic.example.com/s' }), 'TW-HTTPS');
    const pinned = twilio(ACCOUNT_SID, 'x', { httpClient: guardedHttpClient({ httpClient: g.wire.inner as never, allowedStreamHosts: ['baa-vendor.example.com'] }) });
    await expect(pinned.calls(CA).streams.create({ url: 'wss://media.example.com/s' })).rejects.toThrow(/TW-VOICE-MEDIA-STREAMS: parameter Url points at a host that is not in allowedStreamHosts/);
    await pinned.calls(CA).streams.create({ url: 'wss://baa-vendor.example.com/s' });
    expect(g.wire.calls).toHaveLength(1);
  });
  it('allows a US call to a SIP/client address or number with https callbacks', async () => {
    await allowed(() => g.client.calls.create({ to: US, from: US_FROM, url: 'https://clinic.example.com/voice', statusCallback: 'https://clinic.example.com/status', recordingStatusCallback: 'https://clinic.example.com/rec' }));
    await g.client.calls.create({ to: 'client:nurse-station', from: US_FROM, twiml: '<Response><Connect><Stream url="wss://media.example.com/s"/></Connect></Response>' });
    expect(g.wire.calls).toHaveLength(2);
  });
});

describe('Verify (TW-VERIFY-CHANNELS)', () => {
  it('refuses the email channel', () => refused(() => g.client.verify.v2.services(VA).verifications.create({ to: 'maria@example.com', channel: 'email' }), 'TW-VERIFY-CHANNELS'));
  it('refuses the WhatsApp channel', () => refused(() => g.client.verify.v2.services(VA).verifications.create({ to: US, channel: 'whatsapp' }), 'TW-VERIFY-CHANNELS'));
  it('refuses SMS to a Canadian number', () => refused(() => g.client.verify.v2.services(VA).verifications.create({ to: VANCOUVER, channel: 'sms' }), 'TW-VERIFY-CHANNELS'));
  it('refuses a WhatsApp sender on the service', () => refused(() => g.client.verify.v2.services(VA).update({ 'whatsapp.from': `whatsapp:${US_FROM}` }), 'TW-VERIFY-CHANNELS'));
  it('allows SMS and call to US numbers', async () => {
    await allowed(() => g.client.verify.v2.services(VA).verifications.create({ to: US, channel: 'sms' }));
    await g.client.verify.v2.services(VA).verifications.create({ to: US, channel: 'call' });
  });
});

describe('Chat, Conversations, Serverless, Marketplace, Lookup, Video, eligibility', () => {
  it('refuses a public chat channel, and one created without Type', async () => {
    await refused(() => g.client.chat.v2.services(IS).channels.create({ friendlyName: 'ward-3', type: 'public' }), 'TW-CHAT-PRIVATE');
    await refused(() => g.client.chat.v2.services(IS).channels.create({ friendlyName: 'ward-3' }), 'TW-CHAT-PRIVATE');
  });
  it('allows a private chat channel', () => allowed(() => g.client.chat.v2.services(IS).channels.create({ friendlyName: 'ward-3', type: 'private' })));
  it('refuses a WhatsApp participant in a conversation', () =>
    refused(() => g.client.conversations.v1.conversations(CH).participants.create({ 'messagingBinding.address': `whatsapp:${US}`, 'messagingBinding.proxyAddress': `whatsapp:${US_FROM}` }), 'TW-CONV-CHANNELS'));
  it('refuses a WhatsApp address configuration in Conversations', () =>
    refused(() => g.client.conversations.v1.addressConfigurations.create({ type: 'whatsapp', address: `whatsapp:${US_FROM}` }), 'TW-CONV-CHANNELS'));
  it('files a Conversations participant under the SMS controls, not Voice (a Conference participant is Voice)', async () => {
    await refused(() => g.client.conversations.v1.conversations(CH).participants.create({ 'messagingBinding.address': VANCOUVER, 'messagingBinding.proxyAddress': US_FROM }), 'TW-SMS-US-ONLY');
    await refused(() => g.client.request({ method: 'post', uri: `https://conversations.twilio.com/v1/Conversations/${CH}/Participants`, data: { 'MessagingBinding.Address': US, Tags: 'x' } }), 'TW-SMS-TAGGING');
    await refused(() => g.client.conferences('CF0123456789abcdef0123456789abcdef').participants.create({ from: US_FROM, to: VANCOUVER }), 'TW-VOICE-US-ONLY');
  });
  it('allows an SMS participant between US numbers', () => allowed(() => g.client.conversations.v1.conversations(CH).participants.create({ 'messagingBinding.address': US, 'messagingBinding.proxyAddress': US_FROM })));
  it('refuses public Serverless asset and function versions', async () => {
    await refused(() => g.client.request({ method: 'post', uri: `https://serverless-upload.twilio.com/v1/Services/${ZS}/Assets/ZH0123456789abcdef0123456789abcdef/Versions`, data: { Path: '/forms/intake.pdf', Visibility: 'public' } }), 'TW-RT-ASSETS-PRIVATE');
    await refused(() => g.client.request({ method: 'post', uri: `https://serverless-upload.twilio.com/v1/Services/${ZS}/Functions/ZH0123456789abcdef0123456789abcdef/Versions`, data: { Path: '/hook', Visibility: 'public' } }), 'TW-RT-FUNCTIONS');
  });
  it('allows a private asset version and a Serverless service create', async () => {
    await allowed(() => g.client.request({ method: 'post', uri: `https://serverless-upload.twilio.com/v1/Services/${ZS}/Assets/ZH0123456789abcdef0123456789abcdef/Versions`, data: { Path: '/forms/intake.pdf', Visibility: 'private' } }));
    await g.client.serverless.v1.services.create({ uniqueName: 'clinic', friendlyName: 'Clinic' });
  });
  it('refuses a Lookup with Marketplace add-ons', () => refused(() => g.client.lookups.v1.phoneNumbers(US).fetch({ addOns: ['whitepages_pro_caller_id'] }), 'TW-LOOKUP-ADDONS'));
  it('allows a plain Lookup v2, and masks the number in the logged path', async () => {
    await allowed(() => g.client.lookups.v2.phoneNumbers(US).fetch());
    expect(JSON.stringify(g.events)).toContain('+1212555****');
  });
  it('refuses installing a Marketplace add-on', () => refused(() => g.client.marketplace.v1.installedAddOns.create({ availableAddOnSid: 'XB0123456789abcdef0123456789abcdef', acceptTermsOfService: true }), 'TW-MARKETPLACE'));
  it('refuses peer-to-peer, go and untyped video rooms; allows group rooms', async () => {
    await refused(() => g.client.video.v1.rooms.create({ type: 'peer-to-peer', uniqueName: 'consult' }), 'TW-VIDEO-GROUP-ROOMS');
    await refused(() => g.client.video.v1.rooms.create({ type: 'go' }), 'TW-VIDEO-GROUP-ROOMS');
    await refused(() => g.client.video.v1.rooms.create({ uniqueName: 'consult' }), 'TW-VIDEO-GROUP-ROOMS');
    await allowed(() => g.client.video.v1.rooms.create({ type: 'group', uniqueName: 'consult', statusCallback: 'https://clinic.example.com/video' }));
  });
  it('refuses products outside the HIPAA-eligible list (Proxy, Notify, Intelligence)', async () => {
    await refused(() => g.client.proxy.v1.services.create({ uniqueName: 'clinic' }), 'TW-ELIGIBLE-ONLY');
    await refused(() => g.client.notify.v1.services.create({ friendlyName: 'clinic' }), 'TW-ELIGIBLE-ONLY');
    await refused(() => g.client.intelligence.v2.services.create({ uniqueName: 'clinic' }), 'TW-ELIGIBLE-ONLY');
  });
  it('refuses a Studio flow with an Autopilot or virtual-agent widget, on create and update; allows other widgets', async () => {
    const FW = 'FW0123456789abcdef0123456789abcdef';
    const flow = (type: string) => ({ description: 'reminders', states: [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'w' }], properties: {} }, { name: 'w', type, transitions: [], properties: {} }], initial_state: 'Trigger', flags: {} });
    await refused(() => g.client.studio.v2.flows.create({ friendlyName: 'ivr', status: 'published', definition: flow('send-to-auto-pilot') }), 'TW-RT-STUDIO');
    await refused(() => g.client.studio.v2.flows(FW).update({ status: 'published', definition: flow('connect-virtual-agent') }), 'TW-RT-STUDIO');
    await allowed(() => g.client.studio.v2.flows.create({ friendlyName: 'ivr', status: 'published', definition: flow('gather-input-on-call') }));
  });
  // Provisioning APIs that carry the business's data, never a patient's (audit d8).
  it('allows provisioning: regulatory bundles, pricing, Trust Hub profiles and inbound routes', async () => {
    await allowed(() => g.client.numbers.v2.regulatoryCompliance.bundles.create({ friendlyName: 'clinic', email: 'ops@clinic.example.com' }));
    await g.client.pricing.v2.voice.countries('US').fetch();
    await g.client.trusthub.v1.customerProfiles.create({ friendlyName: 'clinic', email: 'ops@clinic.example.com', policySid: 'RN0123456789abcdef0123456789abcdef' });
    await g.client.routes.v2.phoneNumbers(US).fetch();
    expect(g.wire.calls).toHaveLength(4);
  });
  it('lets the SDK\'s TLS self-test through (a bare GET to tls-test.twilio.com)', async () => {
    await g.client.validateSslCert();
    expect(g.wire.calls).toEqual([{ method: 'get', uri: 'https://tls-test.twilio.com:443' }]);
  });
  it('refuses an http Event Streams sink destination nested in JSON', () =>
    refused(() => g.client.events.v1.sinks.create({ description: 'audit', sinkType: 'webhook', sinkConfiguration: { destination: 'http://collector.example.com/g.events', method: 'POST', batch_events: false } }), 'TW-HTTPS'));
});

describe('modes, sinks and failure', () => {
  it('report mode lets a violating request through and records the decision with masked data', async () => {
    const reported: GuardEvent[] = [];
    const reporting = twilio(ACCOUNT_SID, 'x', { httpClient: guardedHttpClient({ mode: 'report', httpClient: g.wire.inner as never, sink: (e) => reported.push(e) }) });
    await reporting.messages.create({ to: `whatsapp:${US}`, from: `whatsapp:${US_FROM}`, body: PHI_BODY });
    expect(g.wire.calls).toHaveLength(1);
    expect(reported).toEqual([expect.objectContaining({ event: 'twilio.outbound.decision', outcome: 'reported', mode: 'report', controlIds: ['TW-SMS-CHANNELS'] })]);
    expect(JSON.stringify(reported)).not.toMatch(/2125550100|4155550123|colonoscopy/);
  });

  it('a rule that throws refuses the request, in report mode too', async () => {
    const boom = { name: 'exploding', controlId: 'TW-HTTPS' as const, check: () => { throw new Error(`boom ${US}`); } };
    for (const mode of ['enforce', 'report'] as const) {
      const c = twilio(ACCOUNT_SID, 'x', { httpClient: guardedHttpClient({ mode, rules: [boom], httpClient: g.wire.inner as never }) });
      const error = await c.messages.create({ to: US, from: US_FROM, body: PHI_BODY }).then(() => undefined, (e: unknown) => e as HipaaPolicyError);
      expect(error).toBeInstanceOf(HipaaPolicyError);
      expect(error!.message).not.toContain(US);
    }
    expect(g.wire.calls).toHaveLength(0);
  });

  it('guardTwilio wraps an existing client in place (and does not stack)', async () => {
    const plain = twilio(ACCOUNT_SID, 'x', { httpClient: g.wire.inner as never });
    guardTwilio(plain, {});
    guardTwilio(plain, {});
    await expect(plain.messages.create({ to: VANCOUVER, from: US_FROM, body: PHI_BODY })).rejects.toBeInstanceOf(HipaaPolicyError);
    expect(g.wire.calls).toHaveLength(0);
    await plain.messages.create({ to: US, from: US_FROM, body: PHI_BODY });
    expect(g.wire.calls).toHaveLength(1);
  });

  it('guardTwilio on a default client refuses without opening a socket', async () => {
    const real = guardTwilio(twilio(ACCOUNT_SID, 'x'), { mode: 'enforce' });
    await expect(real.messages.create({ to: `whatsapp:${US}`, from: US_FROM, body: PHI_BODY })).rejects.toBeInstanceOf(HipaaPolicyError);
    expect(g.wire.socketConnects()).toBe(0);
  });

  it('logs through pino with masked numbers only', async () => {
    const pino = (await import('pino')).default;
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (l: string) => lines.push(l) });
    const c = twilio(ACCOUNT_SID, 'x', { httpClient: guardedHttpClient({ sink: logger, httpClient: g.wire.inner as never }) });
    await c.messages.create({ to: VANCOUVER, from: US_FROM, body: PHI_BODY }).catch(() => undefined);
    await c.messages.create({ to: US, from: US_FROM, body: PHI_BODY });
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toMatch(/6045550100|2125550100|4155550123|colonoscopy|Maria/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ outcome: 'denied', controlIds: ['TW-SMS-US-ONLY'] });
  });

  it('rejects a bad mode with a one-line error', () => {
    expect(() => guardedHttpClient({ mode: 'block' as never })).toThrow(/mode must be 'enforce' or 'report'/);
  });
});

describe('maskNumbersInPath', () => {
  it('masks numbers, keeps API versions and SIDs', async () => {
    const { maskNumbersInPath } = await import('../src/index.ts');
    expect(maskNumbersInPath(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(maskNumbersInPath('/v2/PhoneNumbers/%2B14155550123')).toBe('/v2/PhoneNumbers/+1415555****');
    expect(maskNumbersInPath('/v1/PhoneNumbers/4155550123')).toBe('/v1/PhoneNumbers/415555****');
    // Digits spelled as percent-escapes are numbers too (no shortcut skips a path with a %).
    expect(maskNumbersInPath('/v2/PhoneNumbers/%2B%31%34%31%35%35%35%35%30%31%32%33')).toBe('/v2/PhoneNumbers/+1415555****');
  });
});
