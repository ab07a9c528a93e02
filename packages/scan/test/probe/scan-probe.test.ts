// `scan({ probeWebhooks })` end to end: the twin serves numbers whose webhooks point at a
// local https app; the probe runs only when asked, once per distinct URL, and every report
// format stays free of the URLs' credentials, their query tokens and the app's PHI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS, renderReport } from '../../src/reports/index.ts';
import type { Finding } from '../../src/types.ts';
import { scanTwin, withTwin } from '../integration/twin-scan.ts';
import { APP_BODY_PHI, BASIC_SECRET, BASIC_USER, startTestApp, type TestApp } from './https-server.ts';

const MASTER = `AC${'3'.repeat(32)}`;
const SUB = `AC${'4'.repeat(32)}`;
const MASTER_TOKEN = 'c'.repeat(32);
const SUB_TOKEN = 'd'.repeat(32);
const QUERY_SECRET = 'query-secret-7f3a';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

function fixture(origin: string): string {
  const host = origin.slice('https://'.length);
  const number = (sid: string, phone: string, urls: Record<string, string>) =>
    `          - sid: ${sid}\n            phone_number: '${phone}'\n${Object.entries(urls).map(([k, v]) => `            ${k}: ${v}`).join('\n')}\n`;
  return `accounts:
  - sid: ${MASTER}
    friendly_name: Probe master
    auth_token: ${MASTER_TOKEN}
    resources:
      api:
        incoming_phone_numbers:
${number(`PN${'1'.repeat(32)}`, '+14155550101', { voice_url: `${origin}/accept?token=${QUERY_SECRET}`, sms_url: `${origin}/accept?token=${QUERY_SECRET}` })}${number(`PN${'2'.repeat(32)}`, '+14155550102', { voice_url: `https://${BASIC_USER}:${BASIC_SECRET}@${host}/guarded` })}${number(`PN${'3'.repeat(32)}`, '+14155550103', { voice_url: `${origin}/missing` })}${number(`PN${'4'.repeat(32)}`, '+14155550104', { voice_url: `${origin}/redirect` })}${number(`PN${'5'.repeat(32)}`, '+14155550105', { voice_url: `http://${host}/accept` })}${number(`PN${'6'.repeat(32)}`, '+14155550106', { voice_url: `${origin}/hang` })}
  - sid: ${SUB}
    owner_account_sid: ${MASTER}
    friendly_name: Probe sub
    auth_token: ${SUB_TOKEN}
    resources:
      api:
        incoming_phone_numbers:
${number(`PN${'7'.repeat(32)}`, '+14155550107', { voice_url: `${origin}/accept?token=${QUERY_SECRET}` })}`;
}

const signature = (findings: Finding[]) =>
  findings
    .filter((f) => f.control === 'TW-WEBHOOK-SIGNATURE')
    .map((f) => `${f.status} ${f.resource.sid.slice(0, 3)}`)
    .sort();

describe('scan --probe-webhooks', () => {
  it('without the option no request reaches any webhook and the control stays manual', async () => {
    const before = app.seen.length;
    const { report } = await withTwin({ fixtureText: fixture(app.origin) }, (twin) => scanTwin(twin, { config: undefined }));
    expect(app.seen.length).toBe(before);
    expect(signature(report.findings)).toEqual([`manual ${MASTER.slice(0, 3)}`]);
  });

  it('probes each distinct https URL once and judges every resource from the answers', async () => {
    const before = app.seen.length;
    const { report, inventory } = await withTwin({ fixtureText: fixture(app.origin) }, (twin) =>
      scanTwin(twin, { config: undefined, probeWebhooks: { ca: app.ca, timeoutMs: 500, allowPrivateAddresses: true } }),
    );
    const seen = app.seen.slice(before);
    // /accept is configured three times over two accounts, /hang never answers; the http:// URL is not sent.
    expect(seen.map((r) => r.path).sort()).toEqual(['/accept', '/guarded', '/hang', '/missing', '/redirect']);
    expect(seen.every((r) => r.method === 'POST' && r.headers['x-twilio-signature'] === undefined)).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(seen.find((r) => r.path === '/accept')!.body)).AccountSid).toBe(MASTER);
    // One record per URL and account that configures it (the scan streams account by
    // account), one request per URL for the whole run: the master's five, the sub's /accept.
    const records = inventory.resources.filter((r) => r.kind === 'probe.webhook');
    expect(records.filter((r) => r.account === MASTER)).toHaveLength(5);
    expect(records.filter((r) => r.account === SUB).map((r) => new URL(String(r.fields.url)).pathname)).toEqual(['/accept']);

    const bySid = new Map(report.findings.filter((f) => f.control === 'TW-WEBHOOK-SIGNATURE').map((f) => [f.resource.sid, f]));
    const status = (digit: string) => bySid.get(`PN${digit.repeat(32)}`)?.status;
    expect([1, 2, 3, 4, 5, 6, 7].map((d) => status(String(d)))).toEqual(['fail', 'pass', 'unknown', 'fail', 'unknown', 'unknown', 'fail']);
    expect(bySid.get(`PN${'1'.repeat(32)}`)!.evidence).toBe(
      `voice_url: POST ${app.origin}/accept?*** without X-Twilio-Signature answered 200; sms_url: POST ${app.origin}/accept?*** without X-Twilio-Signature answered 200`,
    );
    expect(bySid.get(`PN${'6'.repeat(32)}`)!.evidence).toContain('ETIMEDOUT');
    expect(report.findings.some((f) => f.control === 'TW-WEBHOOK-SIGNATURE' && f.status === 'manual')).toBe(false);

    for (const format of REPORT_FORMATS) {
      const text = renderReport(format, report);
      for (const secret of [QUERY_SECRET, BASIC_SECRET, `${BASIC_USER}:${BASIC_SECRET}`, APP_BODY_PHI, 'redirect-secret', MASTER_TOKEN, SUB_TOKEN]) {
        expect(text.includes(secret), `${format} carries ${secret}`).toBe(false);
      }
    }
  });

  it('by default a webhook on a private or loopback address gets no request: unknown', async () => {
    const before = app.seen.length;
    const { report } = await withTwin({ fixtureText: fixture(app.origin) }, (twin) => scanTwin(twin, { config: undefined, probeWebhooks: { ca: app.ca, timeoutMs: 500 } }));
    expect(app.seen.length).toBe(before);
    const verdicts = report.findings.filter((f) => f.control === 'TW-WEBHOOK-SIGNATURE');
    expect(verdicts).toHaveLength(7);
    expect(new Set(verdicts.map((f) => f.status))).toEqual(new Set(['unknown']));
    expect(verdicts.find((f) => f.resource.sid === `PN${'1'.repeat(32)}`)!.evidence).toContain('private or loopback');
  });
});
