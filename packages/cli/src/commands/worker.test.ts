// Distributed scans (issue 11): `chaperone scan --queue` with `chaperone worker`s on the
// machine's Redis (a random key prefix per test), against the twin with generated
// subaccounts. Every result is compared with the single-process scan of the same twin.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startTwin, type Twin } from '@chaperone/twin';
import { main } from '../main.ts';
import { captureIO } from '../../../scan/test/integration/twin-scan.ts';
import { credentialsOf, dropPrefix, dumpPrefix, findingLines, randomPrefix, REDIS_URL, startWorkers, until } from '../../test/distributed-harness.ts';
import { Redis } from 'ioredis';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const GENERATE = { subaccounts: 8, resources: 3, seed: 5 };

async function twinWith(options: Parameters<typeof startTwin>[0] = {}): Promise<Twin> {
  const twin = await startTwin({ generate: GENERATE, ...options });
  cleanups.push(() => twin.close());
  return twin;
}

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaperone-queue-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function envOf(twin: Twin, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { TWILIO_ACCOUNT_SID: twin.master.accountSid, TWILIO_AUTH_TOKEN: twin.master.authToken, CHAPERONE_TWILIO_BASE_URL: twin.baseUrl, ...extra };
}

/** The single-process scan of the twin: exit code and findings. */
async function singleProcess(twin: Twin, dir: string): Promise<{ code: number; findings: string[] }> {
  const io = captureIO(envOf(twin), dir);
  const code = await main(['scan', '--no-progress', '--format', 'json', '--output', 'single.json'], io);
  return { code, findings: findingLines(join(dir, 'single.json')) };
}

function prefixFor(): string {
  const prefix = randomPrefix();
  cleanups.push(() => dropPrefix(prefix));
  return prefix;
}

describe('scan --queue with workers', () => {
  it.each([2, 3])('%i workers give the findings and exit code of the single-process scan; Redis never holds a token', async (n) => {
    const twin = await twinWith();
    const dir = workdir();
    const single = await singleProcess(twin, dir);
    const prefix = prefixFor();

    const io = captureIO(envOf(twin, { CHAPERONE_QUEUE_PREFIX: prefix }), dir);
    // Three workers under a global cap of 2 accounts at once (BullMQ global concurrency).
    const planner = main(['scan', '--queue', REDIS_URL, ...(n === 3 ? ['--queue-jobs', '2'] : []), '--format', 'json', '--output', 'queued.json'], io);
    // Planned, no worker yet: what Redis holds is SIDs and states only.
    const redis = new Redis(REDIS_URL);
    cleanups.push(() => redis.disconnect());
    await until('jobs enqueued', async () => (await redis.llen(`${prefix}:scan:wait`)) >= GENERATE.subaccounts + 1);
    const stored = await dumpPrefix(prefix);
    for (const account of twin.accounts) expect(stored).not.toContain(account.authToken);
    expect(stored).not.toContain(twin.master.authToken);
    const workers = await startWorkers(n, { prefix, credentials: credentialsOf(twin), baseUrl: twin.baseUrl });
    cleanups.push(() => Promise.all(workers.map((w) => w.close())).then(() => undefined));

    const code = await planner;
    expect(io.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(code).toBe(single.code);
    expect(findingLines(join(dir, 'queued.json'))).toEqual(single.findings);
    const progress = JSON.parse((await redis.get((await redis.keys(`${prefix}:scan:run:*:progress`))[0]!))!) as { state: string; accountsDone: number; accountsTotal: number; workers: unknown[] };
    expect(progress).toMatchObject({ state: 'finished', accountsDone: GENERATE.subaccounts + 1, accountsTotal: GENERATE.subaccounts + 1 });
    expect(await dumpPrefix(prefix)).not.toContain(twin.master.authToken);
  }, 60_000);
});
