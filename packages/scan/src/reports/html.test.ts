import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../types.ts';
import { FINDINGS, HOSTILE, WORKSPACE, sampleReport } from './fixtures/sample-report.ts';
import { renderHtml } from './html.ts';

const html = renderHtml(sampleReport());
const NOT_PASS = FINDINGS.filter((f) => f.status !== 'pass').length;
const CONTROLS = new Set(FINDINGS.map((f) => f.control)).size;

describe('HTML writer (static)', () => {
  it('links only to guide references, and makes no other http(s) reference', () => {
    const attributes = [...html.matchAll(/\b(?:src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
    const remote = attributes.filter((value) => /^(https?:)?\/\//i.test(value));
    expect(remote.length).toBeGreaterThan(0);
    for (const url of remote) expect(html).toContain(`<a href="${url}" rel="noreferrer noopener" target="_blank">`);
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+\b(src|href)="https?:/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // Strict CSP: no inline style attribute or event handler anywhere (only the hashed <style> and <script>).
    expect(html).not.toMatch(/\sstyle="/i);
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('escapes every hostile value', () => {
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain('<img src="https://evil.example');
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
  });

  it('draws the charts as inline SVG: one bar per severity, one stacked bar per account', () => {
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Open findings by severity"');
    expect(html).toContain('aria-label="Findings per account by status"');
  });

  it('groups findings by control: one collapsed block per control, remediation once', () => {
    expect(html.match(/<details class="group"/g)).toHaveLength(CONTROLS);
    expect(html).not.toMatch(/<details class="group"[^>]* open/);
  });
});

// Chromium from the system (apt), never downloaded. Without it this suite fails: the
// writer's promise (no request, filters work, no script runs, no horizontal scroll) is
// only proven in a browser.
const CHROMIUM = '/usr/bin/chromium';

describe('HTML writer in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let fileUrl: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    dir = mkdtempSync(join(tmpdir(), 'chaperone-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    fileUrl = pathToFileURL(file).href;
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<{ page: Page; requests: string[]; consoleErrors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
    return { page, requests, consoleErrors };
  }
  const visibleRows = (page: Page) => page.locator('tr.finding:not([hidden])');
  const visibleGroups = (page: Page) => page.locator('details.group:not([hidden])');

  it('loads with no request but the file itself, no CSP violation, runs no injected script; passes hidden by default', async () => {
    const { page, requests, consoleErrors } = await open();
    expect(requests).toEqual([fileUrl]);
    // The CSP admits the page's own script and style: a violation would be a console error.
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await visibleRows(page).count()).toBe(NOT_PASS);
    await expect.poll(() => page.locator('#shown').innerText()).toMatch(new RegExp(`^Showing ${NOT_PASS} of ${FINDINGS.length} findings in \\d+ of ${CONTROLS} controls$`));
    await page.click('button[data-status="pass"]');
    expect(await visibleRows(page).count()).toBe(FINDINGS.length);
    await page.close();
  }, 30_000);

  it('filters by status, severity, search, product and account', async () => {
    const { page } = await open();
    const count = (pred: (f: Finding) => boolean) => FINDINGS.filter((f) => f.status !== 'pass' && pred(f)).length;
    for (const s of ['critical', 'medium', 'low', 'info']) await page.click(`button[data-severity="${s}"]`);
    expect(await visibleRows(page).count()).toBe(count((f) => f.severity === 'high'));
    for (const s of ['critical', 'medium', 'low', 'info']) await page.click(`button[data-severity="${s}"]`);

    await page.fill('#search', 'tw-https');
    expect(await visibleGroups(page).count()).toBe(1);
    expect(await visibleGroups(page).getAttribute('data-control')).toBe('TW-HTTPS');
    await page.fill('#search', '');

    await page.selectOption('#filter-account', `segment:${WORKSPACE}`);
    expect(await visibleRows(page).count()).toBe(count((f) => f.account === WORKSPACE));
    await page.selectOption('#filter-account', '');
    await page.selectOption('#filter-product', 'Twilio Segment');
    expect(await visibleRows(page).count()).toBe(count((f) => f.platform === 'segment'));
    await page.close();
  }, 30_000);

  it('sorts the controls by a column, both ways', async () => {
    const { page } = await open();
    const order = () => page.locator('details.group').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { getAttribute(a: string): string }).getAttribute('data-control')));
    await page.click('button[data-sort="control"]');
    const ascending = await order();
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    await page.click('button[data-sort="control"]');
    expect(await order()).toEqual([...ascending].reverse());
    await page.click('button[data-sort="severity"]');
    const severities = await page.locator('details.group').evaluateAll((nodes) => nodes.map((n) => Number((n as unknown as { getAttribute(a: string): string }).getAttribute('data-severity'))));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    await page.close();
  }, 30_000);

  it('resources are collapsed under their control until opened; nothing scrolls sideways at 1,400 px, even expanded', async () => {
    const { page } = await open();
    expect(await page.locator('tr.finding:visible').count()).toBe(0);
    await page.click('details.group[data-control="TW-HTTPS"] > summary');
    expect(await page.locator('tr.finding:visible').count()).toBe(FINDINGS.filter((f) => f.control === 'TW-HTTPS' && f.status !== 'pass').length);
    await page.click('button[data-status="pass"]');
    await page.click('#expand-all');
    expect(await page.locator('tr.finding:visible').count()).toBe(FINDINGS.length);
    expect(await page.locator('#groups').innerText()).toContain(HOSTILE.script);
    const widths = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  }, 30_000);
});
