// A scan through 429s, 5xx, dropped connections and a dead subaccount: what could not be
// collected is unknown (never pass), the rest is still scanned, and the exit code says so.
import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { exitCodeFor } from '../../src/engine/exit-code.ts';
import { ACCOUNT_LIST_KIND } from '../../src/engine/scan.ts';
import { B, C, D, scanTwin, withTwin } from './twin-scan.ts';

const fastBackoff = { maxRetries: 4, baseDelayMs: 2, maxDelayMs: 20 };

describe('scan under faults', () => {
  it('throttling, 5xx and drops are retried; a dead subaccount is unknown, never pass', async () => {
    const clean = await withTwin({}, (twin) => scanTwin(twin));
    const faults = { seed: 7, latencyMs: 5, concurrency: 3, retryAfterSeconds: 0, errorRate: 0.05, dropRate: 0.02, accounts: { [D]: { errorRate: 1 } } };
    const { report } = await withTwin({ faults }, (twin) => scanTwin(twin, { concurrency: 6, backoff: fastBackoff, timeoutMs: 5000 }));

    expect(report.scan.throttled).toBeGreaterThan(0);
    expect(report.scan.retries).toBeGreaterThan(0);
    expect(report.scan.complete).toBe(false);
    expect(report.scan.accounts.find((a) => a.sid === D)!.complete).toBe(false);

    const dead = report.findings.filter((f) => f.account === D);
    expect(dead.length).toBeGreaterThan(0);
    // Only the designation controls judge D, from the master's account list, which was read.
    const fromAccountList = new Set(['TW-ACCT-DESIGNATION', 'TW-ACCT-NEW-PROJECT']);
    expect(dead.filter((f) => (f.status === 'pass' || f.status === 'fail') && !fromAccountList.has(f.control))).toEqual([]);
    expect(dead.filter((f) => f.status === 'unknown').length).toBeGreaterThan(10);
    for (const f of dead.filter((x) => x.status === 'unknown')) expect(f.evidence).toMatch(/HTTP 500|not collected/);

    // The live accounts were still scanned: their verdicts match the clean scan wherever
    // both collected the data, and nothing unknown in the clean scan turned into pass.
    const key = (f: { control: string; account: string; resource: { kind: string; sid: string } }) => `${f.control} ${f.account} ${f.resource.kind} ${f.resource.sid}`;
    const cleanStatus = new Map(clean.report.findings.map((f) => [key(f), f.status]));
    for (const f of report.findings.filter((x) => x.account === B || x.account === C)) {
      if (f.status === 'unknown') continue;
      expect(cleanStatus.get(key(f)), key(f)).toBe(f.status);
    }
    expect(report.findings.filter((f) => (f.account === B || f.account === C) && f.status === 'fail').length).toBeGreaterThan(10);

    expect(exitCodeFor(report)).toBe(1);
  });

  it('a twin that allows 2 requests in flight per account, scanned at 25: concurrency adapts and the scan completes', async () => {
    // What a user with the default --concurrency meets when Twilio throttles: before the
    // adaptive limit, most requests ran out of retries and the scan was incomplete.
    const clean = await withTwin({}, (twin) => scanTwin(twin));
    const faults = { seed: 3, latencyMs: 10, concurrency: 2, retryAfterSeconds: 0 };
    const { report } = await withTwin({ faults }, (twin) => scanTwin(twin, { concurrency: 25, backoff: fastBackoff, timeoutMs: 5000 }));
    expect(report.scan.throttled).toBeGreaterThan(0);
    expect(report.scan.errors).toEqual([]);
    expect(report.scan.complete).toBe(true);
    expect(report.findings.length).toBe(clean.report.findings.length);
  });

  it('exit code 3 when the scan is incomplete but nothing fails', async () => {
    const fixtureText = `accounts:
  - sid: AC${'1'.repeat(32)}
    friendly_name: Quiet master
    auth_token: ${'a'.repeat(32)}
    resources:
      accounts:
        credentials_public_keys:
          - sid: CR${'1'.repeat(32)}
            friendly_name: key
      api:
        incoming_phone_numbers:
          - sid: PN${'1'.repeat(32)}
            phone_number: '+14155550100'
            voice_url: https://u:p@app.example/voice
  - sid: AC${'2'.repeat(32)}
    owner_account_sid: AC${'1'.repeat(32)}
    friendly_name: Dead subaccount
    auth_token: ${'b'.repeat(32)}
`;
    const faults = { accounts: { [`AC${'2'.repeat(32)}`]: { dropRate: 1 } } };
    const { report } = await withTwin({ fixtureText, faults }, (twin) => scanTwin(twin, { backoff: fastBackoff, timeoutMs: 5000, config: undefined }));
    expect(report.findings.filter((f) => f.status === 'fail')).toEqual([]);
    expect(report.findings.filter((f) => f.account === `AC${'2'.repeat(32)}` && f.status === 'pass')).toEqual([]);
    expect(report.scan.errors.some((e) => e.includes(`AC${'2'.repeat(32)}`))).toBe(true);
    expect(exitCodeFor(report)).toBe(3);
  });

  it('a 500 on the account list is itself unknown: the run is incomplete and says which listing failed', async () => {
    const master = `AC${'3'.repeat(32)}`;
    const sub = `AC${'4'.repeat(32)}`;
    const fixtureText = `accounts:
  - sid: ${master}
    friendly_name: Master
    auth_token: ${'c'.repeat(32)}
  - sid: ${sub}
    owner_account_sid: ${master}
    friendly_name: Subaccount
    auth_token: ${'d'.repeat(32)}
`;
    // Every request authenticated as the master answers 500, Accounts.json included.
    const faults = { accounts: { [master]: { errorRate: 1 } } };
    const { report } = await withTwin({ fixtureText, faults }, (twin) => scanTwin(twin, { backoff: fastBackoff, timeoutMs: 5000, config: undefined }));
    const listing = report.findings.filter((f) => f.resource.kind === ACCOUNT_LIST_KIND);
    expect(listing).toHaveLength(1);
    expect(listing[0]).toMatchObject({ status: 'unknown', account: master, control: 'TW-ACCT-DESIGNATION' });
    expect(listing[0]!.evidence).toMatch(/^subaccounts not scanned: the account list \(\/2010-04-01\/Accounts\.json\) could not be read \(account list: HTTP 500/);
    expect(report.scan.complete).toBe(false);
    expect(report.findings.filter((f) => f.status === 'fail' || f.status === 'pass')).toEqual([]);
    expect(exitCodeFor(report)).toBe(3);
  });

  it('makes no write: every request the SDK sends is a GET', async () => {
    const methods: string[] = [];
    const real = new twilio.RequestClient({ timeout: 5000 });
    const observer = {
      request(opts: Parameters<typeof real.request>[0]) {
        methods.push(String(opts.method).toUpperCase());
        return real.request(opts) as never;
      },
    };
    const { report } = await withTwin({}, (twin) => scanTwin(twin, { requestClient: observer }));
    expect(methods.length).toBe(report.scan.requests);
    expect(new Set(methods)).toEqual(new Set(['GET']));
  });
});
