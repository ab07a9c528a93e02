// Generated organisations: deterministic for a seed, a realistic mix per subaccount, and
// served like fixture data (scoped per subaccount, paged, spec-valid).
import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { generateOrganisation, parseGenerateSpec, startTwin } from '../src/index.ts';
import { ContractCheckingClient } from './checking-client.ts';

describe('generateOrganisation', () => {
  it('builds N subaccounts with M resources each, the same for the same seed', () => {
    const a = generateOrganisation({ subaccounts: 3, resources: 12, seed: 5 });
    const b = generateOrganisation({ subaccounts: 3, resources: 12, seed: 5 });
    expect(a.subaccounts.map((s) => s.sid)).toEqual(b.subaccounts.map((s) => s.sid));
    expect(a.subaccounts).toHaveLength(3);
    expect(a.state.subaccountsOf(a.master.sid)).toHaveLength(3);
    const kinds = ['api.incoming_phone_numbers', 'messaging.services', 'trunking.trunks', 'api.sip_domains'];
    for (const sub of a.subaccounts) {
      let total = 0;
      for (const kind of a.state.catalog.kinds.values()) {
        total += a.state.collection(kind, sub.sid, kind.v2010 ? [sub.sid] : [])?.items.size ?? 0;
      }
      expect(total).toBe(12);
      for (const name of kinds) {
        const kind = a.state.catalog.kinds.get(name)!;
        expect(a.state.collection(kind, sub.sid, kind.v2010 ? [sub.sid] : [])?.items.size, name).toBeGreaterThan(0);
      }
    }
    expect(generateOrganisation({ subaccounts: 1, resources: 1, seed: 6 }).master.sid).not.toBe(a.master.sid);
  });

  it('rejects bad sizes and parses the CLI form', () => {
    expect(() => generateOrganisation({ subaccounts: -1, resources: 1 })).toThrow('subaccounts is -1; fix');
    expect(parseGenerateSpec('subaccounts=10,resources=20')).toEqual({ subaccounts: 10, resources: 20 });
    expect(parseGenerateSpec('subaccounts=1,resources=2,seed=3')).toEqual({ subaccounts: 1, resources: 2, seed: 3 });
    expect(() => parseGenerateSpec('subaccounts=10')).toThrow('--generate needs subaccounts and resources');
    expect(() => parseGenerateSpec('subaccounts=x,resources=1')).toThrow('"subaccounts=x" is not name=whole-number');
    expect(() => parseGenerateSpec('accounts=1,resources=1')).toThrow('unknown setting "accounts"');
  });

  it('serves generated subaccounts through the SDK with their own tokens', async () => {
    const twin = await startTwin({ generate: { subaccounts: 4, resources: 10 } });
    try {
      const httpClient = new ContractCheckingClient(twin.baseUrl);
      const master = twilio(twin.master.accountSid, twin.master.authToken, { httpClient });
      const accounts = await master.api.v2010.accounts.list({ pageSize: 2 });
      expect(accounts).toHaveLength(5);
      const sub = accounts.find((a) => a.ownerAccountSid === twin.master.accountSid && a.sid !== twin.master.accountSid)!;
      const client = twilio(sub.sid, sub.authToken, { httpClient });
      expect((await client.incomingPhoneNumbers.list()).length).toBeGreaterThan(0);
      expect((await client.trunking.v1.trunks.list()).length).toBeGreaterThan(0);
      expect(httpClient.violations).toEqual([]);
    } finally {
      await twin.close();
    }
  });
});
