// Writes the README's benchmark section (between <!-- bench:start --> and <!-- bench:end -->)
// from bench/results/*.json (`npm run bench:readme`), or with --check exits 1 when the
// README differs from what the results give (`npm run bench:check`, part of `npm test`),
// so a figure in the README is always one a benchmark wrote, with its method and spread.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const README_PATH = join(root, 'README.md');
export const RESULTS_DIR = join(root, 'bench', 'results');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

type Value = number | string | boolean | Record<string, number | string | boolean>;

export interface BenchResult {
  name: string;
  date: string;
  node: string;
  machine: { cores: number; model: string; loadAverageAtStart: string; loadAverageAtEnd: string };
  method: string;
  metrics: Record<string, Value>;
  rounds: Record<string, number[]>;
  spread: Record<string, { rounds: number; median: number; min: number; max: number }>;
}

export class ResultError extends Error {}

function num(r: BenchResult, key: string): number {
  const v = r.metrics[key];
  if (typeof v !== 'number') throw new ResultError(`bench/results/${r.name}.json: metrics.${key} is missing or not a number; fix: run \`npm run bench ${r.name}\``);
  return v;
}

function spread(r: BenchResult, key: string, digits = 2): string {
  const s = r.spread[key];
  if (!s) throw new ResultError(`bench/results/${r.name}.json: spread.${key} is missing; fix: run \`npm run bench ${r.name}\``);
  return `${s.min.toFixed(digits)}–${s.max.toFixed(digits)} over ${s.rounds} rounds`;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const pct = (n: number, digits = 2) => `${(n * 100).toFixed(digits)}%`;
const where = (r: BenchResult) => `${r.date.slice(0, 10)}, Node ${r.node}, load ${r.machine.loadAverageAtStart.split(' ')[0]}`;

function twinRow(r: BenchResult): string {
  return (
    `| twin | ${int(num(r, 'requestsPerSecond'))} list requests/s, ${num(r, 'itemsPerPage')}-item pages of ${int(num(r, 'bytesPerPage') / 1024)} KB rendered afresh (target 5,000), ` +
    `**${fixed(num(r, 'ratioToStaticServer'))}× the static-server bound**; ` +
    `${int(num(r, 'generateSubaccounts'))} subaccounts × ${num(r, 'generateResourcesEach')} resources generated in ${fixed(num(r, 'generateSeconds'))} s, peak RSS ${int(num(r, 'generatePeakMB'))} MB (targets 10 s, 1.5 GB) ` +
    `| the same pages as fixed bytes from a bare node:http server: ${int(num(r, 'staticServerRequestsPerSecond'))} requests/s; the targets ` +
    `| twin in a child process, ${num(r, 'connections')} keep-alive connections, median (${spread(r, 'requestsPerSecond', 0)}); generation in a fresh process, peak = kernel high-water mark (${where(r)}) |`
  );
}

function scanRow(r: BenchResult): string {
  return (
    `| scan | ${int(num(r, 'accounts'))} accounts, ${int(num(r, 'requests'))} requests, twin latency ${num(r, 'latencyMs')} ms: ${fixed(num(r, 'wallSeconds'))} s wall, ` +
    `**${fixed(num(r, 'ratioToRawClientBound'))}× the raw-client bound** (target 1.5); ${int(num(r, 'peakMB'))} MB peak (target 1 GB) ` +
    `| raw HTTP client replaying the same requests at the same concurrency: ${fixed(num(r, 'rawClientSeconds'))} s (latency bound ${fixed(num(r, 'latencyBoundSeconds'))} s; scanner ${fixed(num(r, 'ratioToLatencyBound'))}× it); ` +
    `the scanner's own HTTP stack alone (the official SDK on the scanner's UndiciRequestClient, same requests, no collection or checks): ${fixed(num(r, 'sdkReplaySeconds'))} s (${fixed(num(r, 'ratioSdkReplayToRawClient'))}× the raw client); ` +
    `twilio SDK + p-limit(${num(r, 'sdkPeerAccountsAtOnce')}) across accounts: ${fixed(num(r, 'sdkPeerSeconds'))} s (${fixed(num(r, 'speedupVsSdkPeer'))}× the scanner's time); ` +
    `on ${num(r, 'smallOrgAccounts')} accounts, the SDK one account at a time: ${fixed(num(r, 'smallOrgSdkSequentialSeconds'))} s against the scanner's ${fixed(num(r, 'smallOrgScannerSeconds'))} s ` +
    `| every party in its own process, median of rounds (ratio ${spread(r, 'ratioToRawClientBound')}); all runs whole, nothing extrapolated (${where(r)}) |`
  );
}

/** The largest single line measured for a tool ('' for ours, 'name.' for a peer), MB. */
function largestLineMB(r: BenchResult, prefix: string): number {
  const head = `${prefix}singleLine.`;
  const sizes = Object.keys(r.metrics)
    .filter((k) => k.startsWith(head) && k.endsWith('MB.seconds'))
    .map((k) => Number(k.slice(head.length, -'MB.seconds'.length)));
  if (!sizes.length) throw new ResultError(`bench/results/${r.name}.json: no single-line measurement for ${prefix || 'ours'}; fix: run \`npm run bench ${r.name}\``);
  return Math.max(...sizes);
}

/** The peak RSS per organisation size, "1,001: 300 MB, ..." */
function peaks(r: BenchResult, key: string): string {
  const by = r.metrics[key];
  if (!by || typeof by !== 'object') throw new ResultError(`bench/results/${r.name}.json: metrics.${key} is missing; fix: run \`npm run bench ${r.name}\``);
  return Object.entries(by)
    .map(([accounts, mb]) => `${int(Number(accounts))}: ${int(Number(mb))} MB`)
    .join(', ');
}

function scaleRow(r: BenchResult): string {
  const capped = typeof r.metrics.peakMBCappedHeap === 'number' ? `; with the heap capped at ${num(r, 'heapCapMB')} MB: ${peaks(r, 'peakMBCappedHeapByAccounts')}` : '';
  return (
    `| scale | ${int(num(r, 'accounts'))} accounts × 20 resources, twin latency ${num(r, 'latencyMs')} ms: peak RSS **${int(num(r, 'peakMB'))} MB** with V8's default heap (target 500 MB), ` +
    `${fixed(num(r, 'wallSeconds'), 1)} s wall, **${fixed(num(r, 'ratioToRawClientBound'))}× the raw-client bound** (target 1.5) ` +
    `| the same scan of smaller organisations, peak RSS by accounts: ${peaks(r, 'peakMBByAccounts')} (flat is the target)${capped}; raw HTTP client replaying the largest scan's requests at the same concurrency: ${fixed(num(r, 'rawClientSeconds'), 1)} s ` +
    `| twin, scanner (scanStream into a counting sink, as \`chaperone scan\` streams into the ledger) and raw client in separate processes; peak = the scanner's kernel high-water mark; one round per size (${where(r)}) |`
  );
}

/** How the phi row names its held-out section: the set the bench scored and whether it was tuned on. */
function heldoutLabel(r: BenchResult): string {
  const set = r.metrics.heldoutSet;
  if (typeof set !== 'string') throw new ResultError(`bench/results/${r.name}.json: metrics.heldoutSet is missing; fix: run \`npm run bench ${r.name}\``);
  const file = set.split(',')[0] as string;
  return r.metrics.heldoutTunedOn === true
    ? `newest blind set ${file}, development material now (scored once blind, then tuned on)`
    : `held-out set ${file} (written without reading the detector, never tuned on)`;
}

function phiRow(r: BenchResult): string {
  const m = (k: string) => num(r, k);
  const peers = ['redact-pii', '@openredaction/openredaction']
    .map((p) => {
      const largest = largestLineMB(r, `${p}.`);
      return `${p} ${fixed(m(`${p}.mbPerSecond`))} MB/s, one line ${fixed(m(`${p}.singleLineMBps`))} MB/s (${largest} MB), held-out ${fixed(m(`${p}.heldout.recall`), 3)} / ${pct(m(`${p}.heldout.overRedaction`))} / ${fixed(m(`${p}.heldout.operationalIntact`), 3)}`;
    })
    .join('; ');
  return (
    `| phi | ${fixed(m('mbPerSecond'))} MB/s on short log lines, ${fixed(m('singleLineMBps'))} MB/s on one ${largestLineMB(r, '')} MB line; ${heldoutLabel(r)}: ` +
    `recall ${fixed(m('heldout.recall'), 3)}, over-redaction ${pct(m('heldout.overRedaction'))} of ordinary words, operational tokens intact ${fixed(m('heldout.operationalIntact'), 3)} (targets 0.95 / 3% / 0.99); ` +
    `development material (tuned on): recall ${fixed(m('dev.recall'), 3)}, over-redaction ${pct(m('dev.overRedaction'))} ` +
    `| ${peers} | CPU time, same process, same corpus for every tool, median (ours ${spread(r, 'mbPerSecond')}); every tool scored by its output alone (${where(r)}) |`
  );
}

function guardRow(r: BenchResult): string {
  return (
    `| guard | webhook verification through the Express adapter: ${fixed(num(r, 'webhookRatioVsValidateRequest'))}× the bare recipe's rate (target 0.9); ` +
    `outbound policy p99 ${fixed(num(r, 'outboundColdP99Micros'), 1)} µs when every number is new, ${fixed(num(r, 'outboundWarmP99Micros'), 1)} µs on repeat numbers (target 50 µs) ` +
    `| \`express.urlencoded\` + \`twilio.validateRequest\` on the same load: ${int(num(r, 'webhookBareValidateRequestPerSec'))} requests/s against ${int(num(r, 'webhookGuardedPerSec'))} ` +
    `| load generator in a child process, alternating rounds, median (ratio ${spread(r, 'webhookRatioVsValidateRequest')}; cold p99 ${spread(r, 'outboundColdP99Micros', 1)}) (${where(r)}) |`
  );
}

function ledgerRow(r: BenchResult): string {
  const size = num(r, 'verifyEntries');
  return (
    `| ledger | recording a ${int(num(r, 'accounts'))}-account scan (${int(num(r, 'findings'))} findings): ${pct(num(r, 'recordingOverhead'), 1)} wall, ${pct(num(r, 'recordingCpuOverhead'), 1)} CPU (target 10%); ` +
    `verify of ${int(size)} entries ${fixed(num(r, 'verifySeconds'), 1)} s wall, ${fixed(num(r, 'verifyCpuSeconds'), 1)} s CPU (target 30 s); ` +
    `one append at ${int(size)} entries ${fixed(num(r, 'appendMillisFullOver10k'))}× its time at 10,000 (O(log n)); ` +
    `guard sink ${int(num(r, 'sinkDecisionsPerSecond'))} decisions/s recorded wall, ${int(num(r, 'sinkDecisionsPerCpuSecond'))} per CPU second (target 20,000); outbound p99 ${fixed(num(r, 'inspectP99MicrosWithSink'), 1)} µs with the ledger sink, ${fixed(num(r, 'inspectP99MicrosNoopSink'), 1)} µs with a sink that does nothing (the guard's own cost of having a sink), ${fixed(num(r, 'inspectP99MicrosWithout'), 1)} µs with none ` +
    `| the run's entries inserted raw into SQLite: Ledger.append takes ${fixed(num(r, 'appendRatioToRawInsert'))}× as long; verify against reading the rows raw + SHA-256 of every node: ${fixed(num(r, 'verifyRatioToReadPlusHash'))}× wall, ${fixed(num(r, 'verifyCpuRatioToReadPlusHash'))}× CPU; event-loop p99 while decisions arrive at ${int(num(r, 'offeredDecisionsPerSecond'))}/s: ${fixed(num(r, 'loopDelayP99MillisWithSink'), 1)} ms with the ledger sink, ${fixed(num(r, 'loopDelayP99MillisNoopSink'), 1)} ms with the do-nothing sink, ${fixed(num(r, 'loopDelayP99MillisWithout'), 1)} ms with none ` +
    `| the CLI and the twin in child processes, alternating rounds, median (overhead ${spread(r, 'recordingOverhead', 3)}); CPU from the kernel's accounting; verify timed alone after a direct build (${where(r)}) |`
  );
}

function ledgerNote(r: BenchResult): string {
  const rounds = (k: string) => (r.rounds[k] ?? []).map((x) => pct(x, 1)).join(', ');
  return (
    `- **ledger**: per round the recording overhead was ${rounds('recordingOverhead')} of wall time and ${rounds('recordingCpuOverhead')} of CPU time; ` +
    `at this load the wall figures swing with the machine, the CPU figures are the steadier ones (they count every thread: the scan's recorder and the guard sink write on a writer thread, verify runs on ${int(num(r, 'verifyThreads'))} threads against a one-thread limit); ` +
    '`bench/results/ledger.json` has every figure, round and the method.'
  );
}

function dashboardRow(r: BenchResult): string {
  return (
    `| dashboard | posture page of a ledger of ${int(num(r, 'runs'))} runs × ${int(num(r, 'accounts'))} accounts (${int(num(r, 'findings'))} findings): p95 ${fixed(num(r, 'postureP95Ms'), 1)} ms, ` +
    `p50 ${fixed(num(r, 'postureP50Ms'), 1)} ms, ${int(num(r, 'postureBytes') / 1000)} KB (targets 200 ms, 200 KB); first load after start, summarising every run: ${fixed(num(r, 'firstLoadSeconds'))} s ` +
    `| the targets; in the same run the findings page filtered to fail ${fixed(num(r, 'findingsFailPageMs'), 1)} ms and a control's page ${fixed(num(r, 'controlPageMs'), 1)} ms ` +
    `| \`chaperone serve\`'s server on loopback, one signed-in client, ${int(num(r, 'requests'))} requests in a row, whole HTTP round trips (ms: ${spread(r, 'postureMs', 1)}) (${where(r)}) |`
  );
}

function readingNotes(results: Record<string, BenchResult>): string[] {
  const scan = results.scan!;
  const share = scan.metrics.profileShareOfBusy;
  const buckets = typeof share === 'object' ? Object.entries(share).map(([b, s]) => `${b} ${pct(Number(s), 0)}`).join(', ') : '';
  return [
    'How to read them:',
    `- **scan**: the raw client is the physical limit on this machine: it sends the requests the scanner sent, recorded by the twin, ` +
      `with the same ${num(scan, 'totalConcurrency')} in flight, and only reads the bodies. Without latency the scanner takes ${fixed(num(scan, 'scannerNoLatencySeconds'))} s ` +
      `and the raw client ${fixed(num(scan, 'rawClientNoLatencySeconds'))} s (${fixed(num(scan, 'ratioToRawClientBoundNoLatency'))}×). The gap is CPU: the scanner used ` +
      `${fixed(num(scan, 'scannerCpuSeconds'))} s of it against the raw client's ${fixed(num(scan, 'rawClientCpuSeconds'))} s, and the twin spent ${fixed(num(scan, 'twinCpuSecondsDuringScan'))} s serving the scanner ` +
      `against ${fixed(num(scan, 'twinCpuSecondsDuringRawClient'))} s serving the same requests from the raw client; the scanner's profile puts its busy time in ${buckets}. ` +
      `CPU per request: raw client ${int(num(scan, 'rawClientCpuMicrosPerRequest'))} µs, the scanner's HTTP stack alone (SDK replay) ${int(num(scan, 'sdkReplayCpuMicrosPerRequest'))} µs, the scanner ${int(num(scan, 'scannerCpuMicrosPerRequest'))} µs; ` +
      `the scanner's event loop had work queued ${pct(num(scan, 'scannerEventLoopUtilization'), 0)} of its run: it is bound by CPU (its own and the SDK's), not waiting on a limit. ` +
      `The SDK peer collects and checks nothing, so it is the cheaper program; \`bench/results/scan.json\` has every round.`,
    `- **scale**: \`bench/scale.bench.ts\`; peak RSS is what the kernel saw the scanning process hold, garbage V8 had not yet collected included.`,
    `- **phi**: MB/s is CPU time. An identifier is caught when none of its letters or digits is left; over-redaction is the share of ordinary (unlabelled) words changed. ` +
      'The held-out section scores the newest blind set present (`packages/phi/eval/score.ts` BLIND_SETS: `heldout-2026-12f.txt`); each was written by someone who read neither the detector nor any other set, and a set tuned on after its one blind score is labelled development material; ' +
      'the development material is the generated and hand-written sets plus the former held-out `heldout.txt`, which was tuned on; blind scores and development figures of every set are in `packages/phi/eval/HELDOUT.md`.',
    `- **guard**: "cold" is the path a daily reminder run to distinct patients takes; "repeat" numbers hit the guard's verdict cache.`,
    ledgerNote(results.ledger!),
    `- Machine: ${results.scan!.machine.cores} cores (${results.scan!.machine.model}), shared with other work; each JSON records the load average at its start and end. ` +
      'Where the load is above the core count, wall-clock figures (requests/s, seconds, µs) measure the wait for a core as much as the code: compare the figures within a row, taken in the same run, before comparing them with a target. ' +
      `These figures were taken with \`${rerun(results)}\` (\`npm run bench\` alone uses 1,000 subaccounts, 3 scan rounds, a 20 MB corpus and lines up to 64 MB); ` +
      '`npm run bench:readme` rewrites this section from the results.',
  ];
}

/** The command that re-measures these results with the sizes they were taken at. */
function rerun(results: Record<string, BenchResult>): string {
  const scan = results.scan!;
  const phi = results.phi!;
  const env = [
    `BENCH_SUBACCOUNTS=${num(scan, 'accounts') - 1}`,
    `BENCH_SMALL_SUBACCOUNTS=${num(scan, 'smallOrgAccounts') - 1}`,
    `SCAN_BENCH_ROUNDS=${scan.spread.ratioToRawClientBound?.rounds ?? 0}`,
    `PHI_BENCH_MB=${num(phi, 'corpusMB')}`,
    `PHI_BENCH_SINGLE_MB=${String(phi.metrics.singleLineSizesMB)}`,
    `PHI_BENCH_PEER_MS=${num(phi, 'peerBudgetMs')}`,
    `LEDGER_BENCH_SCAN_ROUNDS=${results.ledger?.spread.recordingOverhead?.rounds ?? 0}`,
  ];
  const scale = results.scale!;
  const sizes = Object.keys(scale.metrics.peakMBByAccounts as Record<string, number>).map((accounts) => Number(accounts) - 1);
  env.push(`BENCH_SCALE_SIZES=${sizes.join(',')}`, `BENCH_SCALE_VARIANTS=${typeof scale.metrics.peakMBCappedHeap === 'number' ? 'default,capped' : 'default'}`);
  return `${env.join(' ')} npm run bench`;
}

export function loadResults(dir: string = RESULTS_DIR): Record<string, BenchResult> {
  const out: Record<string, BenchResult> = {};
  for (const name of ['twin', 'scan', 'scale', 'phi', 'guard', 'ledger', 'dashboard']) {
    const file = join(dir, `${name}.json`);
    let parsed: BenchResult;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
    } catch {
      throw new ResultError(`bench/results/${name}.json is missing or not JSON; fix: run \`npm run bench ${name}\``);
    }
    if (typeof parsed.method !== 'string' || !parsed.machine || !parsed.spread) throw new ResultError(`bench/results/${name}.json has no method, machine or spread (an old shape); fix: run \`npm run bench ${name}\``);
    out[name] = parsed;
  }
  return out;
}

export function renderSection(results: Record<string, BenchResult>): string {
  return [
    START,
    '| benchmark | figure | compared with, in the same run | how measured |',
    '|---|---|---|---|',
    twinRow(results.twin!),
    scanRow(results.scan!),
    scaleRow(results.scale!),
    phiRow(results.phi!),
    guardRow(results.guard!),
    ledgerRow(results.ledger!),
    dashboardRow(results.dashboard!),
    '',
    ...readingNotes(results),
    END,
  ].join('\n');
}

/** The README with its benchmark section replaced by `section`. */
export function withSection(readme: string, section: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new ResultError(`README.md has no ${START} ... ${END} section; fix: put both markers back around the benchmark table`);
  return readme.slice(0, start) + section + readme.slice(end + END.length);
}

function main(argv: string[]): number {
  try {
    const readme = readFileSync(README_PATH, 'utf8');
    const expected = withSection(readme, renderSection(loadResults()));
    if (argv.includes('--check')) {
      if (expected === readme) {
        console.log('README.md benchmark section matches bench/results');
        return 0;
      }
      console.error('README.md benchmark section differs from bench/results/*.json: run `npm run bench:readme` and commit README.md');
      return 1;
    }
    writeFileSync(README_PATH, expected);
    console.log('README.md benchmark section written from bench/results');
    return 0;
  } catch (error) {
    if (error instanceof ResultError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
