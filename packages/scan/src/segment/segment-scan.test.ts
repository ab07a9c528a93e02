// Scans the sample clinic's Segment workspace through the twin and asserts the exact findings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwin, type Twin } from '@chaperone/twin';
import { createSegmentTwin, type SegmentTwin } from '@chaperone/twin/segment';
import type { CheckContext } from '../check.ts';
import { runChecks } from '../engine/run-checks.ts';
import type { Finding, Inventory } from '../types.ts';
import { ALL_SEGMENT_KINDS, collectSegment, collectSegmentInventory, segmentChecks, UNKNOWN_WORKSPACE } from './index.ts';

const context: CheckContext = { now: new Date('2026-11-25T00:00:00Z'), designatedAccounts: ['ws_sampleclinic'], baaVendors: ['amazon s3', 'braze', 'salesforce', 'snowflake'] };

// The sample clinic holds its Segment workspace under the top-level `segment:` key.
const FIXTURE = fileURLToPath(new URL('../../../../fixtures/sample-clinic.yaml', import.meta.url));

// Secrets and code seeded in the clinic's Segment workspace that must never surface.
const SEEDED = ['amp_SEEDED_SECRET_key_77', 'ga_SEEDED_SECRET_api_99', 'mp_SEEDED_SECRET_tok_55', 'sf_SEEDED_SECRET_pw_11', 'async function onRequest', 'sgp_twin_clinic_demo_token_0001'];

let twin: Twin;
let segment: SegmentTwin;
let inventory: Inventory;
let findings: Finding[];

beforeAll(async () => {
  segment = createSegmentTwin();
  twin = await startTwin({ fixture: FIXTURE, extensions: [segment] });
  inventory = await collectSegmentInventory({ token: segment.token(), baseUrl: `${twin.baseUrl}/segment`, concurrency: 3 });
  findings = runChecks(inventory, segmentChecks, context);
});
afterAll(() => twin.close());

const row = (f: Finding) => `${f.control} ${f.status} ${f.resource.sid}`;

describe('Segment scan of the sample clinic', () => {
  it('collects every kind', () => {
    expect(inventory.accounts).toEqual([{ platform: 'segment', sid: 'ws_sampleclinic', friendlyName: 'Sample Clinic' }]);
    expect(inventory.collections.filter((c) => !c.ok)).toEqual([]);
    expect(new Set(inventory.collections.map((c) => c.kind))).toEqual(new Set(ALL_SEGMENT_KINDS));
  });

  it('finds exactly the seeded misconfigurations', () => {
    expect(findings.map(row).sort()).toEqual(
      [
        'SEG-DEST-FILTERS pass dst_portal_amplitude',
        'SEG-DEST-FILTERS pass dst_portal_s3',
        'SEG-DEST-FILTERS fail dst_portal_ga4',
        'SEG-DEST-FILTERS pass dst_portal_braze',
        'SEG-DEST-FILTERS fail dst_reminders_mixpanel',
        'SEG-DEST-FILTERS fail dst_quarantine_mixpanel',
        'SEG-DEST-FILTERS pass dst_marketing_ga4',
        'SEG-DEST-FILTERS pass dst_engage_braze',
        'SEG-DEST-FILTERS fail dst_engage_facebook',
        'SEG-DEST-FILTERS pass dst_engage_sms',
        'SEG-DEST-FILTERS pass flt_amp_allow',
        'SEG-DEST-FILTERS pass flt_s3_drop_ip',
        'SEG-DEST-FILTERS pass flt_braze_allow',
        'SEG-DEST-FILTERS fail flt_braze_broken',
        'SEG-DEST-FILTERS fail flt_braze_typo',
        'SEG-DEST-FILTERS pass flt_engage_braze_allow',
        'SEG-DEST-FILTERS pass flt_sms_allow',
        'SEG-DEST-BAA pass dst_portal_amplitude',
        'SEG-DEST-BAA pass dst_portal_s3',
        'SEG-DEST-BAA fail dst_portal_ga4',
        'SEG-DEST-BAA pass dst_portal_braze',
        'SEG-DEST-BAA fail dst_reminders_mixpanel',
        'SEG-DEST-BAA fail dst_quarantine_mixpanel',
        'SEG-DEST-BAA pass dst_engage_braze',
        'SEG-DEST-BAA fail dst_engage_facebook',
        'SEG-DEST-BAA pass dst_engage_sms',
        'SEG-DEST-BAA pass wh_snowflake',
        'SEG-DEST-BAA fail wh_redshift',
        'SEG-PROTOCOLS-PLAN fail src_portal',
        'SEG-PROTOCOLS-PLAN fail src_reminders',
        'SEG-PROTOCOLS-PLAN fail src_quarantine',
        'SEG-PROTOCOLS-PLAN pass src_marketing',
        'SEG-PROTOCOLS-PLAN pass src_engage',
        'SEG-PROTOCOLS-PLAN pass src_warehouse',
        'SEG-SCHEMA-CONTROLS pass dst_portal_amplitude',
        'SEG-SCHEMA-CONTROLS fail dst_portal_s3',
        'SEG-SCHEMA-CONTROLS fail dst_portal_ga4',
        'SEG-SCHEMA-CONTROLS pass dst_portal_braze',
        'SEG-SCHEMA-CONTROLS fail dst_reminders_mixpanel',
        'SEG-SCHEMA-CONTROLS fail dst_quarantine_mixpanel',
        'SEG-SCHEMA-CONTROLS pass dst_marketing_ga4',
        'SEG-SCHEMA-CONTROLS pass dst_engage_braze',
        'SEG-SCHEMA-CONTROLS fail dst_engage_facebook',
        'SEG-SCHEMA-CONTROLS pass dst_engage_sms',
        'SEG-RETL-MAPPING pass mdl_clinics',
        'SEG-RETL-MAPPING fail mdl_patients_star',
        'SEG-RETL-MAPPING fail mdl_reminders',
        'SEG-RETL-DEST pass sub_sf_clinics',
        'SEG-RETL-DEST pass sub_sf_patients',
        'SEG-RETL-DEST fail sub_cio_reminders',
        'SEG-ENGAGE-TRAITS fail ct_sql_patient_dump',
        'SEG-ENGAGE-TRAITS pass ct_sql_last_visit',
        'SEG-ENGAGE-DEST pass act_overdue_braze',
        'SEG-ENGAGE-DEST fail act_overdue_fb',
        'SEG-ENGAGE-PREMIER fail dst_engage_sms',
        'SEG-PROFILES-SYNC pass pw_snowflake',
        'SEG-PROFILES-SYNC fail pw_bigquery',
        'SEG-FUNCTIONS manual fn_ehr_source',
        'SEG-FUNCTIONS pass fn_enrich',
        'SEG-DELETION-SUPPRESSION manual ws_sampleclinic',
      ].sort(),
    );
  });

  it('fails exactly what the fixture annotates with # FAIL <CONTROL-ID>, and hands # MANUAL ones to a person', () => {
    // Each annotation belongs to the nearest list item `id:` at or above its line.
    const annotated: string[] = [];
    let current = '';
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    for (const line of lines.slice(lines.indexOf('segment:'))) {
      const id = /^\s*- \{? ?id: ([\w-]+)/.exec(line);
      if (id) current = id[1]!;
      for (const m of line.matchAll(/\b(FAIL|MANUAL) (SEG-[A-Z-]+)/g)) annotated.push(`${m[2]} ${m[1]!.toLowerCase()} ${current}`);
    }
    expect(annotated.length).toBeGreaterThan(15);
    const of = (status: string) => [...new Set(annotated.filter((a) => a.split(' ')[1] === status))].sort();
    expect(findings.filter((f) => f.status === 'fail').map(row).sort()).toEqual(of('fail'));
    // Manual also holds reviews no annotation names (a check's own "confirm this" findings).
    expect(findings.filter((f) => f.status === 'manual').map(row)).toEqual(expect.arrayContaining(of('manual')));
    expect(of('manual').length).toBeGreaterThan(0);
  });

  it('explains the failures in its evidence', () => {
    const evidence = (sid: string, control: string) => findings.find((f) => f.resource.sid === sid && f.control === control)!.evidence;
    expect(evidence('flt_braze_broken', 'SEG-DEST-FILTERS')).toBe(
      'if does not parse as FQL (unexpected end of expression at character 29): Segment fails closed and DROPS every event this filter sees for destination dst_portal_braze',
    );
    expect(evidence('flt_braze_typo', 'SEG-DEST-FILTERS')).toBe('if never matches (event "Appointment Boked" is not in the tracking plan): its DROP_PROPERTIES never applies');
    expect(evidence('src_portal', 'SEG-PROTOCOLS-PLAN')).toContain('forwardingBlockedEventsTo = src_quarantine');
    expect(evidence('dst_portal_amplitude', 'SEG-SCHEMA-CONTROLS')).toBe('source src_portal: every enabled Actions mapping (sub_amp_booked) triggers on named events only');
    expect(evidence('dst_portal_ga4', 'SEG-SCHEMA-CONTROLS')).toContain('no destination filter drops events and no Actions trigger names them');
    expect(evidence('mdl_reminders', 'SEG-RETL-MAPPING')).toBe('query selects column(s) no mapping uses: diagnosis_code (mappings: sub_cio_reminders)');
    expect(evidence('sub_cio_reminders', 'SEG-RETL-DEST')).toBe(
      'vendor Customer.io is not on the BAA vendor list and the mapping sends PHI field(s): id <- patient_id, email <- email, first_name <- first_name',
    );
    expect(evidence('dst_reminders_mixpanel', 'SEG-DEST-FILTERS')).toContain('1 filter(s), none enabled');
    for (const f of findings) {
      expect(f.platform).toBe('segment');
      expect(f.account).toBe('ws_sampleclinic');
      expect(f.remediation.length).toBeGreaterThan(10);
    }
  });

  it('made only GET requests, and none to a sample-values endpoint', () => {
    expect(segment.requests.length).toBeGreaterThan(30);
    expect(segment.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(segment.requests.filter((r) => /sample-values/i.test(r.path))).toEqual([]);
    expect(segment.requests.filter((r) => r.status !== 200)).toEqual([]);
  });

  it('keeps seeded secrets and function code out of inventory and findings', () => {
    const text = JSON.stringify({ inventory, findings });
    for (const secret of SEEDED) expect(text).not.toContain(secret);
  });
});

describe('Segment collection failures are unknown, never pass', () => {
  it('a wrong token makes every Segment check unknown, with a sanitized reason', async () => {
    const bad = 'sgp_WRONG_token_SEEDED_123456';
    const inv = await collectSegmentInventory({ token: bad, baseUrl: `${twin.baseUrl}/segment` });
    expect(inv.accounts.map((a) => a.sid)).toEqual([UNKNOWN_WORKSPACE]);
    expect(inv.collections.every((c) => !c.ok)).toBe(true);
    const out = runChecks(inv, segmentChecks, context);
    expect(out.length).toBe(segmentChecks.length);
    expect(out.every((f) => f.status === 'unknown')).toBe(true);
    expect(out[0]!.evidence).toContain('HTTP 401 unauthorized');
    expect(JSON.stringify(out)).not.toContain(bad);
  });

  it('a failing endpoint makes only the checks that need it unknown', async () => {
    const seg = createSegmentTwin();
    const t = await startTwin({ fixture: FIXTURE, extensions: [seg] });
    try {
      // Reject the Profiles Sync endpoint only, as a workspace without the feature would.
      const realFetch = fetch;
      const inv = await collectSegmentInventory({
        token: seg.token(),
        baseUrl: `${t.baseUrl}/segment`,
        fetch: ((input: string | URL | Request, init?: RequestInit) =>
          String(input).includes('/profiles-warehouses')
            ? Promise.resolve(new Response(JSON.stringify({ errors: [{ type: 'forbidden', message: 'feature not enabled' }] }), { status: 403 }))
            : realFetch(input, init)) as typeof fetch,
      });
      expect(inv.collections.filter((c) => !c.ok).map((c) => c.kind)).toEqual(['segment.profiles_warehouse']);
      const out = runChecks(inv, segmentChecks, context);
      const sync = out.filter((f) => f.control === 'SEG-PROFILES-SYNC');
      expect(sync).toHaveLength(1);
      expect(sync[0]).toMatchObject({ status: 'unknown', evidence: expect.stringContaining('HTTP 403 forbidden: the token may not read this, or the plan lacks the feature') });
      expect(out.filter((f) => f.status === 'unknown')).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('rides out injected throttling and 5xx errors, and counts them', async () => {
    const seg = createSegmentTwin();
    const t = await startTwin({ fixture: FIXTURE, extensions: [seg], faults: { concurrency: 1, latencyMs: 3, retryAfterSeconds: 0, errorRate: 0.05 }, seed: 7 });
    try {
      const { inventory: inv, stats } = await collectSegment({ token: seg.token(), baseUrl: `${t.baseUrl}/segment`, concurrency: 3, sleep: () => new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20)) });
      expect(stats.throttled).toBeGreaterThan(0);
      expect(stats.retries).toBeGreaterThanOrEqual(stats.throttled);
      expect(inv.collections.filter((c) => !c.ok)).toEqual([]);
      expect(runChecks(inv, segmentChecks, context).map(row).sort()).toEqual(findings.map(row).sort());
    } finally {
      await t.close();
    }
  });
});
