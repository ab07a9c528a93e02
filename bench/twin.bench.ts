// Twin benchmarks: list throughput on loopback (target >= 5,000 requests/s, so the twin
// never bounds a scan benchmark) on full 50-item pages rendered afresh (no render cache),
// and time and peak memory to generate 10,000 subaccounts x 20 resources (targets < 10 s,
// < 1.5 GB). Written by hand (no autocannon): a keep-alive loop over node:http with a
// fixed number of connections is all the measurement needs.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { median, roundTo, writeBenchResult } from './result.ts';
import { RESOURCES, SUBACCOUNTS } from './twin-generate.ts';

const CONNECTIONS = 32;
const WARMUP_MS = 1_000;
const ROUND_MS = 3_000;
const ROUNDS = 3;
const ITEMS_PER_PAGE = 50;

function rssMB(child: ChildProcess): number {
  try {
    const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
  } catch {
    return 0; // the child has exited
  }
}

interface Generation {
  seconds: number;
  peakMB: number;
  retainedMB: number;
  baselineMB: number;
  sampledPeakMB: number;
}

/** One generation in a fresh process, its RSS sampled from here every 10 ms as well. */
async function measureGeneration(): Promise<Generation> {
  const child = fork(fileURLToPath(new URL('./twin-generate.ts', import.meta.url)), { execArgv: ['--import', 'tsx', '--expose-gc'] });
  let sampledPeakMB = 0;
  const timer = setInterval(() => (sampledPeakMB = Math.max(sampledPeakMB, rssMB(child))), 10);
  const result = await new Promise<Omit<Generation, 'sampledPeakMB'>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Omit<Generation, 'sampledPeakMB'>));
    child.once('exit', (code) => reject(new Error(`generation child exited (${code})`)));
  });
  clearInterval(timer);
  return { ...result, sampledPeakMB };
}

interface ServerInfo {
  baseUrl: string;
  accounts: { sid: string; authToken: string }[];
}

const LIST_PATHS = [
  `/api/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json?PageSize=${ITEMS_PER_PAGE}`,
  `/trunking/v1/Trunks?PageSize=${ITEMS_PER_PAGE}`,
  `/messaging/v1/Services?PageSize=${ITEMS_PER_PAGE}`,
];
const LIST_KEYS = ['incoming_phone_numbers', 'trunks', 'services'];

/** `static`: the same pages as fixed bytes from a bare node:http server (bench/twin-server.ts). */
async function measureThroughput(server: 'twin' | 'static'): Promise<{ perRound: number[]; errors: number; itemsPerPage: number; bytesPerPage: number }> {
  const args = server === 'static' ? ['--static', LIST_PATHS.join(',')] : [];
  const child = fork(fileURLToPath(new URL('./twin-server.ts', import.meta.url)), args, { execArgv: ['--import', 'tsx'] });
  const info = await new Promise<ServerInfo>((resolve) => child.once('message', (m) => resolve(m as ServerInfo)));
  const base = new URL(info.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const targets = info.accounts.flatMap((a) => {
    const authorization = 'Basic ' + Buffer.from(`${a.sid}:${a.authToken}`).toString('base64');
    return LIST_PATHS.map((template, i) => ({ path: template.replace('{sid}', a.sid), authorization, list: LIST_KEYS[i] as string }));
  });
  let completed = 0;
  let errors = 0;
  let counting = false;
  let stop = false;
  let itemsPerPage = Number.POSITIVE_INFINITY;
  let checked = 0;
  let bytes = 0;
  let pages = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const target = targets[i % targets.length]!;
      const req = request({ host: base.hostname, port: base.port, path: target.path, agent, headers: { authorization: target.authorization } }, (res) => {
        // The first pages of each target are parsed to prove they are full; the rest are drained.
        const parse = checked < targets.length;
        if (parse) checked++;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => parse && chunks.push(c));
        res.on('end', () => {
          if (parse && res.statusCode === 200) {
            const body = Buffer.concat(chunks);
            bytes += body.length;
            pages++;
            itemsPerPage = Math.min(itemsPerPage, (JSON.parse(body.toString()) as Record<string, unknown[]>)[target.list]?.length ?? 0);
          }
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
  const perRound: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    completed = 0;
    counting = true;
    const started = performance.now();
    await new Promise((r) => setTimeout(r, ROUND_MS));
    counting = false;
    perRound.push(Math.round(completed / ((performance.now() - started) / 1000)));
  }
  stop = true;
  await Promise.all(loops);
  agent.destroy();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  return { perRound, errors, itemsPerPage, bytesPerPage: Math.round(bytes / Math.max(1, pages)) };
}

const generations: Generation[] = [];
for (let round = 0; round < ROUNDS; round++) generations.push(await measureGeneration());
const g = (pick: (x: Generation) => number) => generations.map((x) => roundTo(pick(x), 2));
console.log(`generate ${SUBACCOUNTS} x ${RESOURCES}: ${g((x) => x.seconds).join(', ')} s, peak RSS ${g((x) => x.peakMB).join(', ')} MB`);
const throughput = await measureThroughput('twin');
console.log(`list throughput: ${throughput.perRound.join(', ')} requests/s over ${CONNECTIONS} connections, ${throughput.itemsPerPage} items a page of ${throughput.bytesPerPage} bytes (${throughput.errors} errors)`);
const floor = await measureThroughput('static');
console.log(`the same pages as fixed bytes from a bare node:http server: ${floor.perRound.join(', ')} requests/s`);
if (throughput.errors || floor.errors || throughput.itemsPerPage !== ITEMS_PER_PAGE) process.exitCode = 1;

const method =
  `Throughput: the twin in a child process (50 subaccounts, 50 resources of each generated kind, render cache off), the load loop here over ${CONNECTIONS} node:http keep-alive connections ` +
  `cycling IncomingPhoneNumbers, Trunks and Messaging Services lists of ${ITEMS_PER_PAGE} items (checked) for each account; ${WARMUP_MS / 1000} s warm-up, then ${ROUNDS} rounds of ${ROUND_MS / 1000} s, median. ` +
  'Physical limit: the same pages, fetched once from the twin, served as fixed bytes by a bare node:http server in the same kind of child process, under the same load loop; ratio = twin / that. ' +
  `Generation: ${SUBACCOUNTS} subaccounts x ${RESOURCES} resources in a fresh process per round (${ROUNDS} rounds, median); peak = the kernel's high-water mark of that process's RSS (VmHWM), ` +
  'sampledPeak = its RSS read from the parent every 10 ms; both include the process baseline (Node, tsx, the loaded specs).';
const file = writeBenchResult('twin', {
  method,
  metrics: {
    requestsPerSecond: median(throughput.perRound),
    staticServerRequestsPerSecond: median(floor.perRound),
    ratioToStaticServer: roundTo(median(throughput.perRound) / median(floor.perRound), 2),
    bytesPerPage: throughput.bytesPerPage,
    listErrors: throughput.errors,
    itemsPerPage: throughput.itemsPerPage,
    connections: CONNECTIONS,
    generateSeconds: median(g((x) => x.seconds)),
    generatePeakMB: median(g((x) => x.peakMB)),
    generateSampledPeakMB: median(g((x) => x.sampledPeakMB)),
    generateRetainedMB: median(g((x) => x.retainedMB)),
    generateBaselineMB: median(g((x) => x.baselineMB)),
    generateSubaccounts: SUBACCOUNTS,
    generateResourcesEach: RESOURCES,
  },
  rounds: { requestsPerSecond: throughput.perRound, staticServerRequestsPerSecond: floor.perRound, generateSeconds: g((x) => x.seconds), generatePeakMB: g((x) => x.peakMB) },
});
console.log(`wrote ${file}`);
