// Integration tests through the official `twilio` SDK (never raw fetch): the twin must be
// indistinguishable from Twilio to the SDK. Every response is contract-checked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { startTwin, type Twin } from '../src/index.ts';
import { ContractCheckingClient } from './checking-client.ts';

const FIXTURE = fileURLToPath(new URL('../../../fixtures/sample-clinic.yaml', import.meta.url));
const MASTER = 'AC0ba1e00000000000000000000000b001';
const SCHEDULING = 'AC0ba1e00000000000000000000000c001';
const SCHEDULING_TOKEN = 'deadbeefdeadbeefdeadbeef0000c001';
const TELEHEALTH = 'AC0ba1e00000000000000000000000d001';

let twin: Twin;
const clients: ContractCheckingClient[] = [];

function httpClient(): ContractCheckingClient {
  const client = new ContractCheckingClient(twin.baseUrl);
  clients.push(client);
  return client;
}

function sdk(username: string, password: string, accountSid?: string) {
  return twilio(username, password, { httpClient: httpClient(), ...(accountSid ? { accountSid } : {}) });
}

function asMaster() {
  return sdk(twin.master.accountSid, twin.master.authToken);
}

beforeAll(async () => {
  twin = await startTwin({ fixture: FIXTURE, seed: 11 });
});

afterAll(async () => {
  await twin.close();
});

afterEach(() => {
  // Every response served during the test validates against the official spec.
  for (const client of clients) expect(client.violations).toEqual([]);
});

describe('accounts and auth', () => {
  it('lists the master and its subaccounts, each with its auth token', async () => {
    const accounts = await asMaster().api.v2010.accounts.list();
    expect(twin.master.accountSid).toBe(MASTER);
    expect(accounts.map((a) => a.sid).sort()).toEqual(twin.accounts.map((a) => a.sid).sort());
    const scheduling = accounts.find((a) => a.sid === SCHEDULING)!;
    expect(scheduling.authToken).toBe(SCHEDULING_TOKEN);
    expect(scheduling.ownerAccountSid).toBe(MASTER);
  });

  it('lets a subaccount see only itself', async () => {
    const accounts = await sdk(SCHEDULING, SCHEDULING_TOKEN).api.v2010.accounts.list();
    expect(accounts.map((a) => a.sid)).toEqual([SCHEDULING]);
  });

  it('answers 401 with Twilio error 20003 for a wrong token, without echoing it', async () => {
    const wrong = 'deadbeefdeadbeefdeadbeefbad00000';
    const error = await sdk(SCHEDULING, wrong).trunking.v1.trunks.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 20003, moreInfo: 'https://www.twilio.com/docs/errors/20003' });
    expect(JSON.stringify(error)).not.toContain(wrong);
    expect(String((error as Error).message)).not.toContain(wrong);
  });

  it('accepts an API key and secret, acting for the key owner', async () => {
    const client = sdk('SK0ba1e00000000000000000000000d001', 'deadbeefdeadbeefdeadbeefsk00d001', TELEHEALTH);
    const rooms = await client.video.v1.rooms.list();
    // As Twilio: without Status, rooms in progress only ("`in-progress` (default)").
    expect(rooms.map((r) => r.uniqueName).sort()).toEqual(['quick-consult', 'visit-dr-okafor']);
    expect((await client.video.v1.rooms.list({ status: 'completed' })).map((r) => r.uniqueName)).toEqual(['nurse-line']);
  });

  it('refuses a Standard key the Account and Key resources with 401 20003, as Twilio; a Main key reaches them', async () => {
    const standard = sdk('SK0ba1e00000000000000000000000d001', 'deadbeefdeadbeefdeadbeefsk00d001', TELEHEALTH);
    for (const call of [() => standard.api.v2010.accounts.list(), () => standard.api.v2010.accounts(TELEHEALTH).fetch(), () => standard.api.v2010.accounts(TELEHEALTH).keys.list(), () => standard.iam.v1.getApiKeys.list({ accountSid: TELEHEALTH })]) {
      expect(await call().catch((e: unknown) => e)).toMatchObject({ status: 401, code: 20003 });
    }
    // Everything else still serves the key's account.
    expect(await standard.api.v2010.accounts(TELEHEALTH).applications.list()).toBeInstanceOf(Array);
    const main = sdk('SK0ba1e00000000000000000000000b001', 'deadbeefdeadbeefdeadbeefsk00b001', MASTER);
    const listed = await main.api.v2010.accounts.list();
    expect(listed.map((a) => a.sid)).toContain(TELEHEALTH);
    expect(await main.api.v2010.accounts(MASTER).keys.list()).toBeInstanceOf(Array);
  });

  it('lets a master reach a subaccount v2010 path but scopes other APIs to the caller', async () => {
    const master = asMaster();
    const numbers = await master.api.v2010.accounts(SCHEDULING).incomingPhoneNumbers.list();
    expect(numbers.map((n) => n.phoneNumber)).toEqual(['+14155550101', '+14155550102', '+16045550123']);
    // The master's own trunking API holds no trunks: trunks belong to Telehealth.
    expect(await master.trunking.v1.trunks.list()).toEqual([]);
    expect(await sdk(TELEHEALTH, 'deadbeefdeadbeefdeadbeef0000d001').trunking.v1.trunks.list()).toHaveLength(2);
  });

  it('creates a subaccount whose own token then works', async () => {
    const created = await asMaster().api.v2010.accounts.create({ friendlyName: 'Bayview Pharmacy' });
    expect(created.ownerAccountSid).toBe(MASTER);
    const own = sdk(created.sid, created.authToken);
    expect((await own.api.v2010.accounts(created.sid).fetch()).friendlyName).toBe('Bayview Pharmacy');
    expect(await own.trunking.v1.trunks.list()).toEqual([]);
  });

  it('refuses a subaccount reaching its sibling with 404', async () => {
    const error = await sdk(SCHEDULING, SCHEDULING_TOKEN).api.v2010.accounts(TELEHEALTH).incomingPhoneNumbers.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 20404 });
  });
});

describe('resources', () => {
  it('fetches fixture resources with defaults filled in and derived fields set', async () => {
    const client = sdk(TELEHEALTH, 'deadbeefdeadbeefdeadbeef0000d001');
    const trunk = await client.trunking.v1.trunks('TK0ba1e00000000000000000000000d002').fetch();
    expect(trunk.secure).toBe(false);
    expect(trunk.accountSid).toBe(TELEHEALTH);
    expect(trunk.url).toBe('https://trunking.twilio.com/v1/Trunks/TK0ba1e00000000000000000000000d002');
    expect(trunk.links.origination_urls).toBe('https://trunking.twilio.com/v1/Trunks/TK0ba1e00000000000000000000000d002/OriginationUrls');
    const settings = await client.video.v1.recordingSettings().fetch();
    expect(settings.encryptionEnabled).toBe(false);
  });

  it('creates, fetches, updates and deletes a resource', async () => {
    const client = sdk(SCHEDULING, SCHEDULING_TOKEN);
    const created = await client.sync.v1.services.create({ friendlyName: 'Lab results board', aclEnabled: true, webhookUrl: 'https://api.example.org/sync' });
    expect(created.sid).toMatch(/^IS[0-9a-f]{32}$/);
    expect(created.aclEnabled).toBe(true);
    expect((await client.sync.v1.services(created.sid).fetch()).friendlyName).toBe('Lab results board');
    const updated = await client.sync.v1.services(created.sid).update({ aclEnabled: false });
    expect(updated.aclEnabled).toBe(false);
    expect(updated.friendlyName).toBe('Lab results board');
    expect(await client.sync.v1.services(created.sid).remove()).toBe(true);
    const error = await client.sync.v1.services(created.sid).fetch().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 20404 });
  });

  it('creates v2010 resources from PascalCase params and nested children under a parent', async () => {
    const client = sdk(SCHEDULING, SCHEDULING_TOKEN);
    const number = await client.incomingPhoneNumbers.create({ phoneNumber: '+14155550140', smsUrl: 'https://api.example.org/sms', voiceCallerIdLookup: true });
    expect(number.sid).toMatch(/^PN/);
    expect(number.smsUrl).toBe('https://api.example.org/sms');
    expect(number.voiceCallerIdLookup).toBe(true);
    const flow = await client.studio.v2.flows.create({ friendlyName: 'Triage', status: 'draft', definition: { states: [], initial_state: 'Trigger' } });
    expect(flow.definition).toEqual({ states: [], initial_state: 'Trigger' });
    const telehealth = sdk(TELEHEALTH, 'deadbeefdeadbeefdeadbeef0000d001');
    const origination = await telehealth.trunking.v1.trunks('TK0ba1e00000000000000000000000d002').originationUrls.create({
      friendlyName: 'backup',
      sipUrl: 'sip:backup.example.org',
      priority: 20,
      weight: 5,
      enabled: true,
    });
    expect(origination.trunkSid).toBe('TK0ba1e00000000000000000000000d002');
    const urls = await telehealth.trunking.v1.trunks('TK0ba1e00000000000000000000000d002').originationUrls.list();
    expect(urls.map((u) => u.sid)).toEqual([origination.sid]);
  });

  it('updates singletons', async () => {
    const client = sdk(TELEHEALTH, 'deadbeefdeadbeefdeadbeef0000d001');
    const updated = await client.video.v1.compositionSettings().create({ friendlyName: 'Compositions v2', encryptionEnabled: false });
    expect(updated.encryptionEnabled).toBe(false);
    expect((await client.video.v1.compositionSettings().fetch()).friendlyName).toBe('Compositions v2');
    const webhooks = await sdk(SCHEDULING, SCHEDULING_TOKEN).conversations.v1.configuration.webhooks().fetch();
    expect(webhooks.preWebhookUrl).toBe('http://api.bayviewclinic.example/conversations-pre');
  });

  it('deletes a parent together with its nested children', async () => {
    const client = sdk(TELEHEALTH, 'deadbeefdeadbeefdeadbeef0000d001');
    const trunk = await client.trunking.v1.trunks.create({ friendlyName: 'temporary', secure: true });
    await client.trunking.v1.trunks(trunk.sid).originationUrls.create({ friendlyName: 'o', sipUrl: 'sip:o.example.org', priority: 1, weight: 1, enabled: true });
    expect(await client.trunking.v1.trunks(trunk.sid).originationUrls.list()).toHaveLength(1);
    await client.trunking.v1.trunks(trunk.sid).remove();
    await expect(client.trunking.v1.trunks(trunk.sid).originationUrls.list()).rejects.toMatchObject({ status: 404 });
  });

  it('answers 404 for an unknown SID and for a child of an unknown parent', async () => {
    const client = sdk(TELEHEALTH, 'deadbeefdeadbeefdeadbeef0000d001');
    await expect(client.trunking.v1.trunks('TK0ba1e000000000000000000000000bad').fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.trunking.v1.trunks('TK0ba1e000000000000000000000000bad').originationUrls.list()).rejects.toMatchObject({ status: 404 });
  });

  it('answers 400 with code 20001 for a missing required parameter', async () => {
    const client = sdk(SCHEDULING, SCHEDULING_TOKEN);
    // verify services require FriendlyName; the SDK checks too, so send through the raw request API.
    const error = await client
      .request({ method: 'post', uri: 'https://verify.twilio.com/v2/Services', data: {} })
      .then((r) => (r.statusCode === 400 ? (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) : r.statusCode));
    expect(error).toMatchObject({ code: 20001, status: 400 });
  });
});

describe('paging', () => {
  it('auto-paginates v1 lists across pages with each() and list()', async () => {
    const client = sdk(SCHEDULING, SCHEDULING_TOKEN);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await client.serverless.v1.services.create({ friendlyName: `svc ${i}`, uniqueName: `svc-${i}` })).sid);
    const listed = await client.serverless.v1.services.list({ pageSize: 3 });
    expect(listed.map((s) => s.sid)).toEqual(['ZS0ba1e00000000000000000000000c001', ...created]);
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) =>
      client.serverless.v1.services.each({ pageSize: 2, done: (error?: Error) => (error ? reject(error) : resolve()) }, (svc) => {
        seen.push(svc.sid);
      }),
    );
    expect(seen).toHaveLength(8);
    const page = await client.serverless.v1.services.page({ pageSize: 3 });
    expect(page.instances).toHaveLength(3);
    const next = await page.nextPage();
    expect(next!.instances.map((s) => s.sid)).toEqual(created.slice(2, 5));
  });

  it('auto-paginates v2010 lists with next_page_uri and honours limit', async () => {
    const client = sdk(SCHEDULING, SCHEDULING_TOKEN);
    const all = await client.incomingPhoneNumbers.list({ pageSize: 2 });
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await client.incomingPhoneNumbers.list({ pageSize: 2, limit: 3 })).toHaveLength(3);
    const filtered = await client.incomingPhoneNumbers.list({ phoneNumber: '+16045550123' });
    expect(filtered.map((n) => n.sid)).toEqual(['PN0ba1e00000000000000000000000c003']);
  });
});

describe('contract checking', () => {
  it('checked the responses of this suite', () => {
    expect(clients.reduce((n, c) => n + c.checked, 0)).toBeGreaterThan(20);
  });
});
