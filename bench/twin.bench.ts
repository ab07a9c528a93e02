// Twin benchmarks: list throughput on loopback (target >= 5,000 requests/s, so the twin
// never bounds a scan benchmark), and time and peak memory to generate 10,000 subaccounts
// x 20 resources (targets < 10 s, < 1.5 GB). Written by hand (no autocannon): a keep-alive
// loop over node:http with a fixed number of connections is all the measurement needs.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { generateOrganisation } from '@chaperone/twin';
import { catalog } from '../packages/twin/src/spec/catalog.ts';
import { writeBenchResult } from './result.ts';

const CONNECTIONS = 32;
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function measureGeneration(): { seconds: number; peakMB: number; retainedMB: number } {
  catalog(); // the specs load once per process; not part of generation
  gc();
  let peak = process.memoryUsage().rss;
  const started = performance.now();
  const org = generateOrganisation({ subaccounts: 10_000, resources: 20, seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  // Generation is synchronous, so the peak is the RSS when it returns (garbage included).
  peak = Math.max(peak, process.memoryUsage().rss);
  gc();
  const retained = process.memoryUsage().rss;
  if (org.subaccounts.length !== 10_000) throw new Error('generation built the wrong number of subaccounts');
  return { seconds, peakMB: peak / 2 ** 20, retainedMB: retained / 2 ** 20 };
}

interface ServerInfo {
  baseUrl: string;
  accounts: { sid: string; authToken: string }[];
}

async function measureThroughput(): Promise<{ requestsPerSecond: number; errors: number }> {
  const child = fork(fileURLToPath(new URL('./twin-server.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  const info = await new Promise<ServerInfo>((resolve) => child.once('message', (m) => resolve(m as ServerInfo)));
  const base = new URL(info.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const targets = info.accounts.flatMap((a) => {
    const authorization = 'Basic ' + Buffer.from(`${a.sid}:${a.authToken}`).toString('base64');
    return [
      { path: `/api/2010-04-01/Accounts/${a.sid}/IncomingPhoneNumbers.json?PageSize=50`, authorization },
      { path: '/trunking/v1/Trunks?PageSize=50', authorization },
      { path: '/messaging/v1/Services?PageSize=50', authorization },
    ];
  });
  let completed = 0;
  let errors = 0;
  let counting = false;
  let stop = false;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const target = targets[i % targets.length]!;
      const req = request({ host: base.hostname, port: base.port, path: target.path, agent, headers: { authorization: target.authorization } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (counting) {
            if (res.statusCode === 200) completed++;
            else errors++;
          }
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const loop = async (worker: number) => {
    for (let i = worker; !stop; i += CONNECTIONS) await one(i);
  };
  const loops = Array.from({ length: CONNECTIONS }, (_, w) => loop(w));
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  counting = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  counting = false;
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(loops);
  agent.destroy();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  return { requestsPerSecond: Math.round(completed / elapsed), errors };
}

const generation = measureGeneration();
console.log(`generate 10,000 x 20: ${generation.seconds.toFixed(2)} s, peak RSS ${generation.peakMB.toFixed(0)} MB (retained ${generation.retainedMB.toFixed(0)} MB)`);
const throughput = await measureThroughput();
console.log(`list throughput: ${throughput.requestsPerSecond} requests/s over ${CONNECTIONS} keep-alive connections (${throughput.errors} errors)`);
if (throughput.errors) process.exitCode = 1;
const file = writeBenchResult('twin', {
  requestsPerSecond: throughput.requestsPerSecond,
  listErrors: throughput.errors,
  connections: CONNECTIONS,
  generateSeconds: Number(generation.seconds.toFixed(3)),
  generatePeakMB: Math.round(generation.peakMB),
  generateRetainedMB: Math.round(generation.retainedMB),
  generateSubaccounts: 10_000,
  generateResourcesEach: 20,
});
console.log(`wrote ${file}`);
