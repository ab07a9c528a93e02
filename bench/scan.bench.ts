// Scan benchmark: a generated organisation of 1,000 subaccounts x 20 resources behind the
// twin (50 ms latency per request, at most 100 concurrent requests per account, like
// Twilio's per-account limit), scanned by the real scanner, and compared in the same run
// with a naive sequential scan of the same inventory.
//
// The twin runs in a child process (this file with --twin-child) so that its CPU does not
// share the scanner's event loop: on a real scan Twilio's servers are not in the process.
//
// Lower bound: every request costs at least the latency, and at most C requests can be in
// flight, where C = min(per-account limit x accounts, the scanner's total concurrency):
//     lowerBoundSeconds = requests x latency / C
// The naive scan sends one request at a time through the same SDK and collectors
// (concurrency 1), so it is timed over a sample of accounts and extrapolated linearly to
// the whole organisation (requests per account are the same for every generated account).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { scanWithInventory, runChecks, twilioChecks, DEFAULT_TOTAL_CONCURRENCY } from '@chaperone/scan';
import { writeBenchResult } from './result.ts';

const SUBACCOUNTS = Number(process.env.BENCH_SUBACCOUNTS ?? 1000);
const RESOURCES = 20;
const LATENCY_MS = 50;
const PER_ACCOUNT_LIMIT = 100;
const NAIVE_SAMPLE = 5;

interface TwinInfo {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
  subaccounts: string[];
}

if (process.argv.includes('--twin-child')) {
  const { startTwin } = await import('@chaperone/twin');
  const twin = await startTwin({
    generate: { subaccounts: SUBACCOUNTS, resources: RESOURCES, seed: 42 },
    faults: { latencyMs: LATENCY_MS, concurrency: PER_ACCOUNT_LIMIT, retryAfterSeconds: 1 },
  });
  const info: TwinInfo = { baseUrl: twin.baseUrl, master: twin.master, subaccounts: twin.accounts.filter((a) => a.ownerAccountSid).map((a) => a.sid) };
  process.stdout.write(JSON.stringify(info) + '\n');
  // Serve until the parent closes our stdin.
  process.stdin.resume();
  process.stdin.on('end', () => void twin.close().then(() => process.exit(0)));
} else {
  await main();
}

async function startChildTwin(): Promise<{ info: TwinInfo; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--twin-child'], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<TwinInfo>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`twin child exited (${code})`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as TwinInfo));
  });
  return { info, stop: () => child.stdin!.end() };
}

function memorySampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
    },
  };
}

async function main(): Promise<void> {
  console.log(`generating ${SUBACCOUNTS} subaccounts x ${RESOURCES} resources in the twin (child process)...`);
  const { info, stop } = await startChildTwin();
  try {
    const credentials = { accountSid: info.master.accountSid, username: info.master.accountSid, password: info.master.authToken, kind: 'auth-token' as const };
    const totalConcurrency = DEFAULT_TOTAL_CONCURRENCY;

    // Full scan with the scanner's defaults, per-account concurrency at the twin's limit.
    global.gc?.();
    const memory = memorySampler();
    const started = performance.now();
    const { report, inventory } = await scanWithInventory({
      twilio: { credentials, baseUrl: info.baseUrl },
      concurrency: PER_ACCOUNT_LIMIT,
      totalConcurrency,
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const peakMB = memory.stop();

    const accounts = report.scan.accounts.length;
    const requests = report.scan.requests;
    const allowedConcurrency = Math.min(PER_ACCOUNT_LIMIT * accounts, totalConcurrency);
    const lowerBoundSeconds = (requests * LATENCY_MS) / 1000 / allowedConcurrency;

    // How much of the wall time is the pure part (checks over the collected inventory).
    const checksStarted = performance.now();
    runChecks(inventory, twilioChecks, { now: new Date(), designatedAccounts: [], baaVendors: [] });
    const checksSeconds = (performance.now() - checksStarted) / 1000;

    // Naive: the same collectors, one request at a time, over a sample of subaccounts.
    const sample = info.subaccounts.slice(0, NAIVE_SAMPLE);
    const naiveStarted = performance.now();
    const naive = await scanWithInventory({
      twilio: { credentials, baseUrl: info.baseUrl, accounts: sample },
      concurrency: 1,
      totalConcurrency: 1,
      accountConcurrency: 1,
    });
    const naiveSampleSeconds = (performance.now() - naiveStarted) / 1000;
    const naiveSeconds = (naiveSampleSeconds / sample.length) * accounts;

    const metrics = {
      wallSeconds: round(wallSeconds),
      lowerBoundSeconds: round(lowerBoundSeconds),
      ratioToLowerBound: round(wallSeconds / lowerBoundSeconds),
      naiveSeconds: round(naiveSeconds),
      naiveExtrapolated: true,
      naiveMethod: 'same SDK and collectors, one request at a time, sample of subaccounts extrapolated linearly',
      naiveSampleAccounts: sample.length,
      naiveSampleSeconds: round(naiveSampleSeconds),
      naiveSampleRequests: naive.report.scan.requests,
      speedupVsNaive: round(naiveSeconds / wallSeconds),
      peakMB: round(peakMB),
      peakMBScope: 'scanner process RSS (the twin runs in a child process)',
      checksSeconds: round(checksSeconds),
      requests,
      throttled: report.scan.throttled,
      retries: report.scan.retries,
      accounts,
      resources: inventory.resources.length,
      findings: report.findings.length,
      latencyMs: LATENCY_MS,
      perAccountLimit: PER_ACCOUNT_LIMIT,
      clientConcurrency: totalConcurrency,
      allowedConcurrency,
      lowerBoundFormula: 'requests x latency / min(perAccountLimit x accounts, clientConcurrency)',
      complete: report.scan.complete,
    };
    console.log(metrics);
    console.log(`wrote ${writeBenchResult('scan', metrics)}`);
    const ok = metrics.ratioToLowerBound <= 1.5 && peakMB < 1024;
    console.log(ok ? 'targets met: within 1.5x of the lower bound, under 1 GB' : 'TARGETS MISSED');
  } finally {
    stop();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
