// Child process of bench/scan.bench.ts: the scan a user would write with the official SDK
// instead of Chaperone. It lists the subaccounts, then per account makes one typed
// `.list()` / `.fetch()` call after another over the kinds the scanner reads (a child list
// after its parent, as the SDK's shape invites). Accounts run one at a time (`sequential`)
// or `limit` at a time with p-limit, the usual way to add concurrency to such a script.
// It collects and throws away: no checks, no report, so it is the cheaper of the two.
import pLimit from 'p-limit';
import twilio from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import { TwinRequestClient } from '@chaperone/twin';
import { reportRun } from './measure.ts';

export interface PeerJob {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
  /** Accounts at once; 1 = one after another. */
  limit: number;
}

/** The SDK's RequestClient onto the twin, counting what it sends. */
class CountingClient extends TwinRequestClient {
  requests = 0;
  throttled = 0;
  override async request<TData>(opts: BaseRequestClient.RequestOptions<TData>) {
    this.requests++;
    const response = await super.request<TData>(opts);
    if (response.statusCode === 429) this.throttled++;
    return response;
  }
}

type Sdk = ReturnType<typeof twilio>;

/** One account, one call after another; a missing resource (404) is skipped. */
async function scanAccount(c: Sdk): Promise<number> {
  let resources = 0;
  const count = async <T>(call: () => Promise<T[]>): Promise<T[]> => {
    try {
      const items = await call();
      resources += items.length;
      return items;
    } catch {
      return [];
    }
  };
  const one = async <T>(call: () => Promise<T>): Promise<void> => {
    try {
      await call();
      resources++;
    } catch {
      // absent singleton (404): nothing to count
    }
  };
  for (const n of await count(() => c.incomingPhoneNumbers.list())) await count(() => c.incomingPhoneNumbers(n.sid).assignedAddOns.list());
  await count(() => c.applications.list());
  for (const d of await count(() => c.sip.domains.list())) {
    await count(() => c.sip.domains(d.sid).auth.calls.credentialListMappings.list());
    await count(() => c.sip.domains(d.sid).auth.calls.ipAccessControlListMappings.list());
  }
  await count(() => c.recordings.list());
  for (const s of await count(() => c.messaging.v1.services.list())) {
    await count(() => c.messaging.v1.services(s.sid).channelSenders.list());
    await count(() => c.messaging.v1.services(s.sid).phoneNumbers.list());
  }
  await count(() => c.messaging.v2.channelsSenders.list({ channel: 'whatsapp' }));
  await count(() => c.trunking.v1.trunks.list());
  for (const s of await count(() => c.chat.v2.services.list())) await count(() => c.chat.v2.services(s.sid).channels.list());
  await one(() => c.conversations.v1.configuration.webhooks().fetch());
  await count(() => c.conversations.v1.addressConfigurations.list());
  for (const s of await count(() => c.conversations.v1.services.list())) await one(() => c.conversations.v1.services(s.sid).configuration.webhooks().fetch());
  for (const conv of await count(() => c.conversations.v1.conversations.list())) {
    await count(() => c.conversations.v1.conversations(conv.sid).participants.list());
    await count(() => c.conversations.v1.conversations(conv.sid).webhooks.list());
  }
  await count(() => c.sync.v1.services.list());
  for (const w of await count(() => c.taskrouter.v1.workspaces.list())) {
    await count(() => c.taskrouter.v1.workspaces(w.sid).workflows.list());
    await count(() => c.taskrouter.v1.workspaces(w.sid).workers.list());
    await count(() => c.taskrouter.v1.workspaces(w.sid).tasks.list());
  }
  for (const f of await count(() => c.studio.v2.flows.list())) await one(() => c.studio.v2.flows(f.sid).fetch());
  for (const s of await count(() => c.serverless.v1.services.list())) {
    const svc = c.serverless.v1.services(s.sid);
    for (const fn of await count(() => svc.functions.list())) await count(() => svc.functions(fn.sid).functionVersions.list());
    for (const a of await count(() => svc.assets.list())) await count(() => svc.assets(a.sid).assetVersions.list());
    for (const e of await count(() => svc.environments.list())) await count(() => svc.environments(e.sid).variables.list());
  }
  await count(() => c.events.v1.sinks.list());
  for (const s of await count(() => c.events.v1.subscriptions.list())) await count(() => c.events.v1.subscriptions(s.sid).subscribedEvents.list());
  await count(() => c.video.v1.rooms.list());
  await one(() => c.video.v1.recordingSettings().fetch());
  await one(() => c.video.v1.compositionSettings().fetch());
  await count(() => c.video.v1.compositionHooks.list());
  for (const s of await count(() => c.verify.v2.services.list())) await count(() => c.verify.v2.services(s.sid).webhooks.list());
  await count(() => c.marketplace.v1.installedAddOns.list());
  await count(() => c.voice.v1.dialingPermissions.countries.list());
  await count(() => c.voice.v1.byocTrunks.list());
  for (const a of await count(() => c.monitor.v1.alerts.list())) await one(() => c.monitor.v1.alerts(a.sid).fetch());
  await one(() => c.flexApi.v1.configuration().fetch());
  await count(() => c.flexApi.v1.flexFlow.list());
  await count(() => c.flexApi.v1.plugins.list());
  await count(() => c.accounts.v1.credentials.publicKey.list());
  // The non-eligible products the scanner lists too (collect/non-eligible-products.ts).
  await count(() => c.proxy.v1.services.list());
  await count(() => c.notify.v1.services.list());
  await count(() => c.intelligence.v2.services.list());
  // This SDK version has no typed AI Assistants resource: the generic request of the same client.
  await c.request({ method: 'get', uri: 'https://assistants.twilio.com/v1/Assistants' }).catch(() => undefined);
  return resources;
}

if (process.argv[1]?.endsWith('sdk-peer.ts')) {
  const job = JSON.parse(process.argv[2]!) as PeerJob;
  await reportRun(async () => {
    const httpClient = new CountingClient(job.baseUrl, { keepAlive: true });
    const master = twilio(job.master.accountSid, job.master.authToken, { httpClient });
    const subaccounts = (await master.api.v2010.accounts.list()).filter((a) => a.ownerAccountSid === job.master.accountSid);
    const limit = pLimit(job.limit);
    const counts = await Promise.all(subaccounts.map((sub) => limit(() => scanAccount(twilio(sub.sid, sub.authToken, { httpClient })))));
    return { accounts: subaccounts.length, resources: counts.reduce((a, b) => a + b, 0), requests: httpClient.requests, throttled: httpClient.throttled };
  });
}
