// Proxy, Notify and Conversational Intelligence are not HIPAA eligible: the scan lists their
// services (the twin serves them from Twilio's specs) and TW-ELIGIBLE-ONLY names each.
import { describe, expect, it } from 'vitest';
import { scanTwin, withTwin } from './twin-scan.ts';

const MASTER = 'AC0ba1e00000000000000000000000a001';
const account = (resources: string) => `
accounts:
  - sid: ${MASTER}
    auth_token: 0ba1e00000000000000000000000a001
    date_created: '2024-02-01T00:00:00Z'
    resources:
${resources}`;

const WITH_SERVICES = account(`      proxy:
        services:
          - sid: KS0ba1e00000000000000000000000a001
            unique_name: masked-calls
      notify:
        services:
          - sid: IS0ba1e00000000000000000000000a001
            friendly_name: reminders
      intelligence:
        services:
          - sid: GA0ba1e00000000000000000000000a001
            unique_name: call-analysis
`);

describe('TW-ELIGIBLE-ONLY reads Proxy, Notify and Intelligence', () => {
  it('fails an account with a service on each, naming the products', async () => {
    await withTwin({ fixtureText: WITH_SERVICES }, async (twin) => {
      const { report, inventory } = await scanTwin(twin);
      expect(inventory.resources.filter((r) => /^(proxy|notify|intelligence)\./.test(r.kind)).map((r) => `${r.kind} ${r.sid}`).sort()).toEqual([
        'intelligence.service GA0ba1e00000000000000000000000a001',
        'notify.service IS0ba1e00000000000000000000000a001',
        'proxy.service KS0ba1e00000000000000000000000a001',
      ]);
      const eligible = report.findings.filter((f) => f.control === 'TW-ELIGIBLE-ONLY');
      expect(eligible.map((f) => f.status)).toEqual(['fail']);
      expect(eligible[0]!.evidence).toContain('Proxy services: 1; Notify services: 1; Conversational Intelligence services: 1');
    });
  });

  it('an account with none passes, and the pass names the kinds it read', async () => {
    await withTwin({ fixtureText: account('      sync: { services: [] }\n') }, async (twin) => {
      const eligible = (await scanTwin(twin)).report.findings.filter((f) => f.control === 'TW-ELIGIBLE-ONLY');
      expect(eligible.map((f) => f.status)).toEqual(['pass']);
      expect(eligible[0]!.evidence).toMatch(/proxy\.service, notify\.service, intelligence\.service/);
    });
  });
});
