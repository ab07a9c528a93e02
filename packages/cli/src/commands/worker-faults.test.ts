// Faults of a distributed scan (issue 11): a worker kill -9'ed mid-job, Redis lost mid-run
// (a redis-server of the test's own, never the machine's 6379), a 429 storm, the planner
// killed and resumed, a second planner for the same run, and the one-line errors. Each
// result is compared with the single-process scan of the same twin; the ledger holds each
// account once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Ledger } from '@chaperone/ledger';
import { startTwin, type Twin, type TwinOptions } from '@chaperone/twin';
import { main } from '../main.ts';
import { captureIO } from '../../../scan/test/integration/twin-scan.ts';
import { BIN, credentialsOf, dropPrefix, findingLines, freePort, randomPrefix, REDIS_URL, spawnWorker, startSpareRedis, startWorkers, until } from '../../test/distributed-harness.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const GENERATE = { subaccounts: 8, resources: 3, seed: 5 };
const TOTAL = GENERATE.subaccounts + 1;

async function subaccountsOf(): Promise<string[]> {
  const probe = await startTwin({ generate: GENERATE });
  const subs = probe.accounts.filter((a) => a.ownerAccountSid).map((a) => a.sid);
  await probe.close();
  return subs;
}

/** Each subaccount slower than the last, so accounts finish one after another and a fault lands mid-run. */
async function slowTwin(stepMs = 120, extra: TwinOptions['faults'] = {}): Promise<Twin> {
  const subs = await subaccountsOf();
  const twin = await startTwin({ generate: GENERATE, faults: { latencyMs: 10, ...extra, accounts: Object.fromEntries(subs.map((sid, i) => [sid, { latencyMs: 10 + stepMs * i }])) } });
  cleanups.push(() => twin.close());
  return twin;
}

function workdir(): { dir: string; ledger: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chaperone-queue-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, ledger: join(dir, 'ledger.db'), key: join(dir, 'ledger.key') };
}

function prefixFor(url = REDIS_URL): string {
  const prefix = randomPrefix();
  cleanups.push(() => dropPrefix(prefix, url));
  return prefix;
}

function envOf(twin: Twin, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { TWILIO_ACCOUNT_SID: twin.master.accountSid, TWILIO_AUTH_TOKEN: twin.master.authToken, CHAPERONE_TWILIO_BASE_URL: twin.baseUrl, ...extra };
}

async function singleProcess(twin: Twin, dir: string): Promise<{ code: number; findings: string[] }> {
  const io = captureIO({ ...envOf(twin), CHAPERONE_LEDGER: 'off' }, dir);
  const code = await main(['scan', '--no-progress', '--format', 'json', '--output', 'single.json'], io);
  return { code, findings: findingLines(join(dir, 'single.json')) };
}

/** scan_account rows of every run (how many, how many distinct) and the runs' states, as any reader of the ledger sees them. */
async function ledgerState(location: string): Promise<{ accounts: number; distinct: number; findings: number; runs: { run_id: string; state: string }[] }> {
  let ledger: Ledger | undefined;
  try {
    ledger = await Ledger.open(location);
    const rows = await ledger.db.selectFrom('scan_account').select('account').execute();
    const findings = await ledger.db.selectFrom('finding').select('seq').execute();
    const runs = (await ledger.db.selectFrom('scan_run').select(['run_id', 'state']).execute()) as { run_id: string; state: string }[];
    return { accounts: rows.length, distinct: new Set(rows.map((r) => r.account)).size, findings: findings.length, runs };
  } catch {
    return { accounts: 0, distinct: 0, findings: 0, runs: [] };
  } finally {
    await ledger?.close();
  }
}

async function workersOf(redis: Redis, prefix: string): Promise<Record<string, { active: number; done: number }>> {
  const keys = await redis.keys(`${prefix}:scan:run:*:workers`);
  if (keys.length === 0) return {};
  return Object.fromEntries(Object.entries(await redis.hgetall(keys[0]!)).map(([k, v]) => [k, JSON.parse(v) as { active: number; done: number }]));
}

describe('distributed scan faults', () => {
  it('a worker kill -9ed mid-job: its job runs again elsewhere, no account recorded twice, the single-process findings', async () => {
    const twin = await slowTwin(150);
    const w = workdir();
    const single = await singleProcess(twin, w.dir);
    const prefix = prefixFor();
    const env = envOf(twin, { CHAPERONE_QUEUE_PREFIX: prefix, CHAPERONE_LEDGER: w.ledger, CHAPERONE_LEDGER_KEY: w.key });
    const args = ['--queue', REDIS_URL, '--stall-timeout', '1', '--jobs', '2'];
    const victim = spawnWorker(env, args);
    const survivor = spawnWorker(env, args);
    cleanups.push(() => {
      for (const c of [victim.child, survivor.child]) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    });
    const redis = new Redis(REDIS_URL);
    cleanups.push(() => redis.disconnect());

    const io = captureIO(env, w.dir);
    const planner = main(['scan', '--queue', REDIS_URL, '--format', 'json', '--output', 'queued.json'], io);
    // Kill the victim while it holds a job (its counters say so), before the run is done.
    await until('the victim holding a job', async () => Object.entries(await workersOf(redis, prefix)).some(([id, c]) => id.endsWith(`:${victim.child.pid}`) && c.active > 0), 30_000, 20);
    victim.child.kill('SIGKILL');
    const code = await planner;
    expect(code).toBe(single.code);
    expect(findingLines(join(w.dir, 'queued.json'))).toEqual(single.findings);
    const state = await ledgerState(w.ledger);
    expect(state).toMatchObject({ accounts: TOTAL, distinct: TOTAL });
    expect(state.runs.map((r) => r.state)).toEqual([single.code === 3 ? 'incomplete' : 'complete']);
    expect(io.err).toMatch(/recorded in/);
  }, 90_000);

  it('a 429 storm slows the workers down and never fails the run: the findings of a scan without throttling', async () => {
    const calm = await startTwin({ generate: { ...GENERATE, subaccounts: 3 } });
    cleanups.push(() => calm.close());
    const w = workdir();
    const single = await singleProcess(calm, w.dir);
    // The same organisation, slow enough for requests to overlap, allowing 2 in flight per account (Twilio: 100) with Retry-After 1.
    const storm = await startTwin({ generate: { ...GENERATE, subaccounts: 3 }, faults: { latencyMs: 30, concurrency: 2, retryAfterSeconds: 1 } });
    cleanups.push(() => storm.close());
    const prefix = prefixFor();
    const workers = await startWorkers(2, { prefix, credentials: credentialsOf(storm), baseUrl: storm.baseUrl });
    cleanups.push(() => Promise.all(workers.map((x) => x.close())));
    const io = captureIO({ ...envOf(storm, { CHAPERONE_QUEUE_PREFIX: prefix }), CHAPERONE_LEDGER: 'off' }, w.dir);
    const code = await main(['scan', '--queue', REDIS_URL, '--format', 'json', '--output', 'queued.json'], io);
    expect(code).toBe(single.code);
    expect(findingLines(join(w.dir, 'queued.json'))).toEqual(single.findings);
    const report = JSON.parse((await import('node:fs')).readFileSync(join(w.dir, 'queued.json'), 'utf8')) as { scan: { throttled: number; errors: string[] } };
    expect(report.scan.throttled).toBeGreaterThan(0);
    expect(report.scan.errors).toEqual([]);
  }, 90_000);

  it('Redis lost mid-run: the planner stops with one line, the run stays open, and --resume on the restarted Redis gives the single-process findings', async () => {
    const twin = await slowTwin(150);
    const w = workdir();
    const single = await singleProcess(twin, w.dir);
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    let spare = await startSpareRedis(port);
    cleanups.push(() => spare.kill('SIGKILL'));
    const prefix = randomPrefix();
    const workers = await startWorkers(2, { url, prefix, credentials: credentialsOf(twin), baseUrl: twin.baseUrl, stallMs: 2000 });
    cleanups.push(() => Promise.race([Promise.all(workers.map((x) => x.close())), new Promise((r) => setTimeout(r, 3000))]));
    const env = envOf(twin, { CHAPERONE_QUEUE_PREFIX: prefix, CHAPERONE_LEDGER: w.ledger, CHAPERONE_LEDGER_KEY: w.key });

    const io = captureIO(env, w.dir);
    const planner = main(['scan', '--queue', url, '--queue-timeout', '1', '--format', 'json', '--output', 'queued.json'], io);
    await until('a few accounts recorded', async () => (await ledgerState(w.ledger)).accounts >= 3, 30_000, 50);
    spare.kill('SIGKILL');
    expect(await planner).toBe(2);
    // What is left on screen: each line after the progress line was cleared.
    const lines = io.err
      .split('\n')
      // The progress block is erased by a carriage return and CSI sequences (erase line, cursor up, erase below).
      .map((l) => stripVTControlCharacters(l.split('\r').pop()!))
      .filter((l) => l.startsWith('chaperone scan:') && !l.includes('signing key'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^chaperone scan: lost Redis at ${url} \\(no answer for 1 s\\); the run stays open: when Redis is back, \`chaperone scan --queue ${url} --resume \\d{8}T\\d{6}Z-[0-9a-f]{6}\` continues it$`));
    const before = await ledgerState(w.ledger);
    expect(before.runs.map((r) => r.state)).toEqual(['running']);
    expect(before.distinct).toBe(before.accounts);

    // Redis back (empty: it kept nothing), the workers reconnect by themselves.
    spare = await startSpareRedis(port);
    const resumed = captureIO(env, w.dir);
    const code = await main(['scan', '--queue', url, '--resume', before.runs[0]!.run_id, '--format', 'json', '--output', 'resumed.json'], resumed);
    expect(resumed.err).toMatch(/resumed and recorded/);
    expect(code).toBe(single.code);
    expect(findingLines(join(w.dir, 'resumed.json'))).toEqual(single.findings);
    expect(await ledgerState(w.ledger)).toMatchObject({ accounts: TOTAL, distinct: TOTAL });
  }, 90_000);

  it('the planner kill -9ed mid-run: --resume continues it (a second planner of the same run is refused with one line), no account recorded twice', async () => {
    const twin = await slowTwin(150);
    const w = workdir();
    const single = await singleProcess(twin, w.dir);
    const prefix = prefixFor();
    const workers = await startWorkers(2, { prefix, credentials: credentialsOf(twin), baseUrl: twin.baseUrl, jobs: 2 });
    cleanups.push(() => Promise.all(workers.map((x) => x.close())));
    const env = envOf(twin, { CHAPERONE_QUEUE_PREFIX: prefix, CHAPERONE_LEDGER: w.ledger, CHAPERONE_LEDGER_KEY: w.key });

    const child = spawn(process.execPath, [BIN, 'scan', '--queue', REDIS_URL, '--no-progress'], { env: { ...process.env, ...env }, cwd: w.dir, stdio: 'ignore' });
    cleanups.push(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
    await until('a few accounts recorded', async () => (await ledgerState(w.ledger)).accounts >= 3, 30_000, 50);
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    const { runs } = await ledgerState(w.ledger);
    expect(runs.map((r) => r.state)).toEqual(['running']);
    const run = runs[0]!.run_id;

    const first = captureIO(env, w.dir);
    const resuming = main(['scan', '--queue', REDIS_URL, '--resume', run, '--format', 'json', '--output', 'resumed.json'], first);
    const redis = new Redis(REDIS_URL);
    cleanups.push(() => redis.disconnect());
    await until('the resumed planner holding the run', async () => ((await redis.get(`${prefix}:scan:run:${run}:planner`)) ?? '').includes(`:${process.pid}:`));
    const second = captureIO(env, w.dir);
    expect(await main(['scan', '--queue', REDIS_URL, '--resume', run, '--no-progress'], second)).toBe(2);
    expect(second.err.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^chaperone scan: run ${run} is being planned by another chaperone scan`))]);

    const code = await resuming;
    expect(first.err).toMatch(/resumed and recorded/);
    expect(code).toBe(single.code);
    expect(findingLines(join(w.dir, 'resumed.json'))).toEqual(single.findings);
    const after = await ledgerState(w.ledger);
    expect(after).toMatchObject({ accounts: TOTAL, distinct: TOTAL });
    expect(after.runs[0]!.state).not.toBe('running');
  }, 90_000);
});

describe('distributed scan: at least once', () => {
  it('an account handed back more than once is recorded once, the first outcome standing', async () => {
    const twin = await startTwin({ generate: { subaccounts: 2, resources: 1, seed: 5 } });
    cleanups.push(() => twin.close());
    const w = workdir();
    const prefix = prefixFor();
    const redis = new Redis(REDIS_URL);
    cleanups.push(() => redis.disconnect());
    const env = envOf(twin, { CHAPERONE_QUEUE_PREFIX: prefix, CHAPERONE_LEDGER: w.ledger, CHAPERONE_LEDGER_KEY: w.key });
    const io = captureIO(env, w.dir);
    const planner = main(['scan', '--queue', REDIS_URL, '--format', 'json', '--output', 'queued.json'], io);
    await until('the run planned', async () => (await redis.keys(`${prefix}:scan:run:*:settings`)).length > 0);
    const settingsKey = (await redis.keys(`${prefix}:scan:run:*:settings`))[0]!;
    const results = settingsKey.replace(/:settings$/, ':results');
    const sub = twin.accounts.find((a) => a.ownerAccountSid)!.sid;
    // Two early outcomes for one account (as two runs of its job would hand back), before any worker.
    const early = { account: sub, worker: 'early', complete: false, checked: [], errors: [], requests: 0, throttled: 0, retries: 0 };
    await redis.rpush(results, JSON.stringify(early), JSON.stringify({ ...early, worker: 'second' }));
    const workers = await startWorkers(1, { prefix, credentials: credentialsOf(twin), baseUrl: twin.baseUrl });
    cleanups.push(() => Promise.all(workers.map((x) => x.close())));
    expect(await planner).toBe(3); // the first outcome said the account was not fully collected
    const state = await ledgerState(w.ledger);
    expect(state).toMatchObject({ accounts: 3, distinct: 3 });
    const report = JSON.parse((await import('node:fs')).readFileSync(join(w.dir, 'queued.json'), 'utf8')) as { scan: { accounts: { sid: string; complete: boolean }[] }; findings: { account: string; evidence: string }[] };
    expect(report.scan.accounts.find((a) => a.sid === sub)?.complete).toBe(false);
  }, 60_000);
});

describe('distributed scan: bad input, one line each', () => {
  it('scan --queue with Redis unreachable: one line, exit 2, nothing recorded', async () => {
    const twin = await startTwin({ generate: { subaccounts: 1, resources: 1, seed: 5 } });
    cleanups.push(() => twin.close());
    const w = workdir();
    const port = await freePort();
    const io = captureIO(envOf(twin, { CHAPERONE_LEDGER: w.ledger, CHAPERONE_LEDGER_KEY: w.key }), w.dir);
    expect(await main(['scan', '--queue', `redis://user:s3cretpw@127.0.0.1:${port}`], io)).toBe(2);
    expect(io.err).toBe(`chaperone scan: Redis at redis://127.0.0.1:${port} is not reachable (ECONNREFUSED): start Redis or fix --queue\n`);
    expect((await ledgerState(w.ledger)).runs).toEqual([]);
    const bad = captureIO(envOf(twin), w.dir);
    expect(await main(['scan', '--queue', 'http://127.0.0.1:6379'], bad)).toBe(2);
    expect(bad.err).toBe('chaperone scan: --queue must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379\n');
    const demo = captureIO({}, w.dir);
    expect(await main(['scan', '--demo', '--queue', REDIS_URL], demo)).toBe(2);
    expect(demo.err).toMatch(/^chaperone scan: --demo cannot go with --queue: [^\n]+\n$/);
  });

  it('a worker without credentials, with wrong ones, or without --queue: one line, exit 2', async () => {
    const twin = await startTwin({ generate: { subaccounts: 1, resources: 1, seed: 5 } });
    cleanups.push(() => twin.close());
    const none = captureIO({}, tmpdir());
    expect(await main(['worker', '--queue', REDIS_URL], none)).toBe(2);
    expect(none.err).toMatch(/^chaperone worker: TWILIO_ACCOUNT_SID is not set: [^\n]+\n$/);
    const wrong = captureIO(envOf(twin, { TWILIO_AUTH_TOKEN: 'f'.repeat(32) }), tmpdir());
    expect(await main(['worker', '--queue', REDIS_URL, '--queue-prefix', randomPrefix()], wrong)).toBe(2);
    expect(wrong.err).toBe("chaperone worker: Twilio rejected this worker's credentials (HTTP 401): check TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN\n");
    expect(wrong.err).not.toContain('f'.repeat(32));
    const noQueue = captureIO(envOf(twin), tmpdir());
    expect(await main(['worker'], noQueue)).toBe(2);
    expect(noQueue.err).toMatch(/^chaperone worker: --queue is required/);
  });
});
