import { describe, expect, it } from 'vitest';
import type { Check, CheckContext } from '../../check.ts';
import type { Inventory, InventoryResource } from '../../types.ts';
import { ALL_SEGMENT_KINDS, SEGMENT_KINDS as K } from '../kinds.ts';
import { destinationBaaCheck, destinationFiltersCheck, filterConditionsCheck } from './destinations.ts';
import { engageDestinationsCheck, engagePremierCheck, profilesSyncCheck, sqlTraitsCheck } from './engage.ts';
import { deletionSuppressionCheck, functionSecretsCheck } from './governance.ts';
import { segmentChecks } from './index.ts';
import { schemaControlsCheck, trackingPlanCheck } from './protocols.ts';
import { mappedFields, retlDestinationCheck, retlModelColumnsCheck } from './retl.ts';

const WS = 'ws_test';
const ctx: CheckContext = { now: new Date('2026-11-25T00:00:00Z'), designatedAccounts: [WS], baaVendors: ['amazon s3', 'braze'] };

const r = (kind: string, sid: string, fields: Record<string, unknown>): InventoryResource => ({ platform: 'segment', kind, sid, account: WS, fields: { id: sid, ...fields } });
const inventory = (...resources: InventoryResource[]): Inventory => ({
  accounts: [{ platform: 'segment', sid: WS }],
  resources,
  collections: ALL_SEGMENT_KINDS.map((kind) => ({ platform: 'segment' as const, account: WS, kind, ok: true })),
});
const run = (check: Check, ...resources: InventoryResource[]) => check.run(inventory(...resources), ctx).map((f) => [f.resource.sid, f.status, f.evidence]);

const source = (sid: string, extra: Record<string, unknown> = {}) => r(K.source, sid, { enabled: true, labels: [], ...extra });
const destination = (sid: string, vendor: string, extra: Record<string, unknown> = {}) =>
  r(K.destination, sid, { enabled: true, sourceId: 'src', metadata: { slug: vendor.toLowerCase().replace(/ /g, '-'), name: vendor }, ...extra });
const filter = (sid: string, extra: Record<string, unknown>) => r(K.destinationFilter, sid, { destinationId: 'dst', sourceId: 'src', enabled: true, if: 'all', title: sid, ...extra });
const allow = (fields: Record<string, string[]>) => ({ actions: [{ type: 'ALLOW_PROPERTIES', fields }] });
const plan = (sid: string, sourceIds: string[], events: string[], type = 'LIVE') =>
  r(K.trackingPlan, sid, { type, sourceIds, rules: events.map((key) => ({ type: 'TRACK', key, version: 1, jsonSchema: {} })) });

describe('SEG-DEST-FILTERS: destination filters', () => {
  it.each([
    ['no filter', [], 'fail', 'no destination filter'],
    ['a disabled filter', [filter('f1', { enabled: false, ...allow({ properties: ['a'] }) })], 'fail', '1 filter(s), none enabled'],
    ['only sampling', [filter('f1', { actions: [{ type: 'SAMPLE', percent: 0.5 }] })], 'fail', 'none that parses'],
    ['an allow-nothing filter', [filter('f1', allow({ properties: [] }))], 'fail', 'lists no field'],
    ['an unparsable filter only', [filter('f1', { if: 'type =', ...allow({ properties: ['a'] }) })], 'fail', 'none that parses'],
    ['an allow-list', [filter('f1', allow({ properties: ['a'] }))], 'pass', 'f1 ALLOW_PROPERTIES [properties.a]'],
    ['a drop-list', [filter('f1', { actions: [{ type: 'DROP_PROPERTIES', fields: { context: ['ip'] } }] })], 'pass', 'f1 DROP_PROPERTIES [context.ip]'],
  ])('%s', (_name, filters, status, evidence) => {
    const [finding] = run(destinationFiltersCheck, source('src'), destination('dst', 'Mixpanel'), ...filters);
    expect(finding).toEqual(['dst', status, expect.stringContaining(evidence)]);
  });

  it('passes disabled destinations and sources labelled phi=false, and leaves Reverse ETL destinations to SEG-RETL', () => {
    expect(run(destinationFiltersCheck, source('src'), destination('dst', 'Mixpanel', { enabled: false }))).toEqual([['dst', 'pass', expect.stringContaining('enabled = false')]]);
    expect(run(destinationFiltersCheck, source('src', { labels: [{ key: 'phi', value: 'false' }] }), destination('dst', 'Mixpanel'))).toEqual([['dst', 'pass', expect.stringContaining('phi = false')]]);
    expect(run(destinationFiltersCheck, source('src'), destination('dst', 'Mixpanel'), r(K.reverseEtlModel, 'm', { sourceId: 'src', enabled: true, query: 'SELECT a FROM t' }))).toEqual([]);
    expect(run(destinationFiltersCheck, source('src', { metadata: { slug: 'bigquery', name: 'BigQuery', categories: ['Warehouse'] } }), destination('dst', 'Mixpanel'))).toEqual([]);
  });

  it('treats a destination whose source is missing from the inventory as PHI-bearing', () => {
    expect(run(destinationFiltersCheck, destination('dst', 'Mixpanel'))[0]?.[1]).toBe('fail');
  });
});

describe('SEG-DEST-FILTERS: filter conditions', () => {
  it('fails an FQL that does not parse, saying Segment drops the events', () => {
    expect(run(filterConditionsCheck, filter('f1', { if: "properties.email = 'x' and", ...allow({ properties: ['a'] }) }))).toEqual([
      ['f1', 'fail', 'if does not parse as FQL (unexpected end of expression at character 27): Segment fails closed and DROPS every event this filter sees for destination dst'],
    ]);
  });

  it('fails a condition that never matches the tracking plan, without echoing other literals', () => {
    const out = run(filterConditionsCheck, plan('tp', ['src'], ['Signed Up']), filter('f1', { if: "event = 'Signed Upp' and properties.email = 'jane@example.com'", ...allow({ properties: ['a'] }) }));
    expect(out).toEqual([['f1', 'fail', 'if never matches (event "Signed Upp" is not in the tracking plan): its ALLOW_PROPERTIES never applies']]);
  });

  it('passes a condition that can match, and skips disabled filters', () => {
    expect(run(filterConditionsCheck, plan('tp', ['src'], ['Signed Up']), filter('f1', { if: "event = 'Signed Up'", ...allow({ properties: ['a'] }) }))).toEqual([['f1', 'pass', 'if parses as FQL and can match']]);
    expect(run(filterConditionsCheck, filter('f1', { if: '((', enabled: false, ...allow({ properties: ['a'] }) }))).toEqual([]);
  });
});

describe('SEG-DEST-BAA', () => {
  it('passes BAA vendors by name or slug', () => {
    expect(run(destinationBaaCheck, source('src'), destination('dst', 'Braze'))[0]?.[1]).toBe('pass');
    expect(run(destinationBaaCheck, source('src'), r(K.destination, 'dst', { enabled: true, sourceId: 'src', metadata: { slug: 'amazon s3', name: 'S3 (legacy)' } }))[0]?.[1]).toBe('pass');
  });

  it('passes a non-BAA vendor only behind an always-on allow-list of non-PHI fields', () => {
    const base = [source('src'), destination('dst', 'Mixpanel')];
    expect(run(destinationBaaCheck, ...base, filter('f', allow({ properties: ['clinic_id'] })))).toEqual([['dst', 'pass', expect.stringContaining('passes only [properties.clinic_id]')]]);
    expect(run(destinationBaaCheck, ...base, filter('f', allow({ properties: ['clinic_id'], traits: ['email'] })))[0]?.[1]).toBe('fail');
    expect(run(destinationBaaCheck, ...base, filter('f', { if: "type = 'track'", ...allow({ properties: ['clinic_id'] }) }))[0]?.[1]).toBe('fail');
    expect(run(destinationBaaCheck, ...base, filter('f', { actions: [{ type: 'DROP_PROPERTIES', fields: { properties: ['email'] } }] }))[0]?.[1]).toBe('fail');
  });

  it('judges warehouses against the BAA list', () => {
    const wh = (sid: string, name: string) => r(K.warehouse, sid, { enabled: true, metadata: { slug: name.toLowerCase(), name } });
    expect(run(destinationBaaCheck, wh('w1', 'Redshift'), wh('w2', 'Amazon S3'))).toEqual([
      ['w1', 'fail', expect.stringContaining('Redshift is not on the BAA vendor list')],
      ['w2', 'pass', expect.stringContaining('on the BAA vendor list')],
    ]);
  });
});

describe('SEG-PROTOCOLS-PLAN', () => {
  const settings = (fields: Record<string, unknown>) => r(K.sourceSettings, 'src', fields);
  const closed = { allowUnplannedTraits: false, allowTraitsOnViolations: false };
  const strict = {
    track: { allowUnplannedEvents: false, allowEventOnViolations: false, commonEventOnViolations: 'BLOCK', allowUnplannedEventProperties: false, allowPropertiesOnViolations: false },
    identify: closed,
    group: closed,
  };

  it('passes a source with a live plan that blocks unplanned and violating events, properties and traits', () => {
    expect(run(trackingPlanCheck, source('src'), settings(strict), plan('tp', ['src'], ['A']))[0]?.[1]).toBe('pass');
  });

  it('fails a source without a plan (a property library does not count), or with permissive settings', () => {
    expect(run(trackingPlanCheck, source('src'), settings(strict), plan('tp', ['src'], ['A'], 'PROPERTY_LIBRARY'))).toEqual([['src', 'fail', 'no tracking plan connected']]);
    expect(run(trackingPlanCheck, source('src'), settings({ ...strict, track: { allowUnplannedEventProperties: false, allowPropertiesOnViolations: false } }), plan('tp', ['src'], ['A']))).toEqual([
      ['src', 'fail', 'track.allowUnplannedEvents = unset (Segment allows); track.allowEventOnViolations = unset (Segment allows); track.commonEventOnViolations = unset (Segment allows)'],
    ]);
  });

  it('fails unplanned properties and a missing group block (Segment defaults allow)', () => {
    expect(run(trackingPlanCheck, source('src'), settings({ ...strict, group: undefined }), plan('tp', ['src'], ['A']))[0]?.[2]).toBe(
      'group.allowUnplannedTraits = unset (Segment allows); group.allowTraitsOnViolations = unset (Segment allows)',
    );
  });

  it('judges where blocked events are forwarded', () => {
    const forwarding = settings({ ...strict, forwardingBlockedEventsTo: 'q' });
    const quarantine = source('q', { labels: [{ key: 'phi', value: 'false' }] });
    const unsafe = r(K.destination, 'dq', { enabled: true, sourceId: 'q', metadata: { slug: 'mixpanel', name: 'Mixpanel' } });
    const safe = r(K.destination, 'dq', { enabled: true, sourceId: 'q', metadata: { slug: 'braze', name: 'Braze' } });
    const tp = plan('tp', ['src'], ['A']);
    expect(run(trackingPlanCheck, source('src'), forwarding, tp, quarantine, unsafe).find((f) => f[0] === 'src')?.[2]).toContain('forwardingBlockedEventsTo = q, whose destination(s) dq lack a BAA');
    expect(run(trackingPlanCheck, source('src'), forwarding, tp, quarantine, safe).find((f) => f[0] === 'src')?.[1]).toBe('pass');
  });
});

// The guide's schema controls limit which events reach each destination (its link is
// destination-data-control): judged per destination, never by Protocols' property settings.
describe('SEG-SCHEMA-CONTROLS: events per destination', () => {
  const subscription = (sid: string, trigger: string, extra: Record<string, unknown> = {}) => r(K.destinationSubscription, sid, { destinationId: 'dst', enabled: true, trigger, ...extra });
  const actions = (extra: Record<string, unknown> = {}) => destination('dst', 'Actions Mixpanel', { metadata: { slug: 'actions-mixpanel', name: 'Mixpanel (Actions)' }, ...extra });

  it('fails a PHI-bearing destination that nothing limits, even with a strict tracking plan', () => {
    const strict = r(K.sourceSettings, 'src', { track: { allowUnplannedEventProperties: false, allowPropertiesOnViolations: false } });
    expect(run(schemaControlsCheck, source('src'), strict, plan('tp', ['src'], ['A']), destination('dst', 'Mixpanel'))).toEqual([
      ['dst', 'fail', expect.stringContaining('no destination filter drops events and no Actions trigger names them')],
    ]);
  });

  it('passes a destination whose filter drops events, without any Protocols setting', () => {
    expect(run(schemaControlsCheck, source('src'), destination('dst', 'Mixpanel'), filter('f1', { if: "event != 'Order Completed'", actions: [{ type: 'DROP' }] }))).toEqual([
      ['dst', 'pass', 'source src: destination filter(s) f1 drop the events their condition matches'],
    ]);
  });

  it('passes Actions mappings that trigger on named events only, and fails a catch-all trigger', () => {
    const named = [subscription('s1', 'type = "track" and event = "Order Completed"'), subscription('s2', 'type = "identify"'), subscription('s3', 'event = "A" or event = "B"')];
    expect(run(schemaControlsCheck, source('src'), actions(), ...named)[0]?.[1]).toBe('pass');
    expect(run(schemaControlsCheck, source('src'), actions(), ...named, subscription('s4', 'type = "track"'))[0]?.[1]).toBe('fail');
    expect(run(schemaControlsCheck, source('src'), actions(), subscription('s5', 'event = "A" or type = "track"'))[0]?.[1]).toBe('fail');
    expect(run(schemaControlsCheck, source('src'), actions(), subscription('s6', 'event ='))[0]?.[1]).toBe('fail');
    expect(run(schemaControlsCheck, source('src'), actions())).toEqual([['dst', 'pass', expect.stringContaining('no enabled mapping')]]);
  });

  it('passes disabled destinations and phi=false sources, and leaves Reverse ETL destinations to SEG-RETL', () => {
    expect(run(schemaControlsCheck, source('src'), destination('dst', 'Mixpanel', { enabled: false }))[0]?.[1]).toBe('pass');
    expect(run(schemaControlsCheck, source('src', { labels: [{ key: 'phi', value: 'false' }] }), destination('dst', 'Mixpanel'))[0]?.[1]).toBe('pass');
    expect(run(schemaControlsCheck, source('src'), destination('dst', 'Mixpanel'), r(K.reverseEtlModel, 'm', { sourceId: 'src', enabled: true, query: 'SELECT a FROM t' }))).toEqual([]);
  });
});

describe('SEG-RETL-MAPPING and SEG-RETL-DEST', () => {
  const model = (query: string, extra: Record<string, unknown> = {}) => r(K.reverseEtlModel, 'm', { sourceId: 'wh', enabled: true, query, queryIdentifierColumn: 'id', ...extra });
  const mapping = (settings: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    r(K.destinationSubscription, 'sub', { destinationId: 'dst', modelId: 'm', enabled: true, settings, ...extra });

  it('reads mapped columns from @path directives and templates', () => {
    expect(mappedFields({ email: { '@path': '$.properties.email' }, nested: { name: { '@path': '$.full_name' } }, note: 'Hi {{properties.first_name}}' })).toEqual([
      { field: 'email', column: 'email' },
      { field: 'nested.name', column: 'full_name' },
      { field: 'note', column: 'first_name' },
    ]);
  });

  it.each([
    ['SELECT * FROM t', 'fail', 'selects *'],
    ['SELECT id, email, ssn FROM t', 'fail', 'no mapping uses: ssn'],
    ['SELECT id, email FROM t', 'pass', 'every selected column'],
    ['SELECT count(*) FROM t', 'unknown', 'query not understood'],
  ])('%s', (query, status, evidence) => {
    expect(run(retlModelColumnsCheck, model(query), mapping({ email: { '@path': '$.properties.email' } }))).toEqual([['m', status, expect.stringContaining(evidence)]]);
  });

  it('passes disabled and unmapped models', () => {
    expect(run(retlModelColumnsCheck, model('SELECT * FROM t', { enabled: false }))[0]?.[1]).toBe('pass');
    expect(run(retlModelColumnsCheck, model('SELECT id, ssn FROM t'))).toEqual([['m', 'pass', 'no enabled mapping uses this model: nothing is sent']]);
  });

  it('fails PHI fields mapped to a vendor without a BAA', () => {
    const map = mapping({ email: { '@path': '$.properties.email' }, plan: { '@path': '$.properties.plan_tier' } });
    expect(run(retlDestinationCheck, destination('dst', 'Customer.io'), map)).toEqual([['sub', 'fail', expect.stringContaining('sends PHI field(s): email <- email')]]);
    expect(run(retlDestinationCheck, destination('dst', 'Braze'), map)[0]?.[1]).toBe('pass');
    expect(run(retlDestinationCheck, destination('dst', 'Customer.io'), mapping({ plan: { '@path': '$.properties.plan_tier' } }))[0]?.[1]).toBe('pass');
    expect(run(retlDestinationCheck, map)[0]?.[1]).toBe('unknown');
  });
});

describe('Engage and Unify', () => {
  const trait = (sid: string, type: string, query: string, key = sid) => r(K.computedTrait, sid, { spaceId: 'spa', key, definition: { type, query } });

  it('SEG-ENGAGE-TRAITS: judges SQL traits only', () => {
    expect(run(sqlTraitsCheck, trait('t0', 'USERS', "event('x').count()"))).toEqual([[WS, 'pass', 'no SQL traits among 1 computed trait(s)']]);
    expect(run(sqlTraitsCheck, trait('t1', 'SQL', 'SELECT * FROM p'))[0]?.[1]).toBe('fail');
    expect(run(sqlTraitsCheck, trait('t2', 'SQL', 'SELECT user_id, score, diagnosis_code FROM p', 'score'))).toEqual([
      ['t2', 'fail', 'query returns column(s) beyond the trait score: diagnosis_code (PHI-named: diagnosis_code)'],
    ]);
    expect(run(sqlTraitsCheck, trait('t3', 'SQL', 'SELECT user_id, score FROM p', 'score'))[0]?.[1]).toBe('pass');
  });

  it('SEG-ENGAGE-DEST: activations go to BAA vendors', () => {
    const activation = (connectionId: string) => r(K.activation, 'act', { enabled: true, audienceId: 'aud', connectionId });
    expect(run(engageDestinationsCheck)).toEqual([[WS, 'pass', 'no enabled audience activation']]);
    expect(run(engageDestinationsCheck, destination('d1', 'Braze'), activation('d1'))[0]?.[1]).toBe('pass');
    expect(run(engageDestinationsCheck, destination('d1', 'Facebook Custom Audiences'), activation('d1'))[0]?.[1]).toBe('fail');
    // The guide's alternative: a vendor without a BAA behind an always-on allow-list of non-PHI fields.
    const allowList = filter('f1', { destinationId: 'd1', ...allow({ traits: ['plan_tier'] }) });
    expect(run(engageDestinationsCheck, destination('d1', 'Facebook Custom Audiences'), allowList, activation('d1'))).toEqual([
      ['act', 'pass', expect.stringContaining('no BAA); an always-on ALLOW_PROPERTIES filter passes only [traits.plan_tier]')],
    ]);
    expect(run(engageDestinationsCheck, destination('d1', 'Facebook Custom Audiences'), filter('f1', { destinationId: 'd1', ...allow({ traits: ['email'] }) }), activation('d1'))[0]?.[1]).toBe('fail');
    expect(run(engageDestinationsCheck, activation('nowhere'))[0]?.[1]).toBe('unknown');
  });

  it('SEG-ENGAGE-PREMIER: Engage messaging channels are not eligible', () => {
    const sms = r(K.destination, 'sms', { enabled: true, sourceId: 'e', metadata: { slug: 'actions-personas-messaging-twilio', name: 'Engage Messaging Twilio' } });
    expect(run(engagePremierCheck, sms)).toEqual([['sms', 'fail', expect.stringContaining('not HIPAA eligible')]]);
    expect(run(engagePremierCheck, destination('d', 'Braze'))).toEqual([[WS, 'pass', 'no Engage messaging channel among 1 destination(s)']]);
  });

  it('SEG-PROFILES-SYNC: warehouses under BAA', () => {
    const pw = (sid: string, name: string, enabled = true) => r(K.profilesWarehouse, sid, { spaceId: 'spa', enabled, metadata: { slug: name.toLowerCase(), name } });
    expect(run(profilesSyncCheck)).toEqual([[WS, 'pass', 'no enabled Profiles Sync warehouse']]);
    expect(run(profilesSyncCheck, pw('p1', 'BigQuery'), pw('p2', 'Amazon S3'), pw('p3', 'Redshift', false)).map((f) => f[1])).toEqual(['fail', 'pass']);
  });
});

describe('governance', () => {
  it('SEG-FUNCTIONS (special consideration): secrets not marked sensitive go to a person', () => {
    const fn = (settings: unknown[]) => r(K.function, 'fn', { settings });
    expect(run(functionSecretsCheck, fn([{ name: 'apiKey', sensitive: false }, { name: 'region', sensitive: false }]))).toEqual([['fn', 'manual', 'secret-like setting(s) not marked sensitive: apiKey']]);
    expect(run(functionSecretsCheck, fn([{ name: 'x', label: 'Webhook password', sensitive: false }]))[0]?.[1]).toBe('manual');
    expect(run(functionSecretsCheck, fn([{ name: 'apiKey', sensitive: true }, { name: 'region', sensitive: false }]))[0]?.[1]).toBe('pass');
  });

  // A count cannot say whether the users who withdrew consent are the suppressed ones: none
  // on file is right where nobody withdrew, so the scan hands the count to a person.
  it('SEG-DELETION-SUPPRESSION: the regulations on file go to a person, never pass or advisory', () => {
    expect(run(deletionSuppressionCheck)).toEqual([[WS, 'manual', expect.stringContaining('0 regulation(s), 0 suppression(s) on file')]]);
    expect(run(deletionSuppressionCheck, r(K.suppression, 's1', {}))).toEqual([[WS, 'manual', expect.stringContaining('0 regulation(s), 1 suppression(s) on file; whether every user')]]);
  });
});

describe('segmentChecks', () => {
  it('has unique names and covers every SCAN row of the Segment catalog', () => {
    expect(new Set(segmentChecks.map((c) => c.name)).size).toBe(segmentChecks.length);
    expect(new Set(segmentChecks.map((c) => c.control))).toEqual(
      new Set(['SEG-DEST-FILTERS', 'SEG-DEST-BAA', 'SEG-PROTOCOLS-PLAN', 'SEG-SCHEMA-CONTROLS', 'SEG-RETL-MAPPING', 'SEG-RETL-DEST', 'SEG-ENGAGE-TRAITS', 'SEG-ENGAGE-DEST', 'SEG-ENGAGE-PREMIER', 'SEG-PROFILES-SYNC', 'SEG-FUNCTIONS', 'SEG-DELETION-SUPPRESSION']),
    );
    for (const check of segmentChecks) for (const kind of check.needs) expect(ALL_SEGMENT_KINDS).toContain(kind);
  });
});

describe('an absent `enabled` flag is never read as "off" (which would pass)', () => {
  const noFlag = <T extends InventoryResource>(res: T): T => {
    const { enabled: _dropped, ...fields } = res.fields;
    return { ...res, fields };
  };
  it('a destination without the flag is judged as sending (SEG-DEST-FILTERS fails without filters)', () => {
    expect(run(destinationFiltersCheck, source('src'), noFlag(destination('dst', 'Mixpanel')))).toEqual([['dst', 'fail', expect.stringContaining('no destination filter')]]);
  });
  it('a source without the flag is in scope for SEG-PROTOCOLS-PLAN (no "accepts no events" pass)', () => {
    const [finding] = run(trackingPlanCheck, noFlag(source('src')), r(K.sourceSettings, 'src', {}));
    expect(finding?.[2]).not.toMatch(/accepts no events/);
  });
  it('a Reverse ETL model without the flag is judged (no "does not sync" pass)', () => {
    const [finding] = run(retlModelColumnsCheck, r(K.reverseEtlModel, 'm', { sourceId: 'src', query: 'SELECT * FROM patients' }));
    expect(finding).toEqual(['m', 'fail', expect.stringContaining('selects *')]);
  });
});
