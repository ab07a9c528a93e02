// The inventory holds raw values the scanner read (defects.md §4: "one JSON.stringify away"):
// serverless variable values, URLs with credentials, alert request bodies. None of them may
// leave through a report of any format, a log line or a serialization of the inventory.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, renderReport, renderTerminalSummary } from '../../src/reports/index.ts';
import { FIXTURE, scanTwin, withTwin } from './twin-scan.ts';

const SECRET_PASSWORD = 'Sup3rS3cretBasicPassw0rd';
const ORIGINAL = 'value: https://ehr.bayviewclinic.example';
const fixture = readFileSync(FIXTURE, 'utf8');
// One variable value now carries credentials in its URL, as an app's config often does.
const seeded = fixture.replace(ORIGINAL, `value: https://svc:${SECRET_PASSWORD}@ehr.bayviewclinic.example`);
const RAW_VALUES = [SECRET_PASSWORD, 'MRN 00482915', 'Maria+Delgado+your+cardiology', 'disputes the cardiology bill'];

describe('the inventory never leaves the process', () => {
  it('holds the raw values, yet no report, log or serialization of it carries one', async () => {
    expect(fixture.split(ORIGINAL)).toHaveLength(2);
    await withTwin({ fixtureText: seeded }, async (twin) => {
      const { inventory, report } = await scanTwin(twin);
      // The values really are in memory: without that, this test could not fail.
      const held = inventory.resources.map((r) => Object.values(r).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')).join(' ')).join('\n');
      for (const value of RAW_VALUES) expect(held, value).toContain(value);

      const lines: string[] = [];
      const logger = pino({}, new Writable({ write: (chunk, _e, done) => void (lines.push(String(chunk)), done()) }));
      logger.info({ inventory }, 'scanned');
      logger.info({ result: { inventory, report } }, 'scanned');
      const outputs: [string, string][] = [
        ['JSON.stringify(inventory)', JSON.stringify(inventory)],
        ['JSON.stringify({ inventory, report })', JSON.stringify({ inventory, report })],
        ['util.inspect', inspect(inventory, { depth: null })],
        ['pino', lines.join('')],
        ['terminal', renderTerminalSummary(report, { color: false })],
        ...REPORT_FORMATS.map((format) => [format, renderReport(format, report)] as [string, string]),
      ];
      for (const [where, text] of outputs) {
        for (const value of RAW_VALUES) expect(text, `${where} carries "${value}"`).not.toContain(value);
      }
      // Spreading or iterating still sees the data: the hooks are not enumerable.
      expect(Object.keys(inventory).sort()).toEqual(['accounts', 'collections', 'resources']);
    });
  });
});
