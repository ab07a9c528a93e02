// Scale benchmark (issue 11): peak memory of the scanning process against the number of
// subaccounts, to show it is flat now that the engine streams account by account.
//
// Three processes per size, so each figure is one process's own: the twin (a generated
// organisation of N subaccounts x 20 resources, 50 ms latency per request, Twilio's 100
// concurrent requests per account) in one child, the scanner in another, this file in the
// parent reading the scanner's peak RSS from the kernel (`VmHWM` in /proc/PID/status, the
// exact high-water mark, not a sample that could miss a spike). The scanner streams its
// findings into a counting sink and keeps only the totals, as `chaperone scan` does with
// the ledger; what it holds beyond that is the engine's own memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeBenchResult } from './result.ts';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,5000,10000').split(',').map(Number);
const RESOURCES = 20;
const LATENCY_MS = 50;
const PER_ACCOUNT_LIMIT = 100;
const self = fileURLToPath(import.meta.url);
/**
 * V8 collects lazily when the machine has memory to spare (24 GB here), so the peak RSS
 * of a default process says how far the heap was let grow, not what the scan keeps: the
 * live heap after a forced GC stays near 110 MB from 200 to 1,000 accounts. The capped
 * round runs the same scan with `--max-old-space-size` (NODE_OPTIONS, open to any user):
 * a scan that kept growing would die there; a flat one finishes with a bounded RSS.
 */
const HEAP_CAP_MB = 256;

interface TwinInfo {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
}

interface ScannerResult {
  accounts: number;
  findings: number;
  requests: number;
  complete: boolean;
  wallSeconds: number;
}

if (process.argv.includes('--twin-child')) {
  const { startTwin } = await import('@chaperone/twin');
  const twin = await startTwin({
    generate: { subaccounts: Number(process.env.BENCH_SCALE_N), resources: RESOURCES, seed: 11 },
    faults: { latencyMs: LATENCY_MS, concurrency: PER_ACCOUNT_LIMIT, retryAfterSeconds: 1 },
  });
  process.stdout.write(JSON.stringify({ baseUrl: twin.baseUrl, master: twin.master } satisfies TwinInfo) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => void twin.close().then(() => process.exit(0)));
} else if (process.argv.includes('--scanner-child')) {
  const { scanStream } = await import('@chaperone/scan');
  const info = JSON.parse(process.env.BENCH_SCALE_TWIN!) as TwinInfo;
  const started = performance.now();
  let findings = 0;
  const summary = await scanStream(
    { twilio: { credentials: { accountSid: info.master.accountSid, username: info.master.accountSid, password: info.master.authToken, kind: 'auth-token' }, baseUrl: info.baseUrl } },
    { onFindings: (batch) => void (findings += batch.findings.length) },
  );
  const result: ScannerResult = { accounts: summary.accounts.length, findings, requests: summary.requests, complete: summary.complete, wallSeconds: (performance.now() - started) / 1000 };
  process.stdout.write(JSON.stringify(result) + '\n');
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

/** Kernel-kept peak resident set of a live process, MB. */
function peakRssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function measure(n: number, nodeFlags: readonly string[]): Promise<ScannerResult & { peakMB: number }> {
  const twin = spawn(process.execPath, ['--import', 'tsx', self, '--twin-child'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_SCALE_N: String(n) } });
  try {
    const info = await firstLine(twin);
    const scanner = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', self, '--scanner-child'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_SCALE_TWIN: info } });
    let peakMB = 0;
    // VmHWM is gone once the process exits: read it while it runs, the last read just before it answers.
    const poll = setInterval(() => {
      try {
        peakMB = Math.max(peakMB, peakRssMB(scanner.pid!));
      } catch {
        /* exited between two reads */
      }
    }, 100);
    const line = await firstLine(scanner);
    peakMB = Math.max(peakMB, peakRssMB(scanner.pid!));
    clearInterval(poll);
    await new Promise((resolve) => scanner.once('exit', resolve));
    return { ...(JSON.parse(line) as ScannerResult), peakMB };
  } finally {
    twin.stdin!.end();
  }
}


async function main(): Promise<void> {
  const rows: Record<string, ScannerResult & { peakMB: number }> = {};
  for (const [variant, flags] of [['default', []], ['capped', [`--max-old-space-size=${HEAP_CAP_MB}`]]] as const) {
    for (const n of SIZES) {
      console.log(`scale (${variant} heap): ${n} subaccounts x ${RESOURCES} resources, ${LATENCY_MS} ms latency...`);
      const row = await measure(n, flags);
      rows[`${variant}:${n}`] = row;
      console.log(`  ${row.accounts} accounts, ${row.findings} findings, ${row.requests} requests in ${row.wallSeconds.toFixed(1)} s, peak RSS ${row.peakMB.toFixed(0)} MB`);
    }
  }
  const max = Math.max(...SIZES);
  const min = Math.min(...SIZES);
  const largest = rows[`capped:${max}`]!;
  const byAccountsObject = (variant: string) => Object.fromEntries(SIZES.map((n) => [String(rows[`${variant}:${n}`]!.accounts), Number(rows[`${variant}:${n}`]!.peakMB.toFixed(0))]));
  const file = writeBenchResult('scale', {
    method: `twin (generated org, ${RESOURCES} resources per account, ${LATENCY_MS} ms latency, ${PER_ACCOUNT_LIMIT} concurrent per account), scanner and this parent in three processes; scanner = scanStream into a counting sink; peak = the scanner process VmHWM (kernel peak RSS); one round per size and heap setting; peakMB with --max-old-space-size=${HEAP_CAP_MB}, peakMBDefaultHeap with V8 defaults`,
    metrics: {
      accounts: largest.accounts,
      findings: largest.findings,
      requests: largest.requests,
      complete: largest.complete,
      wallSeconds: Number(largest.wallSeconds.toFixed(1)),
      heapCapMB: HEAP_CAP_MB,
      peakMB: Number(largest.peakMB.toFixed(0)),
      peakMBByAccounts: byAccountsObject('capped'),
      peakMBDefaultHeap: Number(rows[`default:${max}`]!.peakMB.toFixed(0)),
      peakMBDefaultHeapByAccounts: byAccountsObject('default'),
      peakGrowthLargestOverSmallest: Number((largest.peakMB / rows[`capped:${min}`]!.peakMB).toFixed(2)),
    },
  });
  console.log(`wrote ${file}`);
}
