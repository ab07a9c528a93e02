// Distributed scan benchmark (issue 11): `chaperone scan --queue` with two `chaperone worker`
// processes on this 2-core machine, one of them killed with SIGKILL mid-run, against the
// single-process `chaperone scan` of the same twin. `distributedIdentical` is true when the
// queued run's findings equal the single process's line for line and the ledger holds each
// account once (no duplicate, no gap) and as many findings as the report. Wall times are
// honest and not flattering: two workers, a planner, the twin and the single-process scan
// share two cores, so the distributed run cannot be faster here; per-worker throughput is
// what one more machine would add. Redis: the machine's 6379 under a random key prefix.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { writeBenchResult } from './result.ts';

const SUBACCOUNTS = Number(process.env.BENCH_DISTRIBUTED_SUBACCOUNTS ?? 100);
const RESOURCES = Number(process.env.BENCH_DISTRIBUTED_RESOURCES ?? 5);
const LATENCY_MS = 50;
const KILL_AT = 0.3;
const REDIS_URL = 'redis://127.0.0.1:6379';
const self = fileURLToPath(import.meta.url);
const BIN = fileURLToPath(new URL('../packages/cli/bin/chaperone.js', import.meta.url));

interface TwinInfo {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
}

if (process.argv.includes('--twin-child')) {
  const { startTwin } = await import('@chaperone/twin');
  const twin = await startTwin({ generate: { subaccounts: SUBACCOUNTS, resources: RESOURCES, seed: 11 }, faults: { latencyMs: LATENCY_MS, concurrency: 100, retryAfterSeconds: 1 } });
  process.stdout.write(JSON.stringify({ baseUrl: twin.baseUrl, master: twin.master } satisfies TwinInfo) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => void twin.close().then(() => process.exit(0)));
} else {
  await main();
}

function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
    lines.once('line', resolve);
  });
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, done: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

type Row = { control: string; account: string; resource: { kind: string; sid: string }; status: string; severity: string; evidence: string };
function lines(file: string): string[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { findings: Row[] }).findings.map((f) => `${f.control} ${f.account} ${f.resource.kind} ${f.resource.sid} ${f.status} ${f.severity} ${f.evidence}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-distributed-'));
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const twin = spawn(process.execPath, ['--import', 'tsx', self, '--twin-child'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const redis = new Redis(REDIS_URL);
  const workers: ChildProcess[] = [];
  try {
    const info = JSON.parse(await firstLine(twin)) as TwinInfo;
    const base = { TWILIO_ACCOUNT_SID: info.master.accountSid, TWILIO_AUTH_TOKEN: info.master.authToken, CHAPERONE_TWILIO_BASE_URL: info.baseUrl, CHAPERONE_QUEUE_PREFIX: prefix };
    const total = SUBACCOUNTS + 1;

    console.log(`distributed: single-process scan of ${SUBACCOUNTS} subaccounts x ${RESOURCES} resources, ${LATENCY_MS} ms latency...`);
    let started = performance.now();
    const single = run(['scan', '--quiet', '--format', 'json', '--output', 'single.json'], { ...base, CHAPERONE_LEDGER: 'off' }, dir);
    const singleCode = await single.done;
    const singleSeconds = (performance.now() - started) / 1000;

    console.log('distributed: the same through the queue, 2 workers, one killed mid-run...');
    const ledger = join(dir, 'ledger.db');
    const env = { ...base, CHAPERONE_LEDGER: ledger, CHAPERONE_LEDGER_KEY: join(dir, 'ledger.key') };
    started = performance.now();
    const planner = run(['scan', '--quiet', '--queue', REDIS_URL, '--format', 'json', '--output', 'queued.json'], env, dir);
    for (let i = 0; i < 2; i++) workers.push(run(['worker', '--quiet', '--queue', REDIS_URL, '--stall-timeout', '2'], env, dir).child);
    const progressKey = async () => (await redis.keys(`${prefix}:scan:run:*:progress`))[0];
    let killedAt = 0;
    let killedAfterSeconds = 0;
    let victimDone = 0;
    for (;;) {
      const key = await progressKey();
      const progress = key ? (JSON.parse((await redis.get(key)) ?? '{}') as { accountsDone?: number; workers?: { worker: string; done: number; active: number }[] }) : {};
      const victim = progress.workers?.find((w) => w.worker.endsWith(`:${workers[0]!.pid}`));
      if ((progress.accountsDone ?? 0) >= total * KILL_AT && victim && victim.active > 0) {
        workers[0]!.kill('SIGKILL');
        killedAt = progress.accountsDone!;
        killedAfterSeconds = (performance.now() - started) / 1000;
        victimDone = victim.done;
        break;
      }
      if (planner.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const queuedCode = await planner.done;
    const distributedSeconds = (performance.now() - started) / 1000;
    const progress = JSON.parse((await redis.get((await progressKey())!))!) as { requests: number; throttled: number; workers: { worker: string; done: number; requests: number }[] };

    const { Ledger } = await import('@chaperone/ledger');
    const store = await Ledger.open(ledger);
    const accounts = await store.db.selectFrom('scan_account').select('account').execute();
    const recordedFindings = (await store.db.selectFrom('finding').select('seq').execute()).length;
    await store.close();
    const queuedLines = lines(join(dir, 'queued.json'));
    const singleLines = lines(join(dir, 'single.json'));
    const sameFindings = JSON.stringify(queuedLines) === JSON.stringify(singleLines);
    const distinct = new Set(accounts.map((a) => a.account)).size;
    const identical = sameFindings && queuedCode === singleCode && killedAt > 0 && accounts.length === total && distinct === total && recordedFindings === queuedLines.length;
    const survivor = progress.workers.find((w) => w.worker.endsWith(`:${workers[1]!.pid}`));
    const perWorker = {
      killed: { accounts: victimDone, seconds: Number(killedAfterSeconds.toFixed(1)), accountsPerSecond: Number((victimDone / killedAfterSeconds).toFixed(2)) },
      survivor: { accounts: survivor?.done ?? 0, seconds: Number(distributedSeconds.toFixed(1)), accountsPerSecond: Number(((survivor?.done ?? 0) / distributedSeconds).toFixed(2)) },
    };
    const file = writeBenchResult('distributed', {
      method:
        `twin child (generated org, ${SUBACCOUNTS} subaccounts x ${RESOURCES} resources, ${LATENCY_MS} ms latency, 100 concurrent per account); ` +
        `single = chaperone scan; distributed = chaperone scan --queue (planner, sqlite ledger) + 2 chaperone worker processes (--stall-timeout 2, 4 jobs each) on the machine's Redis under a random prefix, ` +
        `worker 1 killed with SIGKILL once ${KILL_AT * 100}% of the accounts were done and it held a job; identical = same findings line for line, same exit code, the ledger holds each account once and as many findings as the report; per-worker accounts count job executions (a job a worker ran again after a lost lock counts for both); one round; all processes share the 2 cores`,
      metrics: {
        distributedIdentical: identical,
        accounts: total,
        findings: queuedLines.length,
        sameFindings,
        ledgerAccounts: accounts.length,
        ledgerDistinctAccounts: distinct,
        ledgerFindings: recordedFindings,
        killedAtAccounts: killedAt,
        wallSecondsSingle: Number(singleSeconds.toFixed(1)),
        wallSecondsDistributed: Number(distributedSeconds.toFixed(1)),
        requestsSingle: (JSON.parse(readFileSync(join(dir, 'single.json'), 'utf8')) as { scan: { requests: number } }).scan.requests,
        requestsDistributed: progress.requests,
        throttledDistributed: progress.throttled,
        perWorkerKilled: perWorker.killed,
        perWorkerSurvivor: perWorker.survivor,
      },
    });
    console.log(`  identical ${identical}; single ${singleSeconds.toFixed(1)} s, distributed ${distributedSeconds.toFixed(1)} s (killed worker 1 at ${killedAt}/${total}); wrote ${file}`);
  } finally {
    // Stopped workers write their last counters: wait for them before the keys are dropped.
    await Promise.all(workers.filter((w) => w.exitCode === null && w.signalCode === null).map((w) => new Promise((resolve) => (w.once('exit', resolve), w.kill('SIGTERM')))));
    twin.stdin!.end();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
