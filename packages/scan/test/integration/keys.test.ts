// TW-KEYS-ROTATION through the twin: the collector lists each account's keys from
// /2010-04-01/Accounts/{sid}/Keys.json and keeps no secret.
import { describe, expect, it } from 'vitest';
import { scanTwin, withTwin } from './twin-scan.ts';

describe('API keys collected from the twin', () => {
  it('lists the fixture keys, judges their age, and carries no key secret anywhere', async () => {
    await withTwin({}, async (twin) => {
      const { report, inventory } = await scanTwin(twin);
      const keys = inventory.resources.filter((r) => r.kind === 'api.key');
      expect(keys.map((k) => k.sid)).toContain('SK0ba1e00000000000000000000000b001');
      for (const k of keys) expect(Object.keys(k.fields).sort()).toEqual(['date_created', 'friendly_name', 'sid']);
      const findings = report.findings.filter((f) => f.control === 'TW-KEYS-ROTATION');
      expect(findings.length).toBeGreaterThanOrEqual(keys.length);
      // The twin dates its records in the past: every fixture key is over the 90-day age.
      expect(findings.filter((f) => f.resource.kind === 'api.key').every((f) => f.status === 'advisory')).toBe(true);
      expect(JSON.stringify({ report, inventory })).not.toContain('deadbeefdeadbeefdeadbeefsk00b001');
    });
  });
});
