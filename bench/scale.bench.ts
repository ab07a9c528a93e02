// Scale benchmark (issue 11): peak memory of the scanning process against the number of
// subaccounts, to show it is flat now that the engine streams account by account, and the
// scanner's wall time at the largest size against the raw-client bound (bench/scan.bench.ts).
//
// Every party in a process of its own, so each figure is one process's own: the twin (a
// generated organisation of N subaccounts x 20 resources, 50 ms latency per request,
// Twilio's 100 concurrent requests per account; bench/scan/twin.ts), the scanner, the raw
// client, and this file conducting. The scanner streams its findings into a counting sink
// and keeps only the totals, as `chaperone scan` does with the ledger; what it holds beyond
// that is the engine's own memory. Its peak is the kernel's high-water mark of its resident
// set (VmHWM, read by the scanner itself as it ends: exact, not a sample that could miss a spike).
//
// At the largest size the twin records the requests the scanner sent, and the raw client
// (bench/scan/raw-client.ts: undici, keep-alive, the same total concurrency) replays them
// against the same twin: ratioToRawClientBound = scanner wall / raw-client wall.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOTAL_CONCURRENCY } from '@chaperone/scan';
import { resultsDir, writeBenchResult, type Metric } from './result.ts';
import { runChild, startTwin, type Run } from './scan/children.ts';
import type { TwinInfo } from './scan/twin.ts';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,5000,10000').split(',').map(Number);
/** `default` = V8's own heap sizing (what a user gets); `capped` = --max-old-space-size=HEAP_CAP_MB. */
const VARIANTS = (process.env.BENCH_SCALE_VARIANTS ?? 'default,capped').split(',') as Array<'default' | 'capped'>;
const LATENCY_MS = 50;
const PER_ACCOUNT_LIMIT = 100;
/**
 * V8 collects lazily when the machine has memory to spare, so the peak RSS of a default
 * process says how far the heap was let grow, not only what the scan keeps. The capped
 * round runs the same scan with `--max-old-space-size` (NODE_OPTIONS, open to any user):
 * a scan that kept growing would die there; a flat one finishes with a bounded RSS.
 */
const HEAP_CAP_MB = 256;
const self = fileURLToPath(import.meta.url);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const r1 = (n: number) => Number(n.toFixed(1));
const r2 = (n: number) => Number(n.toFixed(2));

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'chaperone-scale-bench-'));
  const rows = new Map<string, Run>();
  const largest = Math.max(...SIZES);
  let raw: Run | undefined;
  try {
    for (const variant of VARIANTS) {
      for (const n of SIZES) {
        const bound = variant === 'default' && n === largest;
        console.log(`scale (${variant} heap): ${n} subaccounts x 20 resources, ${LATENCY_MS} ms latency${bound ? ', recording for the raw client' : ''}...`);
        const twin = await startTwin({ subaccounts: n, latencyMs: LATENCY_MS, perAccountLimit: PER_ACCOUNT_LIMIT, record: bound });
        try {
          const flags = variant === 'capped' ? [`--max-old-space-size=${HEAP_CAP_MB}`] : [];
          const row = await runChild(self, ['--scanner-child', JSON.stringify(twin.info)], flags);
          rows.set(`${variant}:${n}`, row);
          console.log(`  ${row.accounts} accounts, ${row.findings} findings, ${row.requests} requests in ${row.wallSeconds.toFixed(1)} s (${row.cpuSeconds.toFixed(1)} s CPU, event loop ${(row.eventLoopUtilization * 100).toFixed(0)}% busy), peak RSS ${row.peakMB.toFixed(0)} MB`);
          if (bound) {
            const taken = (await twin.ask({ type: 'take' })) as { requests: unknown[] };
            const requestsFile = join(work, 'requests.json');
            writeFileSync(requestsFile, JSON.stringify(taken.requests));
            raw = await runChild(here('./scan/raw-client.ts'), [JSON.stringify({ baseUrl: twin.info.baseUrl, requestsFile, concurrency: DEFAULT_TOTAL_CONCURRENCY })], []);
            console.log(`  raw client: the same ${raw.requests} requests in ${raw.wallSeconds.toFixed(1)} s (${raw.cpuSeconds.toFixed(1)} s CPU), ${raw.throttled} throttled`);
          }
        } finally {
          twin.stop();
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const main = VARIANTS.includes('default') ? 'default' : VARIANTS[0]!;
  const top = rows.get(`${main}:${largest}`)!;
  const byAccounts = (variant: string) => Object.fromEntries(SIZES.map((n) => rows.get(`${variant}:${n}`)!).map((r) => [String(r.accounts), Math.round(r.peakMB)]));
  const smallest = rows.get(`${main}:${Math.min(...SIZES)}`)!;
  const metrics: Record<string, Metric | Record<string, Metric>> = {
    accounts: top.accounts as number,
    findings: top.findings as number,
    requests: top.requests,
    complete: top.complete as boolean,
    throttled: top.throttled,
    latencyMs: LATENCY_MS,
    totalConcurrency: DEFAULT_TOTAL_CONCURRENCY,
    wallSeconds: r1(top.wallSeconds),
    cpuSeconds: r1(top.cpuSeconds),
    eventLoopUtilization: r2(top.eventLoopUtilization),
    peakMB: Math.round(top.peakMB),
    'target.peakMB<=500': top.peakMB <= 500,
    peakMBByAccounts: byAccounts(main),
    peakGrowthLargestOverSmallest: r2(top.peakMB / smallest.peakMB),
    wallSecondsByAccounts: Object.fromEntries(SIZES.map((n) => rows.get(`${main}:${n}`)!).map((r) => [String(r.accounts), r1(r.wallSeconds)])),
    ...(raw ? { rawClientSeconds: r1(raw.wallSeconds), rawClientCpuSeconds: r1(raw.cpuSeconds), ratioToRawClientBound: r2(top.wallSeconds / raw.wallSeconds), 'target.ratioToRawClientBound<=1.5': top.wallSeconds / raw.wallSeconds <= 1.5 } : {}),
    ...(VARIANTS.includes('capped') ? { heapCapMB: HEAP_CAP_MB, peakMBCappedHeap: Math.round(rows.get(`capped:${largest}`)!.peakMB), peakMBCappedHeapByAccounts: byAccounts('capped') } : {}),
  };
  const method =
    `twin (bench/scan/twin.ts: generated org, 20 resources per account, ${LATENCY_MS} ms latency, ${PER_ACCOUNT_LIMIT} concurrent per account), scanner, raw client and this parent in separate processes; ` +
    `scanner = scanStream (${DEFAULT_TOTAL_CONCURRENCY} in flight, ${PER_ACCOUNT_LIMIT} per account) into a counting sink; peakMB = the scanner process's VmHWM (kernel peak RSS) with V8's default heap sizing` +
    `${VARIANTS.includes('capped') ? `, peakMBCappedHeap the same with --max-old-space-size=${HEAP_CAP_MB}` : ''}; one round per size and heap setting (sizes ${SIZES.join(', ')} subaccounts); ` +
    `at the largest size the twin records the scanner's requests and the raw client (undici, keep-alive, the same ${DEFAULT_TOTAL_CONCURRENCY} in flight) replays them against the same twin: ratioToRawClientBound = scanner wall / raw wall, one round.`;
  console.log(`wrote ${writeBenchResult('scale', { method, metrics: { ...othersMetrics(Object.keys(metrics)), ...metrics } })}`);
}

/**
 * Metrics another benchmark wrote into scale.json (distributed mode: bench/distributed*),
 * kept as they are: this bench rewrites only its own names.
 */
function othersMetrics(mine: readonly string[]): Record<string, Metric | Record<string, Metric>> {
  const file = join(resultsDir, 'scale.json');
  if (!existsSync(file)) return {};
  try {
    const previous = JSON.parse(readFileSync(file, 'utf8')) as { metrics?: Record<string, Metric | Record<string, Metric>> };
    const ours = new Set([...mine, 'heapCapMB', 'peakMBCappedHeap', 'peakMBCappedHeapByAccounts', 'rawClientSeconds', 'rawClientCpuSeconds', 'ratioToRawClientBound', 'target.ratioToRawClientBound<=1.5', 'peakMBDefaultHeap', 'peakMBDefaultHeapByAccounts']);
    return Object.fromEntries(Object.entries(previous.metrics ?? {}).filter(([k]) => !ours.has(k)));
  } catch {
    return {};
  }
}

// Last, so every declaration above is initialised before main() reads it.
if (process.argv.includes('--scanner-child')) {
  const { scanStream } = await import('@chaperone/scan');
  const { reportRun } = await import('./scan/measure.ts');
  const info = JSON.parse(process.argv[process.argv.length - 1]!) as TwinInfo;
  await reportRun(async () => {
    let findings = 0;
    const credentials = { accountSid: info.master.accountSid, username: info.master.accountSid, password: info.master.authToken, kind: 'auth-token' as const };
    const summary = await scanStream(
      { twilio: { credentials, baseUrl: info.baseUrl }, concurrency: PER_ACCOUNT_LIMIT, totalConcurrency: DEFAULT_TOTAL_CONCURRENCY },
      { onFindings: (batch) => void (findings += batch.findings.length) },
    );
    return { accounts: summary.accounts.length, findings, requests: summary.requests, throttled: summary.throttled, complete: summary.complete };
  });
} else {
  await main();
}
