/* eslint-disable @typescript-eslint/no-explicit-any -- captured batches are untyped JSON */
import { Analytics, type HTTPClient, type HTTPClientRequest } from '@segment/analytics-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleV1 } from '../api/types.ts';
import { allowListFromRules, decryptField, hmacField, parseKey, trackingPlanGuard, type GuardDecision, type TrackingPlanGuardOptions } from './index.ts';

const HASH_KEY = 'a'.repeat(64);
const ENC_KEY = 'b'.repeat(64);

const rules: RuleV1[] = [
  { type: 'TRACK', key: 'Appointment Booked', version: 1, jsonSchema: { properties: { properties: { properties: { appointment_type: {}, clinic_id: {}, patient_email: {} } } } } },
  { type: 'TRACK', key: 'Reminder Opened', version: 1, jsonSchema: { properties: { properties: { properties: { clinic_id: {} } } } } },
  { type: 'IDENTIFY', version: 1, jsonSchema: { properties: { traits: { properties: { plan_tier: {}, dob: {} } } } } },
  { type: 'TRACK', key: 'Old Event', version: 1, deprecatedAt: '2026-01-01', jsonSchema: {} },
];
const plan = allowListFromRules(rules);

/** An Analytics instance whose HTTP client captures what would be sent to Segment. */
function harness(options: Partial<TrackingPlanGuardOptions> = {}) {
  const sent: Record<string, any>[] = [];
  const decisions: GuardDecision[] = [];
  const httpClient: HTTPClient = {
    async makeRequest(request: HTTPClientRequest) {
      sent.push(...(JSON.parse(request.body) as { batch: Record<string, any>[] }).batch);
      return { status: 200, statusText: 'OK', headers: {}, text: async () => '' };
    },
  };
  // A short flushInterval: analytics-node's closeAndFlush waits for the batch timer when a
  // plugin cancels events (they count as pending until then).
  const analytics = new Analytics({ writeKey: 'test-write-key', httpClient, flushAt: 1000, flushInterval: 10, maxRetries: 0 });
  // Deliveries the guard cancels are reported as errors; keep them from surfacing as unhandled.
  analytics.on('error', () => undefined);
  analytics.register(trackingPlanGuard({ plan, hashKey: HASH_KEY, encryptionKey: ENC_KEY, onDecision: (d) => decisions.push(d), ...options }));
  return { analytics, sent, decisions };
}

describe('allowListFromRules', () => {
  it('reads events, properties and traits from Protocols rules, skipping deprecated ones', () => {
    expect(plan).toEqual({
      events: { 'Appointment Booked': ['appointment_type', 'clinic_id', 'patient_email'], 'Reminder Opened': ['clinic_id'] },
      traits: ['plan_tier', 'dob'],
    });
  });
});

describe('trackingPlanGuard on analytics-node', () => {
  it('drops unplanned events and removes unplanned properties and traits', async () => {
    const { analytics, sent, decisions } = harness();
    analytics.track({ userId: 'u1', event: 'Appointment Booked', properties: { appointment_type: 'checkup', clinic_id: 'c1', notes: 'chest pain' } });
    analytics.track({ userId: 'u1', event: 'Patient Jane Doe Viewed', properties: { clinic_id: 'c1' } });
    analytics.identify({ userId: 'u1', traits: { plan_tier: 'gold', diagnosis: 'asthma' } });
    analytics.group({ userId: 'u1', groupId: 'g1', traits: { name: 'x' } });
    analytics.page({ userId: 'u1', name: 'Home' });
    await analytics.closeAndFlush();
    expect(sent.map((e) => [e.type, e.event ?? null, e.properties ?? e.traits])).toEqual([
      ['track', 'Appointment Booked', { appointment_type: 'checkup', clinic_id: 'c1' }],
      ['identify', null, { plan_tier: 'gold' }],
    ]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        { control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type: 'track', event: 'Appointment Booked', field: 'properties.notes', reason: 'not in the tracking plan' },
        { control: 'SEG-PROTOCOLS-PLAN', action: 'drop-event', type: 'track', reason: 'track event not in the tracking plan' },
        { control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type: 'identify', field: 'traits.diagnosis', reason: 'not in the tracking plan' },
        { control: 'SEG-PROTOCOLS-PLAN', action: 'drop-event', type: 'group', reason: 'group calls are not in the tracking plan' },
        { control: 'SEG-PROTOCOLS-PLAN', action: 'drop-event', type: 'page', reason: 'page calls are not in the tracking plan' },
      ]),
    );
    // Decisions carry no values, and never an unplanned event name.
    expect(JSON.stringify(decisions)).not.toMatch(/chest pain|asthma|Jane Doe|gold|checkup/);
  });

  it('drops, hashes or encrypts PHI in planned fields', async () => {
    const { analytics, sent, decisions } = harness({ fields: { 'properties.patient_email': 'encrypt', dob: 'hash' } });
    analytics.track({ userId: 'jane.doe@example.com', event: 'Appointment Booked', properties: { patient_email: 'jane.doe@example.com', clinic_id: 'c1', appointment_type: 'Call Jane at (415) 555-0134' } });
    analytics.identify({ userId: 'u2', traits: { dob: '1984-03-02', plan_tier: 'silver' } });
    await analytics.closeAndFlush();
    const [track, identify] = sent as [Record<string, any>, Record<string, any>];
    expect(track.userId).toBe(hmacField('jane.doe@example.com', parseKey(HASH_KEY, 'k')));
    expect(decryptField(track.properties.patient_email, parseKey(ENC_KEY, 'k'))).toBe('jane.doe@example.com');
    expect(track.properties).not.toHaveProperty('appointment_type');
    expect(identify.traits).toEqual({ dob: hmacField('1984-03-02', parseKey(HASH_KEY, 'k')), plan_tier: 'silver' });
    expect(JSON.stringify(sent)).not.toMatch(/jane\.doe|555-0134|1984-03-02/);
    expect(decisions.filter((d) => d.control === 'SEG-DEST-FILTERS').map((d) => [d.action, d.field])).toEqual([
      ['encrypt', 'properties.patient_email'],
      ['drop', 'properties.appointment_type'],
      ['hash', 'userId'],
      ['hash', 'traits.dob'],
    ]);
  });

  it('protects PHI found in the context and in context.traits', async () => {
    const { analytics, sent } = harness();
    analytics.track({ userId: 'u3', event: 'Reminder Opened', properties: { clinic_id: 'c1' }, context: { traits: { plan_tier: 'gold', email: 'a@b.example' }, page: { url: 'https://clinic.example/?email=jane.doe@example.com' } } });
    await analytics.closeAndFlush();
    const context = sent[0]!.context;
    expect(context.traits).toEqual({ plan_tier: 'gold' });
    expect(context).not.toHaveProperty('page');
    expect(context.library.name).toBe('@segment/analytics-node');
  });

  it('refuses to start without the keys its rules need, in one line', () => {
    expect(() => trackingPlanGuard({ plan, fields: { dob: 'hash' } })).toThrow('a field is to be hashed but hashKey is not set; fix: pass hashKey (32 bytes)');
    expect(() => trackingPlanGuard({ plan, onPhi: 'encrypt' })).toThrow(/encryptionKey is not set/);
    expect(() => trackingPlanGuard({ plan, hashKey: 'short', fields: { dob: 'hash' } })).toThrow(/hashKey must be 32 bytes/);
  });

  it('fails closed when the guard itself breaks', async () => {
    const { analytics, sent, decisions } = harness();
    const hostile = { get clinic_id() { throw new Error('boom'); } };
    analytics.track({ userId: 'u', event: 'Reminder Opened', properties: hostile as unknown as Record<string, unknown> });
    await analytics.closeAndFlush();
    expect(sent).toEqual([]);
    expect(decisions.at(-1)).toMatchObject({ action: 'drop-event', reason: 'guard error (Error)' });
  });
});

describe('no property outside the plan ever reaches Segment (property-based)', () => {
  const plannedEvents = Object.keys(plan.events);
  const key = fc.oneof(fc.constantFrom('appointment_type', 'clinic_id', 'patient_email', 'plan_tier', 'dob', 'notes', 'email', 'ssn', '__proto__', 'constructor'), fc.string({ maxLength: 8 }));
  const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('jane.doe@example.com', '123-45-6789', '(415) 555-0134'), fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }));
  const bag = fc.dictionary(key, value, { maxKeys: 6 });
  const call = fc.oneof(
    fc.record({ kind: fc.constant('track' as const), event: fc.oneof(fc.constantFrom(...plannedEvents, 'Old Event'), fc.string({ maxLength: 12 })), properties: bag, contextTraits: bag }),
    fc.record({ kind: fc.constant('identify' as const), traits: bag }),
    fc.record({ kind: fc.constant('group' as const), traits: bag }),
    fc.record({ kind: fc.constant('page' as const), properties: bag }),
  );

  it('holds for a few hundred random batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { maxLength: 6 }), async (calls) => {
        const { analytics, sent } = harness({ fields: { patient_email: 'encrypt', dob: 'hash' }, onPhi: 'hash' });
        for (const c of calls) {
          if (c.kind === 'track') analytics.track({ userId: 'u', event: c.event, properties: c.properties, context: { traits: c.contextTraits } });
          else if (c.kind === 'identify') analytics.identify({ userId: 'u', traits: c.traits });
          else if (c.kind === 'group') analytics.group({ userId: 'u', groupId: 'g', traits: c.traits });
          else analytics.page({ userId: 'u', properties: c.properties });
        }
        await analytics.closeAndFlush();
        for (const event of sent) {
          if (event.type === 'track') {
            expect(plannedEvents).toContain(event.event);
            for (const k of Object.keys(event.properties ?? {})) expect(plan.events[event.event]).toContain(k);
            for (const k of Object.keys(event.context?.traits ?? {})) expect(plan.traits).toContain(k);
          } else if (event.type === 'identify') {
            for (const k of Object.keys(event.traits ?? {})) expect(plan.traits).toContain(k);
          } else {
            throw new Error(`unplanned ${event.type} call was sent`);
          }
        }
        expect(JSON.stringify(sent)).not.toMatch(/jane\.doe@example\.com|123-45-6789|555-0134/);
      }),
      { numRuns: 300 },
    );
  });
});
