// Writes docs/html-report.png, the README's picture of the HTML report: the demo scan
// (the twin of the sample clinic, in-process) rendered and photographed in the system's
// Chromium at 1,400 px with the first controls expanded. Run with `npm run docs:screenshot`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startTwin } from '@chaperone/twin';
import { createSegmentTwin } from '@chaperone/twin/segment';
import { loadConfig } from '../src/config/index.ts';
import { scan } from '../src/engine/scan.ts';
import { segmentSource } from '../src/engine/segment-source.ts';
import { renderHtml } from '../src/reports/html.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const segmentTwin = createSegmentTwin();
const twin = await startTwin({ fixture: join(root, 'fixtures/sample-clinic.yaml'), extensions: [segmentTwin] });
try {
  const report = await scan({
    twilio: { credentials: { accountSid: twin.master.accountSid, username: twin.master.accountSid, password: twin.master.authToken, kind: 'auth-token' }, baseUrl: twin.baseUrl },
    sources: [segmentSource({ token: segmentTwin.token(), baseUrl: `${twin.baseUrl}/segment` })],
    config: await loadConfig(join(root, 'fixtures/sample-clinic.chaperone.yaml'), { cwd: root }),
  });
  const file = join(mkdtempSync(join(tmpdir(), 'chaperone-shot-')), 'report.html');
  writeFileSync(file, renderHtml(report));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
  await page.goto(pathToFileURL(file).href);
  await page.click('details.group >> nth=0 >> summary');
  await page.screenshot({ path: join(root, 'docs/html-report.png') });
  await browser.close();
  console.log('wrote docs/html-report.png');
} finally {
  await twin.close();
}
