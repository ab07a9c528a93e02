// The dashboard in a real browser (Debian's Chromium through playwright-core) over a ledger
// holding two demo scans recorded by the CLI, the second with the expired attestation of
// the demo's chaperone.yaml renewed (so drift shows exactly that change).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createOutboundPolicy } from '@chaperone/guard';
import { ledgerSink } from '@chaperone/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { startDashboard, type RunningDashboard } from '../src/server.ts';
import { withUserStore } from '../src/accounts.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The README's screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1); otherwise into a temp dir, so a test run leaves the checkout as it was. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
let shots: string;
const PASSWORD = 'correct horse battery';
const IDLE_SECONDS = 120;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Patient details and credentials seeded in fixtures/sample-clinic.yaml: no page may show any. */
const FORBIDDEN = ['Maria Delgado', '1957-03-14', '03/14/1957', '00482915', 'Robert Chen', '1962-11-02', 'SUPERSECRET', '4417093', 'deadbeefdeadbeef', 'sgp_twin_clinic_demo_token', 'Robert+Chen', 'Maria Lopez', '415-555-2671'];

let dir: string;
let dashboard: RunningDashboard;
let browser: Browser;
const clock = new ManualClock(Date.UTC(2026, 11, 3, 9));
const seen: { url: string; html: string }[] = [];

function scan(ledger: string, config: string): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/chaperone.js'), 'scan', '--demo', '--config', config, '--ledger', ledger, '--no-progress', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CHAPERONE_LEDGER: '' },
  });
  // Exit 1: the demo has failing findings by design.
  if (run.status !== 1) throw new Error(`demo scan exited ${run.status}: ${run.stderr.split('\n')[0]}`);
}

/** The real outbound policy deciding real requests over three days, recorded by the ledger's guard sink. */
const GUARD_PER_DAY = [
  { daysAgo: 2, allowed: 3, denied: 1 },
  { daysAgo: 1, allowed: 5, denied: 0 },
  { daysAgo: 0, allowed: 2, denied: 2 },
];
async function guardDecisions(): Promise<void> {
  for (const day of GUARD_PER_DAY) {
    const sink = ledgerSink(dashboard.ledger, { now: () => new Date(clock.now() - day.daysAgo * 86_400_000) });
    const policy = createOutboundPolicy({ sink });
    const uri = 'https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json';
    for (let i = 0; i < day.allowed; i++) expect(policy.inspect({ method: 'POST', uri, data: { To: '+14155550100', From: '+14155550199', Body: 'Your appointment is confirmed' } }).send).toBe(true);
    for (let i = 0; i < day.denied; i++) expect(policy.inspect({ method: 'POST', uri, data: { To: 'whatsapp:+14155550100', From: 'whatsapp:+14155550199', Body: 'hello' } }).send).toBe(false);
    await sink.close();
  }
}

async function page(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  p.on('response', async (res) => {
    if ((res.headers()['content-type'] ?? '').startsWith('text/html')) seen.push({ url: res.url(), html: await res.text().catch(() => '') });
  });
  return p;
}

async function signIn(p: Page, username: string): Promise<void> {
  await p.goto(`${dashboard.url}/`);
  await p.getByLabel('Username').fill(username);
  await p.getByLabel('Password').fill(PASSWORD);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL(`${dashboard.url}/`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-browser-'));
  const ledger = join(dir, 'ledger.db');
  const demoConfig = join(ROOT, 'fixtures/sample-clinic.chaperone.yaml');
  const renewed = join(dir, 'renewed.chaperone.yaml');
  const text = readFileSync(demoConfig, 'utf8');
  if (!text.includes('expires: 2025-07-10')) throw new Error('the demo config no longer has its expired attestation');
  writeFileSync(renewed, text.replace('expires: 2025-07-10', 'expires: 2030-12-31'));
  scan(ledger, demoConfig);
  scan(ledger, renewed);
  await withUserStore({ kind: 'sqlite', path: ledger }, {}, async (users) => {
    await users.add('vera', 'viewer', PASSWORD);
    await users.add('ana', 'attester', PASSWORD);
  });
  dashboard = await startDashboard({ location: { kind: 'sqlite', path: ledger }, port: 0, clock, idleTimeoutMs: IDLE_SECONDS * 1000, keyPath: join(dir, '.chaperone/ledger.key') });
  await guardDecisions();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  shots = UPDATE_SCREENSHOTS ? join(ROOT, 'docs') : join(dir, 'shots');
  mkdirSync(shots, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the dashboard in a browser', () => {
  it('signs in and shows the posture worst first and the drift of the renewed attestation', async () => {
    const p = await page();
    await signIn(p, 'vera');
    expect(await p.locator('h1').textContent()).toBe('Posture');
    const statuses = await p.locator('ul.counts .pill').allTextContents();
    expect(statuses).toEqual(['fail', 'advisory', 'unknown', 'manual', 'attested', 'muted', 'pass']);
    const drift = p.locator('#drift');
    expect(await drift.textContent()).toMatch(/0 new, 0 resolved, 1 changed, 0 now unknown/);
    expect(await drift.locator('tbody tr').count()).toBe(1);
    expect(await drift.locator('tbody tr').textContent()).toContain('TW-RT-API-EXPLORER');
    await p.screenshot({ path: join(shots, 'dashboard-posture.png'), fullPage: true });
    await p.close();
  });

  it('drills into a control from the drift, with its guide text and the resources', async () => {
    const p = await page();
    await signIn(p, 'vera');
    await p.locator('#drift').getByRole('link', { name: 'TW-RT-API-EXPLORER' }).click();
    await p.waitForURL(/\/controls\/TW-RT-API-EXPLORER$/);
    expect(await p.locator('h1').textContent()).toContain('TW-RT-API-EXPLORER');
    expect(await p.locator('main').textContent()).toContain('HIPAA:');
    expect(await p.locator('table').first().textContent()).toContain('attested');
    // Filters are links: the filtered view can be shared.
    await p.selectOption('select[name=status]', 'attested');
    await p.getByRole('button', { name: 'Filter' }).click();
    await p.waitForURL(/status=attested/);
    expect(new URL(p.url()).searchParams.get('status')).toBe('attested');
    await p.screenshot({ path: join(shots, 'dashboard-control.png'), fullPage: true });
    await p.close();
  });

  it('records an attestation as an attester, refuses PHI in the reason, and refuses a viewer', async () => {
    const p = await page();
    await signIn(p, 'ana');
    await p.goto(`${dashboard.url}/attestations`);
    const form = p.locator('form:has(button:text("Record"))');
    await form.locator('input[name=control]').fill('TW-SMS-GEO-PERMISSIONS');
    await form.locator('input[name=expires]').fill('2027-06-30');
    await form.locator('input[name=reason]').fill('Patient Maria Lopez called from 415-555-2671');
    await form.getByRole('button', { name: 'Record' }).click();
    expect(await p.getByRole('alert').textContent()).toContain('seems to hold personal details');
    await form.locator('input[name=reason]').fill('Geo permissions limited to the US in Console > Messaging');
    await form.getByRole('button', { name: 'Record' }).click();
    await p.waitForURL(/recorded=1/);
    expect(await p.getByRole('status').textContent()).toContain('Recorded in the ledger.');
    const recorded = await p.locator('table').first().textContent();
    expect(recorded).toContain('TW-SMS-GEO-PERMISSIONS');
    expect(recorded).toContain('ana');
    await p.screenshot({ path: join(shots, 'dashboard-attestations.png'), fullPage: true });
    const yaml = await (await p.request.get(`${dashboard.url}/attestations/export.yaml`)).text();
    expect(yaml).toContain('control: TW-SMS-GEO-PERMISSIONS');
    await p.close();

    const viewer = await page();
    await signIn(viewer, 'vera');
    await viewer.goto(`${dashboard.url}/attestations`);
    expect(await viewer.getByRole('button', { name: 'Record' }).count()).toBe(0);
    const token = await viewer.locator('input[name=_csrf]').first().inputValue();
    const status = await viewer.evaluate(async (token) => {
      const body = new URLSearchParams({ _csrf: token, action: 'record', entry: 'attestation', control: 'TW-CONSOLE-LOGOFF', expires: '2027-01-01', reason: 'viewer attempt' });
      return (await fetch('/attestations', { method: 'POST', body })).status;
    }, token);
    expect(status).toBe(403);
    await viewer.close();
  });

  it('refuses a state-changing request without the session token or from another origin', async () => {
    const p = await page();
    await signIn(p, 'ana');
    await p.goto(`${dashboard.url}/attestations`);
    const noToken = await p.evaluate(async () => (await fetch('/attestations', { method: 'POST', body: new URLSearchParams({ action: 'record' }) })).status);
    expect(noToken).toBe(403);
    const crossOrigin = await p.request.post(`${dashboard.url}/attestations`, { headers: { origin: 'http://evil.example' }, form: { action: 'record' } });
    expect(crossOrigin.status()).toBe(403);
    await p.close();
  });

  it('warns before the idle logoff and signs out on the server after it', async () => {
    const p = await page();
    await p.clock.install();
    await signIn(p, 'vera');
    // The warning shows in the last minute (half the timeout when it is shorter).
    await p.clock.fastForward((IDLE_SECONDS - 30) * 1000);
    await p.getByRole('alertdialog').waitFor();
    expect(await p.getByRole('alertdialog').textContent()).toContain('you will be signed out');
    // The server's clock decides: past the timeout the next request lands on the sign-in page.
    clock.advance((IDLE_SECONDS + 1) * 1000);
    await p.goto(`${dashboard.url}/controls`);
    expect(p.url()).toBe(`${dashboard.url}/login?reason=idle`);
    expect(await p.getByRole('status').textContent()).toContain(`You were signed out after ${IDLE_SECONDS / 60} minutes without activity.`);
    await p.screenshot({ path: join(shots, 'dashboard-signed-out.png') });
    await p.close();
  });

  it('verifies the ledger on demand, shows the latest checkpoint, offers the bundle, and charts the guard decisions', async () => {
    const p = await page();
    await signIn(p, 'vera');
    await p.goto(`${dashboard.url}/evidence`);
    expect(await p.locator('#verification').textContent()).toContain('Not verified since the dashboard started.');
    await p.getByRole('button', { name: 'Verify now' }).click();
    await p.waitForURL(/\/evidence/);
    for (let i = 0; i < 50 && (await p.locator('#verification').textContent())?.includes('is running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      await p.reload();
    }
    const verification = (await p.locator('#verification').textContent()) ?? '';
    expect(verification).toMatch(/Intact: \d+ entries, 2 signed checkpoints, verified with key /);
    // The checkpoint the second scan signed, as a signed note: origin, size, root, then the signature line.
    const checkpoint = (await p.locator('#checkpoint pre').textContent()) ?? '';
    expect(checkpoint.split('\n')[0]).toBe(dashboard.ledger.origin);
    expect(checkpoint).toMatch(/\n— /);

    const guardTotal = GUARD_PER_DAY.reduce((a, d) => a + d.allowed + d.denied, 0);
    const denied = GUARD_PER_DAY.reduce((a, d) => a + d.denied, 0);
    expect(await p.locator('figure svg title').first().textContent()).toBe(`Guard decisions per day over 30 days: ${guardTotal} in all, ${denied} not allowed`);
    expect(await p.locator('figure svg rect.bar').count()).toBe(GUARD_PER_DAY.reduce((a, d) => a + (d.allowed ? 1 : 0) + (d.denied ? 1 : 0), 0));
    expect(await p.locator('#guard-days tbody tr').count()).toBe(3);
    expect(await p.locator('#guard-days thead').textContent()).toContain('outbound denied');

    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Download the export bundle' }).click()]);
    expect(download.suggestedFilename()).toBe('chaperone-ledger-export.json');
    const text = readFileSync(await download.path(), 'utf8');
    const bundle = JSON.parse(text) as { format: string; entries: { kind: string; bytes: string }[]; checkpoints: unknown[] };
    expect(bundle.format).toBe('chaperone-ledger-bundle/1');
    expect(bundle.checkpoints).toHaveLength(2);
    expect(bundle.entries.filter((e) => e.kind === 'guard.decision')).toHaveLength(guardTotal);
    // The entries' bytes, decoded, are grepped with the pages below.
    seen.push({ url: download.url(), html: bundle.entries.map((e) => Buffer.from(e.bytes, 'base64').toString('utf8')).join('\n') });
    // The OSCAL assessment results of the latest complete run, each finding naming its ledger entry.
    const [oscalDownload] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Download the OSCAL assessment results' }).click()]);
    expect(oscalDownload.suggestedFilename()).toBe('chaperone-assessment-results.json');
    const oscalText = readFileSync(await oscalDownload.path(), 'utf8');
    const oscal = JSON.parse(oscalText) as { 'assessment-results': { metadata: { 'oscal-version': string }; results: { findings: { props: { name: string }[] }[] }[] } };
    expect(oscal['assessment-results'].metadata['oscal-version']).toBe('1.1.3');
    const findings = oscal['assessment-results'].results[0]!.findings;
    expect(findings.length).toBeGreaterThan(100);
    expect(findings.every((f) => f.props.some((prop) => prop.name === 'ledger-seq'))).toBe(true);
    seen.push({ url: oscalDownload.url(), html: oscalText });
    await p.screenshot({ path: join(shots, 'dashboard-evidence.png'), fullPage: true });
    await p.close();
  });

  it('shows no PHI and no token from the fixtures on any page', () => {
    expect(seen.length).toBeGreaterThan(8);
    for (const { url, html } of seen) for (const secret of FORBIDDEN) expect(`${url}\n${html}`, `${secret} in ${url}`).not.toContain(secret);
  });
});
