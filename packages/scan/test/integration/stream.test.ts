// The streaming engine: each account arrives as its own batch as soon as it is settled
// (the master first), nothing of another account in it, and scan() is exactly the stream
// collected, so a caller that records batch by batch holds the same verdicts.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { scan } from '../../src/engine/scan.ts';
import { scanStream, type AccountFindings } from '../../src/engine/stream.ts';
import { CLINIC_CONFIG, withTwin } from './twin-scan.ts';
import type { Twin } from '@chaperone/twin';

const options = (twin: Twin) => ({
  twilio: { credentials: { accountSid: twin.master.accountSid, username: twin.master.accountSid, password: twin.master.authToken, kind: 'auth-token' as const }, baseUrl: twin.baseUrl },
  config: parseConfig(CLINIC_CONFIG, 'chaperone.yaml'),
  now: () => new Date('2026-12-03T00:00:00Z'),
});

describe('scanStream', () => {
  it('hands over one account per batch, the master first, and adds up to scan()', async () => {
    const { batches, summary, whole } = await withTwin({}, async (twin) => {
      const batches: AccountFindings[] = [];
      const summary = await scanStream(options(twin), { onFindings: (batch) => void batches.push(batch) });
      return { batches, summary, whole: await scan(options(twin)) };
    });
    expect(batches[0]!.account).toBe(summary.accounts[0]!.sid);
    for (const batch of batches) expect(batch.findings.every((f) => f.account === batch.account)).toBe(true);
    // Every account settled once, then the run-wide manual findings of the root.
    const settled = batches.map((b) => b.account);
    expect(new Set(settled.slice(0, summary.accounts.length))).toEqual(new Set(summary.accounts.map((a) => a.sid)));
    const key = (f: { control: string; account: string; resource: { kind: string; sid: string }; status: string; evidence: string }) => `${f.control} ${f.account} ${f.resource.kind} ${f.resource.sid} ${f.status} ${f.evidence}`;
    expect(batches.flatMap((b) => b.findings).map(key).sort()).toEqual(whole.findings.map(key).sort());
    expect(whole.findings.length).toBeGreaterThan(100);
  }, 60_000);
});
