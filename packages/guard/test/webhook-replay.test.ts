// The at-most-once defect of the independent review (defects.md §3 item 8): the idempotency
// token was claimed before the handler ran, so when the handler failed (500) Twilio's retry
// was acknowledged with empty TwiML and the event was dropped for good; and the memory store
// forgot tokens still inside their window once it held 100,000 of them.
import { Redis } from 'ioredis';
import twilio from 'twilio';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_TWIML, MemoryReplayStore, RedisReplayStore, resolveWebhookGuard, verifyWebhook, type GuardEvent, type ReplayStore } from '../src/index.ts';
import { ADAPTERS, startAdapter } from './support/adapters.ts';

const TOKEN = 'replay-token-51c0de';
const PATIENT_BODY = 'Appointment moved, MRN 4410023';
const params = { From: '+14155550188', To: '+12125550100', Body: PATIENT_BODY, MessageSid: 'SM00000000000000000000000000000001' };
const form = new URLSearchParams(params).toString();
const URL_SMS = 'https://clinic.example.com/sms';
const headersFor = (token: string) => ({ 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, URL_SMS, params), 'i-twilio-idempotency-token': token });

const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());
const prefix = `chaperone-test:${process.pid}:${Date.now()}:replay:`;

const STORES: [string, () => Promise<ReplayStore>][] = [
  ['memory', async () => new MemoryReplayStore()],
  [
    'Redis (127.0.0.1:6379)',
    async () => {
      if (redis.status === 'wait') await redis.connect();
      return new RedisReplayStore(redis, prefix);
    },
  ],
];

describe.each(STORES)('%s store', (_storeName, makeStore) => {
  it.each(ADAPTERS)('%s: a retry after the handler failed runs the handler; a retry after it succeeded is acknowledged', async (name) => {
    let failures = 1;
    const events: GuardEvent[] = [];
    const adapter = await startAdapter(name, { authToken: TOKEN, publicUrl: 'https://clinic.example.com', replayStore: await makeStore(), sink: (e) => events.push(e) }, { fails: () => failures-- > 0 });
    try {
      const headers = headersFor(`failed-then-retried-${name}-${Date.now()}`);
      const first = await adapter.send({ path: '/sms', headers, body: form });
      expect(first.status).toBe(500);
      // Twilio retries the same event with the same token: the handler must run again.
      const retry = await adapter.send({ path: '/sms', headers, body: form });
      expect(retry.status).toBe(200);
      expect(retry.body).not.toBe(EMPTY_TWIML);
      expect(adapter.handled).toHaveLength(2);
      // Once handled, a further retry is acknowledged without running the handler.
      const again = await adapter.send({ path: '/sms', headers, body: form });
      expect(again).toMatchObject({ status: 200, body: EMPTY_TWIML });
      expect(adapter.handled).toHaveLength(2);
      expect(JSON.stringify(events)).not.toContain('MRN');
    } finally {
      await adapter.close();
    }
  });

  it('a delivery that arrives while the first is still being handled answers 503, and the first one settles it', async () => {
    const guard = resolveWebhookGuard({ authToken: TOKEN, replayStore: await makeStore() });
    const inbound = { method: 'POST', url: URL_SMS, headers: headersFor(`in-flight-${Date.now()}`), rawBody: Buffer.from(form) };
    const first = await verifyWebhook(inbound, guard);
    expect(first.ok).toBe(true);
    expect(await verifyWebhook(inbound, guard)).toMatchObject({ ok: false, status: 503, reason: 'replay-in-flight' });
    if (first.ok) await first.settle('failed');
    const retried = await verifyWebhook(inbound, guard);
    expect(retried.ok).toBe(true);
    if (retried.ok) await retried.settle('handled');
    expect(await verifyWebhook(inbound, guard)).toMatchObject({ ok: false, status: 200, reason: 'replayed' });
  });

  it('a claim whose process never answered lapses after inFlightTtlMs, and the next retry runs', async () => {
    const guard = resolveWebhookGuard({ authToken: TOKEN, replayStore: await makeStore(), inFlightTtlMs: 40 });
    const inbound = { method: 'POST', url: URL_SMS, headers: headersFor(`lapsed-${Date.now()}`), rawBody: Buffer.from(form) };
    expect((await verifyWebhook(inbound, guard)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await verifyWebhook(inbound, guard)).ok).toBe(true);
  });
});

describe('memory store size bound', () => {
  it('refuses with 503 replay-store-full rather than forget a token inside its window', async () => {
    let now = 0;
    const store = new MemoryReplayStore({ maxEntries: 3, now: () => now });
    const guard = resolveWebhookGuard({ authToken: TOKEN, replayStore: store });
    const deliver = (token: string) => verifyWebhook({ method: 'POST', url: URL_SMS, headers: headersFor(token), rawBody: Buffer.from(form) }, guard);
    for (const token of ['t1', 't2', 't3']) {
      const verdict = await deliver(token);
      if (verdict.ok) await verdict.settle('handled');
    }
    expect(await deliver('t4')).toMatchObject({ ok: false, status: 503, reason: 'replay-store-full' });
    // The oldest token is still remembered: its replay is acknowledged, never run again.
    expect(await deliver('t1')).toMatchObject({ ok: false, status: 200, reason: 'replayed' });
    expect(store.size).toBe(3);
    // Once the window has passed, expired tokens make room.
    now += 60 * 60 * 1000 + 1;
    expect((await deliver('t4')).ok).toBe(true);
  });
});
