// Scan benchmark: a generated organisation of 1,000 subaccounts x 20 resources behind the
// twin (50 ms latency per request, at most 100 concurrent requests per account, like
// Twilio's per-account limit), scanned by the real scanner; every party in a process of
// its own (the twin, the scanner, the raw client, the SDK peers), this file only conducts.
//
// What the scanner's wall time is compared with, all measured in this run:
// - the raw-client bound: a minimal HTTP client (scan/raw-client.ts) replaying the very
//   requests the scanner sent, at the same total concurrency, to the same twin, with and
//   without latency. ratioToRawClientBound = scanner wall / raw wall, per round, median.
// - the SDK replay (scan/sdk-replay.ts): the same recorded requests through the scanner's
//   own HTTP stack (ClientPool, one official SDK client per account, UndiciRequestClient under it)
//   and nothing else, so the gap splits into the HTTP layer under the SDK and the engine above it.
// - the latency bound: requests x latency / min(per-account limit x accounts, concurrency).
// - the SDK peer: the official SDK with p-limit across accounts (scan/sdk-peer.ts), run
//   whole on the same organisation; and one account after another, run whole on a smaller
//   organisation (on 1,000 accounts it would take some 40 minutes), beside the scanner on
//   that same small organisation.
// A CPU profile of one more scanner run (with latency, the scan alone) says what its CPU goes to.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOTAL_CONCURRENCY } from '@chaperone/scan';
import { median, roundTo, writeBenchResult, type Metric } from './result.ts';
import { summariseProfile } from './scan/cpu-profile.ts';
import { runChild, startTwin as startTwinChild, type Run, type Twin } from './scan/children.ts';

const SUBACCOUNTS = Number(process.env.BENCH_SUBACCOUNTS ?? 1000);
const SMALL_SUBACCOUNTS = Number(process.env.BENCH_SMALL_SUBACCOUNTS ?? 20);
const LATENCY_MS = 50;
const PER_ACCOUNT_LIMIT = 100;
const TOTAL_CONCURRENCY = DEFAULT_TOTAL_CONCURRENCY;
const PEER_LIMIT = 100; // accounts at once, as the review suggested: p-limit(100)
const ROUNDS = Number(process.env.SCAN_BENCH_ROUNDS ?? 3);

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'chaperone-scan-bench-'));

/** One measured child (scanner, raw client or SDK peer), fresh process, job as argv[2]. */
const run = (script: string, job: object): Promise<Run> => runChild(here(script), [JSON.stringify(job)]);

const startTwin = (subaccounts: number, latencyMs: number, record = false): Promise<Twin> => startTwinChild({ subaccounts, latencyMs, perAccountLimit: PER_ACCOUNT_LIMIT, record });

/** A twin-side CPU reading around one run: the twin must not be what bounds it. */
async function withTwinCpu(twin: Twin, measure: () => Promise<Run>): Promise<Run & { twinCpuSeconds: number }> {
  const before = (await twin.ask({ type: 'cpu' })) as { seconds: number };
  const result = await measure();
  const after = (await twin.ask({ type: 'cpu' })) as { seconds: number };
  return { ...result, twinCpuSeconds: after.seconds - before.seconds };
}

const scanner = (twin: Twin, profileFile?: string) =>
  withTwinCpu(twin, () => run('./scan/scanner.ts', { baseUrl: twin.info.baseUrl, master: twin.info.master, perAccountConcurrency: PER_ACCOUNT_LIMIT, totalConcurrency: TOTAL_CONCURRENCY, ...(profileFile ? { profileFile } : {}) }));
const rawClient = (twin: Twin, requestsFile: string) => withTwinCpu(twin, () => run('./scan/raw-client.ts', { baseUrl: twin.info.baseUrl, requestsFile, concurrency: TOTAL_CONCURRENCY }));
const sdkReplay = (twin: Twin, requestsFile: string) =>
  withTwinCpu(twin, () => run('./scan/sdk-replay.ts', { baseUrl: twin.info.baseUrl, requestsFile, perAccountConcurrency: PER_ACCOUNT_LIMIT, totalConcurrency: TOTAL_CONCURRENCY }));
const sdkPeer = (twin: Twin, limit: number) => withTwinCpu(twin, () => run('./scan/sdk-peer.ts', { baseUrl: twin.info.baseUrl, master: twin.info.master, limit }));

const r2 = (n: number) => roundTo(n, 2);
const log = (what: string, r: Run & { twinCpuSeconds: number }) =>
  console.log(`${what}: ${r.wallSeconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU (twin ${r.twinCpuSeconds.toFixed(2)} s), event loop ${((r.eventLoopUtilization as number) * 100).toFixed(0)}% busy, ${r.requests} requests, ${r.throttled} throttled, peak ${r.peakMB.toFixed(0)} MB`);

async function main(): Promise<void> {
  console.log(`scan bench: ${SUBACCOUNTS} subaccounts x 20 resources, twins in child processes, ${ROUNDS} rounds`);
  const bare = await startTwin(SUBACCOUNTS, 0, true);
  const slow = await startTwin(SUBACCOUNTS, LATENCY_MS);
  const rounds = { scannerSeconds: [] as number[], rawClientSeconds: [] as number[], sdkReplaySeconds: [] as number[], ratioToRawClientBound: [] as number[], ratioSdkReplayToRawClient: [] as number[], scannerNoLatencySeconds: [] as number[], rawClientNoLatencySeconds: [] as number[], ratioToRawClientBoundNoLatency: [] as number[], scannerPeakMB: [] as number[] };
  const scans: Run[] = [];
  const raws: Run[] = [];
  const replays: Run[] = [];
  let requestsFile = '';
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Without latency: the CPU cost of the same requests, scanner against raw client.
      const s0 = await scanner(bare);
      log(`round ${round + 1} scanner, 0 ms`, s0);
      if (!requestsFile) {
        const taken = (await bare.ask({ type: 'take' })) as { requests: unknown[] };
        requestsFile = join(work, 'requests.json');
        writeFileSync(requestsFile, JSON.stringify(taken.requests));
        console.log(`recorded ${taken.requests.length} requests the scanner sent`);
      }
      const r0 = await rawClient(bare, requestsFile);
      log(`round ${round + 1} raw client, 0 ms`, r0);
      // With latency, the order rotating so no party always runs first (on a warmer or calmer machine).
      type Party = (t: Twin) => Promise<Run & { twinCpuSeconds: number }>;
      const parties: Array<[string, Party]> = [
        ['scanner', (t) => scanner(t)],
        ['raw', (t) => rawClient(t, requestsFile)],
        ['replay', (t) => sdkReplay(t, requestsFile)],
      ];
      const measured: Record<string, Run & { twinCpuSeconds: number }> = {};
      for (let i = 0; i < parties.length; i++) {
        const [name, party] = parties[(i + round) % parties.length]!;
        measured[name] = await party(slow);
      }
      const s = measured.scanner!;
      const r = measured.raw!;
      const p = measured.replay!;
      log(`round ${round + 1} scanner, ${LATENCY_MS} ms`, s);
      log(`round ${round + 1} raw client, ${LATENCY_MS} ms`, r);
      log(`round ${round + 1} SDK replay, ${LATENCY_MS} ms`, p);
      scans.push(s);
      raws.push(r);
      replays.push(p);
      rounds.sdkReplaySeconds.push(r2(p.wallSeconds));
      rounds.ratioSdkReplayToRawClient.push(r2(p.wallSeconds / r.wallSeconds));
      rounds.scannerSeconds.push(r2(s.wallSeconds));
      rounds.rawClientSeconds.push(r2(r.wallSeconds));
      rounds.ratioToRawClientBound.push(r2(s.wallSeconds / r.wallSeconds));
      rounds.scannerNoLatencySeconds.push(r2(s0.wallSeconds));
      rounds.rawClientNoLatencySeconds.push(r2(r0.wallSeconds));
      rounds.ratioToRawClientBoundNoLatency.push(r2(s0.wallSeconds / r0.wallSeconds));
      rounds.scannerPeakMB.push(r2(s.peakMB));
    }

    const profileFile = join(work, 'scan.cpuprofile');
    const profiled = await scanner(slow, profileFile);
    log('profiled scanner', profiled);
    const profile = summariseProfile(profileFile);

    const peer = await sdkPeer(slow, PEER_LIMIT);
    log(`SDK + p-limit(${PEER_LIMIT}) over ${SUBACCOUNTS} subaccounts`, peer);
    bare.stop();
    slow.stop();

    const small = await startTwin(SMALL_SUBACCOUNTS, LATENCY_MS);
    const smallScan = await scanner(small);
    log(`scanner over ${SMALL_SUBACCOUNTS} subaccounts`, smallScan);
    const smallPeer = await sdkPeer(small, PEER_LIMIT);
    log(`SDK + p-limit(${PEER_LIMIT}) over ${SMALL_SUBACCOUNTS} subaccounts`, smallPeer);
    const smallSequential = await sdkPeer(small, 1);
    log(`SDK sequential over ${SMALL_SUBACCOUNTS} subaccounts`, smallSequential);
    small.stop();

    const scan = scans[0]!;
    const accounts = scan.accounts as number;
    const requests = scan.requests;
    const allowedConcurrency = Math.min(PER_ACCOUNT_LIMIT * accounts, TOTAL_CONCURRENCY);
    const latencyBoundSeconds = (requests * LATENCY_MS) / 1000 / allowedConcurrency;
    const wallSeconds = r2(median(rounds.scannerSeconds));
    const rawClientSeconds = r2(median(rounds.rawClientSeconds));
    const scannerCpu = median(scans.map((s) => s.cpuSeconds));
    const rawCpu = median(raws.map((r) => r.cpuSeconds));
    const replayCpu = median(replays.map((r) => r.cpuSeconds));
    const scannerLoop = median(scans.map((s) => s.eventLoopUtilization as number));
    const topBuckets = profile.buckets.slice(0, 8);
    const perRequestMicros = (seconds: number) => Math.round((seconds * 1e6) / requests);
    const gap =
      `Same ${requests} requests, ${LATENCY_MS} ms latency, ${TOTAL_CONCURRENCY} in flight (medians of rounds): raw client ${rawClientSeconds} s wall, ${rawCpu.toFixed(1)} s CPU (${perRequestMicros(rawCpu)} us a request); ` +
      `the scanner's HTTP stack alone (SDK replay) ${r2(median(rounds.sdkReplaySeconds))} s wall, ${replayCpu.toFixed(1)} s CPU (${perRequestMicros(replayCpu)} us); ` +
      `the scanner ${wallSeconds} s wall, ${scannerCpu.toFixed(1)} s CPU (${perRequestMicros(scannerCpu)} us), its event loop busy ${(scannerLoop * 100).toFixed(0)}% of the run, ${((scannerCpu / wallSeconds) * 100).toFixed(0)}% of a core (${scannerLoop > 0.9 ? 'work queued all along: CPU-bound, or starved of CPU by the machine, not waiting on a limit' : 'partly waiting on latency or a limit'}). ` +
      `The profiled scanner run spent its busy ${(profile.busyMs / 1000).toFixed(1)} s in: ` +
      topBuckets.map((b) => `${b.bucket} ${(b.shareOfBusy * 100).toFixed(0)}%`).join(', ') +
      ". Self time by where the code lives (the twilio SDK includes its request building and paging; undici is the HTTP layer under the SDK (the scanner's UndiciRequestClient); native writeLatin1String is the socket write, where a process starved of CPU is also descheduled).";
    const metrics: Record<string, Metric | Record<string, Metric>> = {
      accounts,
      requests,
      findings: scan.findings as number,
      complete: scan.complete as boolean,
      throttled: scan.throttled,
      latencyMs: LATENCY_MS,
      perAccountLimit: PER_ACCOUNT_LIMIT,
      totalConcurrency: TOTAL_CONCURRENCY,
      wallSeconds,
      rawClientSeconds,
      sdkReplaySeconds: r2(median(rounds.sdkReplaySeconds)),
      ratioSdkReplayToRawClient: r2(median(rounds.ratioSdkReplayToRawClient)),
      ratioToRawClientBound: r2(median(rounds.ratioToRawClientBound)),
      'target.ratioToRawClientBound<=1.5': median(rounds.ratioToRawClientBound) <= 1.5,
      latencyBoundSeconds: r2(latencyBoundSeconds),
      ratioToLatencyBound: r2(wallSeconds / latencyBoundSeconds),
      rawClientRatioToLatencyBound: r2(rawClientSeconds / latencyBoundSeconds),
      scannerNoLatencySeconds: r2(median(rounds.scannerNoLatencySeconds)),
      rawClientNoLatencySeconds: r2(median(rounds.rawClientNoLatencySeconds)),
      ratioToRawClientBoundNoLatency: r2(median(rounds.ratioToRawClientBoundNoLatency)),
      scannerCpuSeconds: r2(scannerCpu),
      rawClientCpuSeconds: r2(rawCpu),
      sdkReplayCpuSeconds: r2(replayCpu),
      scannerCpuMicrosPerRequest: perRequestMicros(scannerCpu),
      sdkReplayCpuMicrosPerRequest: perRequestMicros(replayCpu),
      rawClientCpuMicrosPerRequest: perRequestMicros(rawCpu),
      scannerEventLoopUtilization: r2(scannerLoop),
      twinCpuSecondsDuringScan: r2(median(scans.map((s) => s.twinCpuSeconds as number))),
      twinCpuSecondsDuringRawClient: r2(median(raws.map((r) => r.twinCpuSeconds as number))),
      rawClientThrottled: raws.reduce((n, r) => n + r.throttled, 0),
      peakMB: r2(median(rounds.scannerPeakMB)),
      'target.peakMB<1024': median(rounds.scannerPeakMB) < 1024,
      sdkPeerSeconds: r2(peer.wallSeconds),
      sdkPeerRequests: peer.requests,
      sdkPeerAccounts: peer.accounts as number,
      sdkPeerAccountsAtOnce: PEER_LIMIT,
      speedupVsSdkPeer: r2(peer.wallSeconds / wallSeconds),
      smallOrgAccounts: smallScan.accounts as number,
      smallOrgScannerSeconds: r2(smallScan.wallSeconds),
      smallOrgSdkPeerSeconds: r2(smallPeer.wallSeconds),
      smallOrgSdkSequentialSeconds: r2(smallSequential.wallSeconds),
      smallOrgSdkSequentialRequests: smallSequential.requests,
      smallOrgSpeedupVsSequential: r2(smallSequential.wallSeconds / smallScan.wallSeconds),
      smallOrgSpeedupVsSdkPeer: r2(smallPeer.wallSeconds / smallScan.wallSeconds),
      profileBusySeconds: r2(profile.busyMs / 1000),
      profileShareOfBusy: Object.fromEntries(topBuckets.map((b) => [b.bucket, b.shareOfBusy])),
      gap,
    };
    const method =
      `Every party in its own process: twin (generated, seed 42, ${LATENCY_MS} ms latency per request or none, ${PER_ACCOUNT_LIMIT} concurrent requests per account), scanner (scanWithInventory: collection + checks, ${TOTAL_CONCURRENCY} requests in flight), ` +
      `raw client (undici Pool, ${TOTAL_CONCURRENCY} keep-alive connections, replays the requests the scanner sent, recorded by the twin, bodies read and not parsed), SDK replay (the same requests through the scanner's own HTTP stack: ClientPool, one official SDK client per account, UndiciRequestClient under it; no collection, no checks), SDK peer (typed twilio SDK calls one after another per account, p-limit(${PEER_LIMIT}) across accounts, or one account at a time). ` +
      `${ROUNDS} rounds, each: scanner and raw client without latency, then scanner, raw client and SDK replay with latency in rotating order; figures are medians of rounds, ratios per round. Event-loop utilization of the scanner = share of its run with work queued. ` +
      `Latency bound = requests x latency / min(per-account limit x accounts, scanner concurrency). peakMB = kernel VmHWM of the scanner process. The sequential SDK script runs whole on ${SMALL_SUBACCOUNTS} subaccounts only ` +
      `(on ${SUBACCOUNTS} it needs about requests x latency = ${Math.round((requests * LATENCY_MS) / 1000)} s); the scanner and the p-limit peer run on that small organisation too. Nothing is extrapolated. One extra scanner run, profiled from inside (node:inspector, the scan alone), gives the profile: self time by where the code lives.`;
    console.log(metrics);
    console.log(`wrote ${writeBenchResult('scan', { method, metrics, rounds })}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
