import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS, HOSTILE, WORKSPACE, sampleReport } from './fixtures/sample-report.ts';
import { renderHtml } from './html.ts';

const html = renderHtml(sampleReport());

describe('HTML writer (static)', () => {
  it('links only to guide references, and makes no other http(s) reference', () => {
    const attributes = [...html.matchAll(/\b(?:src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
    const remote = attributes.filter((value) => /^(https?:)?\/\//i.test(value));
    expect(remote.length).toBeGreaterThan(0);
    for (const url of remote) {
      expect(html).toContain(`<a href="${url}" rel="noreferrer noopener" target="_blank">`);
    }
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+\b(src|href)="https?:/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('escapes every hostile value', () => {
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain('<img src="https://evil.example');
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
  });
});

// Chromium from the system (apt), never downloaded. Without it this suite fails: the
// writer's promise (no request, filter works, no script runs) is only proven in a browser.
const CHROMIUM = '/usr/bin/chromium';

describe('HTML writer in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let fileUrl: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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

  it('loads with no request but the file itself, runs no injected script, and filters by status, product and account', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(fileUrl, { waitUntil: 'load' });

    expect(requests).toEqual([fileUrl]);
    // The CSP admits the page's own script: a violation here would mean the filter is dead.
    expect(consoleErrors).toEqual([]);
    // A string expression: the project's TypeScript has no DOM types.
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('#findings tbody').innerText()).toContain(HOSTILE.script);

    const visibleRows = () => page.locator('#findings tbody tr:visible');
    expect(await visibleRows().count()).toBe(FINDINGS.length);
    await expect.poll(() => page.locator('#shown').innerText()).toBe(`Showing ${FINDINGS.length} of ${FINDINGS.length} findings`);

    await page.click('button[data-status="fail"]');
    const failing = FINDINGS.filter((f) => f.status === 'fail').length;
    expect(await visibleRows().count()).toBe(failing);
    expect(await page.locator('#findings tbody tr:visible td:first-child').allInnerTexts()).toEqual(Array(failing).fill('fail'));

    await page.click('button[data-status="unknown"]');
    expect(await visibleRows().count()).toBe(failing + 1);
    await page.click('button[data-status="unknown"]');

    await page.selectOption('#filter-account', `segment:${WORKSPACE}`);
    expect(await visibleRows().count()).toBe(1);
    await page.selectOption('#filter-account', '');

    await page.selectOption('#filter-product', 'Twilio Segment');
    expect(await visibleRows().count()).toBe(1);
    await page.click('button[data-status="fail"]');
    expect(await visibleRows().count()).toBe(FINDINGS.filter((f) => f.platform === 'segment').length);
    expect(await page.locator('#shown').innerText()).toBe(`Showing 2 of ${FINDINGS.length} findings`);

    expect(requests).toEqual([fileUrl]);
    await page.close();
  }, 20_000);
});
