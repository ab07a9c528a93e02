// What the distributed-scan tests and bench/distributed.bench.ts share: a random Redis key
// prefix per run (other engineers' runs share the machine's Redis), workers in this process
// or as `chaperone worker` children (to kill -9), a spare redis-server to lose on purpose
// (never the machine's own 6379), and findings compared as the resume test compares them.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { parseQueueUrl, startScanWorker, type ScanWorker } from '@chaperone/scan/distributed';
import type { TwilioCredentials } from '@chaperone/scan';

export const BIN = fileURLToPath(new URL('../bin/chaperone.js', import.meta.url));
export const REDIS_URL = 'redis://127.0.0.1:6379';

export function randomPrefix(): string {
  return `chtest-${randomBytes(5).toString('hex')}`;
}

/** Deletes every key under the prefix (SCAN, never KEYS or FLUSH: the Redis is shared). */
export async function dropPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // A spare server already gone holds nothing.
  } finally {
    redis.disconnect();
  }
}

/** Every value stored under the prefix, as text (strings, hashes, lists, sets, sorted sets, streams). */
export async function dumpPrefix(prefix: string, url = REDIS_URL): Promise<string> {
  const redis = new Redis(url);
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'string') parts.push(key, (await redis.get(key)) ?? '');
        else if (type === 'hash') parts.push(key, JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') parts.push(key, JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') parts.push(key, JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') parts.push(key, JSON.stringify(await redis.zrange(key, '0', '-1')));
        else if (type === 'stream') parts.push(key, JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

export function credentialsOf(twin: { master: { accountSid: string; authToken: string } }): TwilioCredentials {
  return { accountSid: twin.master.accountSid, username: twin.master.accountSid, password: twin.master.authToken, kind: 'auth-token' };
}

/** `n` workers in this process (fast to start; not killable one by one with a signal). */
export async function startWorkers(n: number, options: { url?: string; prefix: string; credentials: TwilioCredentials; baseUrl: string; jobs?: number; stallMs?: number }): Promise<ScanWorker[]> {
  const target = parseQueueUrl(options.url ?? REDIS_URL, options.prefix);
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      startScanWorker({ target, credentials: options.credentials, baseUrl: options.baseUrl, jobs: options.jobs ?? 4, stallMs: options.stallMs ?? 30_000, id: `worker-${i + 1}`, log: () => {} }),
    ),
  );
}

export interface ChildWorker {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
}

/** A `chaperone worker` child process (the real command; kill -9 able). */
export function spawnWorker(env: NodeJS.ProcessEnv, args: string[]): ChildWorker {
  const child = spawn(process.execPath, [BIN, 'worker', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of the test's own on `port`, no persistence: killing it loses everything, as a lost Redis does. */
export async function startSpareRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    try {
      await redis.connect();
      await redis.ping();
      return child;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      redis.disconnect();
    }
  }
}

type Row = { control: string; account: string; resource: { kind: string; sid: string }; status: string; severity: string; evidence: string };

/** A JSON report's findings, one comparable line each. */
export function findingLines(file: string): string[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { findings: Row[] }).findings.map((f) => `${f.control} ${f.account} ${f.resource.kind} ${f.resource.sid} ${f.status} ${f.severity} ${f.evidence}`);
}

export async function until(what: string, test: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
