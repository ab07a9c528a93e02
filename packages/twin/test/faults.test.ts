// Fault injection through the official SDK: Twilio's 429 (code 20429, Retry-After) under a
// per-account concurrency limit, 5xx, dropped connections, one dead subaccount, and
// determinism for a seed.
import { afterEach, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { FaultInjector } from '../src/faults.ts';
import { startTwin, twinHttpClient, type Twin } from '../src/index.ts';

const FIXTURE = `accounts:
  - sid: AC00000000000000000000000000000001
    auth_token: deadbeefdeadbeefdeadbeef00000001
    resources:
      trunking:
        trunks:
          - friendly_name: pbx
  - sid: AC00000000000000000000000000000002
    owner_account_sid: AC00000000000000000000000000000001
    auth_token: deadbeefdeadbeefdeadbeef00000002
`;
const SUB = 'AC00000000000000000000000000000002';
const SUB_TOKEN = 'deadbeefdeadbeefdeadbeef00000002';

let twin: Twin | undefined;
afterEach(async () => {
  await twin?.close();
  twin = undefined;
});

describe('faults', () => {
  it('answers 429 with code 20429 and Retry-After beyond the per-account concurrency limit', async () => {
    twin = await startTwin({ fixtureText: FIXTURE, faults: { concurrency: 1, latencyMs: 150, retryAfterSeconds: 2 } });
    const httpClient = twinHttpClient(twin.baseUrl);
    const client = twilio(twin.master.accountSid, twin.master.authToken, { httpClient });
    const slow = client.trunking.v1.trunks.list();
    const throttled = await client.trunking.v1.trunks.list().catch((e: unknown) => e);
    expect(throttled).toMatchObject({ status: 429, code: 20429 });
    expect(httpClient.lastResponse?.headers['retry-after']).toBe('2');
    expect(await slow).toHaveLength(1);
    // Another account has its own budget.
    const other = twilio(SUB, SUB_TOKEN, { httpClient: twinHttpClient(twin.baseUrl) });
    const [a, b] = await Promise.all([client.trunking.v1.trunks.list(), other.trunking.v1.trunks.list()]);
    expect([a.length, b.length]).toEqual([1, 0]);
  });

  it('lets the SDK recover from 429 with autoRetry', async () => {
    twin = await startTwin({ fixtureText: FIXTURE, faults: { concurrency: 1, latencyMs: 30 } });
    const client = twilio(twin.master.accountSid, twin.master.authToken, { httpClient: twinHttpClient(twin.baseUrl, { autoRetry: true, maxRetries: 10, maxRetryDelay: 200 }) });
    const results = await Promise.all([client.trunking.v1.trunks.list(), client.trunking.v1.trunks.list(), client.trunking.v1.trunks.list()]);
    expect(results.map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it('makes one subaccount dead (500) and another drop connections, leaving the master healthy', async () => {
    twin = await startTwin({ fixtureText: FIXTURE, faults: { accounts: { [SUB]: { errorRate: 1 } } } });
    const master = twilio(twin.master.accountSid, twin.master.authToken, { httpClient: twinHttpClient(twin.baseUrl) });
    const sub = twilio(SUB, SUB_TOKEN, { httpClient: twinHttpClient(twin.baseUrl) });
    await expect(sub.trunking.v1.trunks.list()).rejects.toMatchObject({ status: 500, code: 20500 });
    expect(await master.trunking.v1.trunks.list()).toHaveLength(1);
    await twin.close();
    twin = await startTwin({ fixtureText: FIXTURE, faults: { accounts: { [SUB]: { dropRate: 1 } } } });
    const dropped = twilio(SUB, SUB_TOKEN, { httpClient: twinHttpClient(twin.baseUrl) });
    const error = await dropped.trunking.v1.trunks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { status?: number }).status).toBeUndefined();
  });

  it('draws the same latencies and faults for the same seed', () => {
    const draw = (seed: number) => {
      const faults = new FaultInjector({ seed, latencyMs: 50, jitterMs: 20, errorRate: 0.3, dropRate: 0.1 });
      return Array.from({ length: 50 }, () => {
        const decision = faults.admit('AC1');
        faults.release('AC1');
        return decision;
      });
    };
    const first = draw(42);
    expect(draw(42)).toEqual(first);
    expect(draw(43)).not.toEqual(first);
    const delays = first.map((d) => ('delayMs' in d ? d.delayMs : -1));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...delays)).toBeLessThanOrEqual(70);
    expect(first.some((d) => d.action === 'error')).toBe(true);
    expect(first.some((d) => d.action === 'drop')).toBe(true);
  });

  it('rejects nonsense fault settings with the setting and the fix', () => {
    expect(() => new FaultInjector({ errorRate: 2 })).toThrow('faults.errorRate is 2; fix: use a fraction between 0 and 1');
    expect(() => new FaultInjector({ accounts: { AC1: { latencyMs: -1 } } })).toThrow('faults.accounts.AC1.latencyMs is -1; fix: use a number >= 0');
  });
});
