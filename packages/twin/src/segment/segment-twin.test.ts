/* eslint-disable @typescript-eslint/no-explicit-any -- test pokes at untyped JSON and YAML */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTwin, type Twin } from '../index.ts';
import { FixtureError } from '../errors.ts';
import { createSegmentTwin, type SegmentTwin } from './index.ts';

// The sample clinic holds its Segment workspace under the top-level `segment:` key.
const FIXTURE = fileURLToPath(new URL('../../../../fixtures/sample-clinic.yaml', import.meta.url));

let twin: Twin;
let segment: SegmentTwin;
let base: string;

beforeAll(async () => {
  segment = createSegmentTwin();
  twin = await startTwin({ fixture: FIXTURE, extensions: [segment] });
  base = `${twin.baseUrl}/segment`;
});
afterAll(() => twin.close());

async function get(path: string, { token = segment.token(), version = 'v1' } = {}) {
  const res = await fetch(base + path, { headers: { Authorization: `Bearer ${token}`, Accept: `application/vnd.segment.${version}+json` } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('Segment twin', () => {
  it('serves the workspace in the data envelope', async () => {
    const { status, body } = await get('/');
    expect(status).toBe(200);
    expect(body.data.workspace).toEqual({ id: 'ws_sampleclinic', slug: 'sample-clinic', name: 'Sample Clinic' });
  });

  it('refuses a wrong token with Segment\'s error envelope', async () => {
    const { status, body } = await get('/sources?pagination.count=10', { token: 'nope' });
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ type: 'unauthorized', message: expect.any(String), status: 401 }] });
    expect(JSON.stringify(body)).not.toContain(segment.token());
  });

  it('pages with cursors, in both query serializations', async () => {
    const first = await get('/sources?pagination.count=4');
    expect(first.body.data.sources.map((s: { id: string }) => s.id)).toEqual(['src_portal', 'src_reminders', 'src_quarantine', 'src_marketing']);
    expect(first.body.data.pagination.totalEntries).toBe(6);
    const next = first.body.data.pagination.next as string;
    const second = await get(`/sources?pagination[count]=4&pagination[cursor]=${next}`);
    expect(second.body.data.sources.map((s: { id: string }) => s.id)).toEqual(['src_engage', 'src_warehouse']);
    expect(second.body.data.pagination.next).toBeUndefined();
  });

  it('requires pagination.count on list endpoints, and a cursor it issued', async () => {
    expect((await get('/sources')).body.errors[0]).toMatchObject({ type: 'validation', field: 'pagination.count' });
    expect((await get('/sources?pagination.count=5000')).status).toBe(400);
    expect((await get('/sources?pagination.count=5&pagination.cursor=bogus')).status).toBe(400);
  });

  it('checks the per-endpoint Accept version', async () => {
    expect((await get('/reverse-etl-models?pagination.count=5', { version: 'v1' })).status).toBe(406);
    expect((await get('/reverse-etl-models?pagination.count=5', { version: 'v1alpha' })).status).toBe(200);
  });

  it('serves nested resources at their own endpoints, without fixture-only keys', async () => {
    const settings = await get('/sources/src_portal/settings');
    expect(settings.body.data.settings.track.allowUnplannedEvents).toBe(false);
    const source = await get('/sources/src_portal');
    expect(source.body.data.source).not.toHaveProperty('schemaSettings');
    expect(source.body.data.source.writeKeys).toEqual([]);
    const filters = await get('/destination/dst_portal_braze/filters?pagination.count=10');
    expect(filters.body.data.filters).toHaveLength(3);
    expect(filters.body.data.filters[0]).toMatchObject({ sourceId: 'src_portal', destinationId: 'dst_portal_braze' });
    const one = await get('/destination/dst_portal_braze/filters/flt_braze_typo');
    expect(one.body.data.filter).toMatchObject({ id: 'flt_braze_typo', destinationId: 'dst_portal_braze', enabled: true });
    expect((await get('/destination/dst_portal_s3/filters/flt_braze_typo')).status).toBe(404);
    const subs = await get('/destinations/dst_retl_customerio/subscriptions?pagination.count=10', { version: 'v1alpha' });
    expect(subs.body.data.subscriptions[0].modelId).toBe('mdl_reminders');
    const plans = await get('/tracking-plans/tp_portal/rules?pagination.count=10');
    expect(plans.body.data.rules).toHaveLength(4);
    const activations = await get('/spaces/spa_clinic/audiences/aud_overdue/activations?pagination.count=10', { version: 'v1alpha' });
    expect(activations.body.data.activations[1]).toMatchObject({ connectionId: 'dst_engage_facebook', spaceId: 'spa_clinic', audienceId: 'aud_overdue' });
    const fns = await get('/functions?pagination.count=10&resourceType=SOURCE');
    expect(fns.body.data.functions.map((f: { id: string }) => f.id)).toEqual(['fn_ehr_source']);
  });

  it('answers 404 for unknown resources and endpoints', async () => {
    expect((await get('/sources/src_nope')).status).toBe(404);
    expect((await get('/spaces/spa_clinic/traits/email/sample-values', { version: 'v1alpha' })).status).toBe(404);
  });

  it('is read-only', async () => {
    const res = await fetch(`${base}/sources/src_portal`, { method: 'PATCH', headers: { Authorization: `Bearer ${segment.token()}` }, body: '{}' });
    expect(res.status).toBe(405);
    expect(segment.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/sources/src_portal', status: 405 });
  });

  it('applies the host twin\'s fault injection', async () => {
    const faulty = createSegmentTwin();
    const t = await startTwin({ fixture: FIXTURE, extensions: [faulty], faults: { errorRate: 1 } });
    try {
      const res = await fetch(`${t.baseUrl}/segment/`, { headers: { Authorization: `Bearer ${faulty.token()}` } });
      expect(res.status).toBe(500);
    } finally {
      await t.close();
    }
  });
});

describe('Segment fixture validation', () => {
  const raw = () => (parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>).segment as Record<string, any>;
  const load = (value: unknown) => createSegmentTwin().load(value, { file: 'clinic.yaml', path: 'segment' });

  it('accepts the sample clinic', () => {
    expect(() => load(raw())).not.toThrow();
  });

  it.each([
    ['an unknown source reference', (f: any) => (f.destinations[0].sourceId = 'src_ghost'), 'clinic.yaml: segment.destinations[0].sourceId: names unknown source "src_ghost"; fix: use the id of a source in segment.sources'],
    ['a duplicate id', (f: any) => (f.sources[1].id = 'src_portal'), 'segment.sources[1].id: duplicates id "src_portal"'],
    ['a bad filter action', (f: any) => (f.destinations[0].filters[0].actions[0].type = 'REDACT'), 'segment.destinations[0].filters[0].actions[0].type: is "REDACT"; fix: use one of DROP, SAMPLE, DROP_PROPERTIES, ALLOW_PROPERTIES'],
    ['a missing token', (f: any) => delete f.token, 'segment.token: is missing or not a string'],
    ['an unknown model in a mapping', (f: any) => (f.destinations.at(-1).subscriptions[0].modelId = 'mdl_x'), 'names unknown model "mdl_x"'],
    ['an unknown key', (f: any) => (f.journeys = []), 'segment.journeys: is not a Segment fixture key'],
    ['a sensitive flag that is not boolean', (f: any) => (f.functions[0].settings[0].sensitive = 'yes'), 'segment.functions[0].settings[0].sensitive: must be true or false'],
  ])('rejects %s with file, path and fix on one line', (_name, mutate, message) => {
    const fixture = raw();
    mutate(fixture);
    let error: unknown;
    try {
      load(fixture);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
