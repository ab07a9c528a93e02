/* eslint-disable @typescript-eslint/no-explicit-any -- captured batches are untyped JSON */
import { Analytics, type HTTPClient, type HTTPClientRequest } from '@segment/analytics-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleV1 } from '../api/types.ts';
import { allowListFromRules, compileAllowList, decryptField, fieldSchemaFromJsonSchema, hmacField, parseKey, trackingPlanGuard, type GuardDecision, type TrackingPlanGuardOptions } from './index.ts';

const HASH_KEY = 'a'.repeat(64);
const ENC_KEY = 'b'.repeat(64);

const rules: RuleV1[] = [
  {
    type: 'TRACK',
    key: 'Appointment Booked',
    version: 1,
    jsonSchema: {
      properties: {
        properties: {
          type: 'object',
          properties: {
            appointment_type: {},
            clinic_id: {},
            patient_email: {},
            appointment: { type: 'object', properties: { id: { type: 'string' }, slot: { type: 'object', properties: { start: {} } } } },
            tags: { type: 'array', items: { type: 'string' } },
            items: { type: 'array', items: { type: 'object', properties: { sku: {} } } },
            meta: { type: 'object' },
            extra: { type: 'object', additionalProperties: true },
          },
        },
      },
    },
  },
  { type: 'TRACK', key: 'Reminder Opened', version: 1, jsonSchema: { properties: { properties: { properties: { clinic_id: {} } } } } },
  { type: 'IDENTIFY', version: 1, jsonSchema: { properties: { traits: { properties: { plan_tier: {}, dob: {}, membership: { type: 'object', properties: { level: {} } } } } } } },
  { type: 'TRACK', key: 'Old Event', version: 1, deprecatedAt: '2026-01-01', jsonSchema: {} },
];
const plan = { ...allowListFromRules(rules), integrations: { Amplitude: ['session_id'] } };

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
  it('reads events, properties and traits from Protocols rules at every depth, skipping deprecated ones', () => {
    const derived = allowListFromRules(rules);
    expect(Object.keys(derived.events)).toEqual(['Appointment Booked', 'Reminder Opened']);
    expect(JSON.parse(JSON.stringify(derived.events['Appointment Booked']))).toEqual({
      appointment_type: {},
      clinic_id: {},
      patient_email: {},
      appointment: { properties: { id: {}, slot: { properties: { start: {} } } } },
      tags: { items: {} },
      items: { items: { properties: { sku: {} } } },
      meta: {},
      extra: { additionalProperties: true },
    });
    expect(Object.keys(derived.traits)).toEqual(['plan_tier', 'dob', 'membership']);
  });

  it('merges anyOf/oneOf/allOf branches and reads an additionalProperties schema', () => {
    const schema = fieldSchemaFromJsonSchema({ anyOf: [{ properties: { a: {} } }, { properties: { b: { properties: { c: {} } } } }], additionalProperties: { properties: { d: {} } } });
    expect(JSON.parse(JSON.stringify(schema))).toEqual({ properties: { a: {}, b: { properties: { c: {} } } }, additionalProperties: { properties: { d: {} } } });
  });

  it('compiles dotted names and [] in hand-written lists, and rejects a malformed plan in one line', () => {
    const compiled = compileAllowList({ events: { E: ['appointment.id', 'tags[]', 'items[].sku'] }, traits: [] });
    expect(JSON.parse(JSON.stringify(compiled.events.get('E')))).toEqual({ properties: { appointment: { properties: { id: {} } }, tags: { items: {} }, items: { items: { properties: { sku: {} } } } } });
    expect(() => compileAllowList({ events: { E: { a: 'yes' } as never }, traits: [] })).toThrow('plan.events["E"].a is not a field schema; fix: give a list of key names or a map of key → { properties, items, additionalProperties }');
    expect(() => compileAllowList({ events: {}, traits: ['a..b'] })).toThrow(/plan.traits has an empty key/);
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

describe('the allow-list and PHI handling at every depth', () => {
  it("blocks the reviewer's case: nested objects, arrays and integrations under a hand-written plan", async () => {
    const { analytics, sent, decisions } = harness({ plan: { events: { 'Appointment Booked': ['appointment', 'clinic', 'tags'] }, traits: ['plan'] } });
    analytics.track({ userId: 'u1', event: 'Appointment Booked', properties: { appointment: { id: 'a1', diagnosis: 'HIV positive', reason: 'chemotherapy follow-up' }, clinic: 'north', tags: ['oncology', 'hiv'], secret: 'x' } });
    analytics.track({ userId: 'u1', event: 'Appointment Booked', properties: { clinic: 'north' }, integrations: { Amplitude: { patient: 'John Smith 212-555-0187' } } as never });
    analytics.identify({ userId: 'u1', traits: { plan: 'gold' }, context: { page: { url: 'https://x.example/patients/123?dob=1980-02-01' }, device: { id: 'abc' } } as never });
    await analytics.closeAndFlush();
    expect(sent.map((e) => e.properties ?? e.traits)).toEqual([{ appointment: {}, clinic: 'north' }, { clinic: 'north' }, { plan: 'gold' }]);
    expect(sent[1]!.integrations).toEqual({});
    const wire = JSON.stringify(sent);
    for (const leak of ['HIV', 'hiv', 'diagnosis', 'chemotherapy', 'oncology', 'John Smith', '212-555-0187', 'patient', '1980-02-01', 'secret']) expect(wire).not.toContain(leak);
    expect(decisions).toEqual(
      expect.arrayContaining([
        { control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type: 'track', event: 'Appointment Booked', field: 'properties.appointment.diagnosis', reason: 'not in the tracking plan' },
        { control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type: 'track', event: 'Appointment Booked', field: 'properties.tags[]', reason: 'array items not in the tracking plan' },
        { control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type: 'track', event: 'Appointment Booked', field: 'integrations.Amplitude', reason: 'integration options not in the tracking plan' },
      ]),
    );
    expect(JSON.stringify(decisions)).not.toMatch(/HIV|oncology|John Smith|555-0187|chemotherapy|1980/);
  });

  it('keeps declared nested keys and array elements, and drops, hashes or encrypts PHI found in them', async () => {
    const { analytics, sent, decisions } = harness({ onPhi: 'hash', fields: { 'properties.appointment.slot': 'encrypt' } });
    analytics.track({
      userId: 'u1',
      event: 'Appointment Booked',
      properties: {
        appointment: { id: 'jane.doe@example.com', slot: { start: '09:00', room: 'B' }, notes: 'x' },
        tags: ['flu', '123-45-6789', { nested: 'object' }],
        items: [{ sku: 'S1', name: 'Jane' }, 'loose', [1]],
        meta: { anything: 1 },
        extra: { free_form: { deep: ['ok', '(415) 555-0134'] }, 'jane.doe@example.com': 1 },
      },
    });
    await analytics.closeAndFlush();
    const key = parseKey(HASH_KEY, 'k');
    const properties = sent[0]!.properties;
    expect(properties.appointment.id).toBe(hmacField('jane.doe@example.com', key));
    expect(decryptField(properties.appointment.slot, parseKey(ENC_KEY, 'k'))).toEqual({ start: '09:00' });
    expect(properties.appointment).not.toHaveProperty('notes');
    // An object element under items without declared properties keeps none of its keys.
    expect(properties.tags).toEqual(['flu', hmacField('123-45-6789', key), {}]);
    // Scalars pass where an object was planned (types are Protocols' business, keys are ours); a nested array without items goes.
    expect(properties.items).toEqual([{ sku: 'S1' }, 'loose']);
    expect(properties.meta).toEqual({});
    expect(properties.extra).toEqual({ free_form: { deep: ['ok', hmacField('(415) 555-0134', key)] } });
    expect(JSON.stringify(sent)).not.toMatch(/jane\.doe|123-45-6789|555-0134|Jane|notes|anything/);
    expect(decisions.filter((d) => d.control === 'SEG-DEST-FILTERS').map((d) => [d.action, d.field])).toEqual([
      ['hash', 'properties.appointment.id'],
      ['encrypt', 'properties.appointment.slot'],
      ['hash', 'properties.tags[]'],
      ['hash', 'properties.extra.free_form.deep[]'],
    ]);
    expect(decisions).toContainEqual({ control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type: 'track', event: 'Appointment Booked', field: 'properties.extra.[key]', reason: 'key reads as PHI' });
    expect(JSON.stringify(decisions)).not.toMatch(/jane|6789|0134/i);
  });

  it('passes integration switches, and options only as far as plan.integrations allows them', async () => {
    const { analytics, sent } = harness();
    analytics.track({ userId: 'u1', event: 'Reminder Opened', properties: { clinic_id: 'c1' }, integrations: { All: false, Mixpanel: true, Amplitude: { session_id: 42, patient_email: 'jane.doe@example.com' }, 'John Smith 212-555-0187': true, Braze: 'yes' } as never });
    analytics.track({ userId: 'u1', event: 'Reminder Opened', properties: { clinic_id: 'c1' }, integrations: 'everything' as never });
    await analytics.closeAndFlush();
    expect(sent[0]!.integrations).toEqual({ All: false, Mixpanel: true, Amplitude: { session_id: 42 } });
    expect(sent[1]!.integrations ?? {}).toEqual({});
    expect(JSON.stringify(sent)).not.toMatch(/jane|John Smith|555-0187|Braze/);
  });

  it('fails closed on an event nested deeper than any plan', async () => {
    const { analytics, sent } = harness();
    let deep: Record<string, unknown> = { start: '1' };
    for (let i = 0; i < 40; i += 1) deep = { extra: deep };
    analytics.track({ userId: 'u1', event: 'Appointment Booked', properties: { extra: deep } });
    await analytics.closeAndFlush();
    expect(sent).toEqual([]);
  });
});

describe('no key outside the plan ever reaches Segment, at any depth (property-based)', () => {
  const plannedEvents = Object.keys(plan.events);
  const PHI_SEEDS = ['jane.doe@example.com', '123-45-6789', '(415) 555-0134'];
  const names = ['appointment_type', 'clinic_id', 'patient_email', 'appointment', 'id', 'slot', 'start', 'tags', 'items', 'sku', 'meta', 'extra', 'plan_tier', 'dob', 'membership', 'level', 'session_id', 'notes', 'email', 'ssn', '__proto__', 'constructor', 'toString'];
  const key = fc.oneof(fc.constantFrom(...names, ...PHI_SEEDS), fc.string({ maxLength: 8 }));
  const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom(...PHI_SEEDS));
  // Trees of objects and arrays a few levels deep, keyed by planned and unplanned names.
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.dictionary(key, tie('tree'), { maxKeys: 4 }), fc.array(tie('tree'), { maxLength: 3 })),
  }));
  const bag = fc.dictionary(key, tree, { maxKeys: 6 });
  const integrations = fc.dictionary(fc.oneof(fc.constantFrom('All', 'Amplitude', 'Mixpanel', ...PHI_SEEDS), fc.string({ maxLength: 6 })), fc.oneof(fc.boolean(), tree, bag), { maxKeys: 4 });
  const call = fc.oneof(
    fc.record({ kind: fc.constant('track' as const), event: fc.oneof(fc.constantFrom(...plannedEvents, 'Old Event'), fc.string({ maxLength: 12 })), properties: bag, contextTraits: bag, integrations }),
    fc.record({ kind: fc.constant('identify' as const), traits: bag, integrations }),
    fc.record({ kind: fc.constant('group' as const), traits: bag }),
    fc.record({ kind: fc.constant('page' as const), properties: bag }),
  );

  // The oracle reads the raw JSON Schema of the rules, not the guard's compiled form.
  const trackSchema = (event: string) => (rules.find((r) => r.type === 'TRACK' && r.key === event && !r.deprecatedAt)!.jsonSchema as any).properties.properties;
  const traitSchema = (rules.find((r) => r.type === 'IDENTIFY')!.jsonSchema as any).properties.traits;
  const integrationSchema: Record<string, unknown> = { Amplitude: { properties: { session_id: {} } } };
  /** Throws naming the path of the first key or element the schema does not allow. */
  function conforms(value: unknown, schema: any, path: string): void {
    if (schema?.additionalProperties === true) return;
    if (Array.isArray(value)) {
      if (!schema || typeof schema.items !== 'object') throw new Error(`array at ${path} has no planned items`);
      value.forEach((element) => conforms(element, schema.items, `${path}[]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (!schema?.properties || !Object.hasOwn(schema.properties, k)) throw new Error(`unplanned key at ${path}.${k}`);
        conforms(v, schema.properties[k], `${path}.${k}`);
      }
    }
  }

  it('holds for a few hundred random batches of nested events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { maxLength: 5 }), async (calls) => {
        const { analytics, sent } = harness({ fields: { patient_email: 'encrypt', dob: 'hash' }, onPhi: 'hash' });
        for (const c of calls) {
          if (c.kind === 'track') analytics.track({ userId: 'u', event: c.event, properties: c.properties, context: { traits: c.contextTraits }, integrations: c.integrations as never });
          else if (c.kind === 'identify') analytics.identify({ userId: 'u', traits: c.traits, integrations: c.integrations as never });
          else if (c.kind === 'group') analytics.group({ userId: 'u', groupId: 'g', traits: c.traits });
          else analytics.page({ userId: 'u', properties: c.properties });
        }
        await analytics.closeAndFlush();
        for (const event of sent) {
          if (event.type === 'track') {
            expect(plannedEvents).toContain(event.event);
            conforms(event.properties ?? {}, trackSchema(event.event), 'properties');
            conforms(event.context?.traits ?? {}, traitSchema, 'context.traits');
          } else if (event.type === 'identify') {
            conforms(event.traits ?? {}, traitSchema, 'traits');
          } else {
            throw new Error(`unplanned ${event.type} call was sent`);
          }
          for (const [destination, value] of Object.entries(event.integrations ?? {})) {
            if (typeof value !== 'boolean') conforms(value, integrationSchema[destination] ?? {}, `integrations.${destination}`);
          }
        }
        const wire = JSON.stringify(sent);
        for (const seed of PHI_SEEDS) expect(wire).not.toContain(seed);
      }),
      { numRuns: 250 },
    );
  });
});
