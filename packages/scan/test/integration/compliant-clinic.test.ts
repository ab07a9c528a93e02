// Done-when of the guide's classes: an account that meets every requirement
// (fixtures/compliant-clinic.yaml with its chaperone.yaml) gets a clean run, exit 0, with
// the recommendations it does not follow listed as advisory and the special
// considerations listed as manual; nothing of a recommended control is ever `fail`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getControl, type ControlId } from '@chaperone/controls';
import { startTwin } from '@chaperone/twin';
import { run } from '../../../cli/src/commands/scan.ts';
import { captureIO } from './twin-scan.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

const io = (env: NodeJS.ProcessEnv) => captureIO(env);

describe('an account that meets every requirement of the guide', () => {
  it('exits 0 with advisories and manual items listed, and no chaperone.yaml warning', async () => {
    const twin = await startTwin({ fixture: fixture('compliant-clinic.yaml') });
    try {
      const env = { TWILIO_ACCOUNT_SID: twin.master.accountSid, TWILIO_AUTH_TOKEN: twin.master.authToken };
      const args = ['--config', fixture('compliant-clinic.chaperone.yaml'), '--twilio-base-url', twin.baseUrl, '--no-progress'];
      const terminal = io(env);
      expect(await run(args, terminal)).toBe(0);
      expect(terminal.err).toBe('');
      expect(terminal.out).toMatch(/^PASS {2}0 failing, [1-9]\d* advisory, 0 unknown, [1-9]\d* manual · 1 of 1 accounts complete/);

      const json = io(env);
      expect(await run([...args, '--format', 'json'], json)).toBe(0);
      const report = JSON.parse(json.out) as { findings: { control: ControlId; status: string }[] };
      const of = (status: string) => report.findings.filter((f) => f.status === status);
      expect(of('fail')).toEqual([]);
      expect(of('unknown')).toEqual([]);
      expect(of('advisory').map((f) => f.control)).toContain('TW-HTTP-AUTH');
      for (const f of of('advisory')) expect(getControl(f.control).classification).toBe('recommended');
      // Every required control a person must confirm is attested; what stays manual is a
      // special consideration, a recommendation or a control no attestation can settle.
      expect(of('attested').length).toBeGreaterThan(10);
      for (const f of of('manual')) {
        const control = getControl(f.control);
        expect(control.classification === 'required' && control.verification.includes('attest'), f.control).toBe(false);
      }

      // The same account with --fail-on advisory fails: the threshold is the user's to raise.
      expect(await run([...args, '--fail-on', 'advisory'], io(env))).toBe(1);
    } finally {
      await twin.close();
    }
  });
});
