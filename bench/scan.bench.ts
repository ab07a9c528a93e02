// Scan benchmark: a generated organisation of 1,000 subaccounts x 20 resources behind the
// twin (50 ms latency per request, at most 100 concurrent requests per account, like
// Twilio's per-account limit), scanned by the real scanner, and compared in the same run
// with a naive sequential scan of the same inventory.
//
// The twin runs in a child process (this file with --twin-child) so that its CPU does not
// share the scanner's event loop: on a real scan Twilio's servers are not in the process.
//
// Lower bound: the larger of two bounds, both measured in this run.
// - Latency: every request costs at least the latency, and at most C requests can be in
//   flight, where C = min(per-account limit x accounts, the scanner's total concurrency):
//       latencyBoundSeconds = requests x latency / C
// - Machine: the same scan against a twin with no latency at all takes the CPU time the
//   scanner, the SDK and the twin need for these requests on this machine; no amount of
//   concurrency hides that, so a scan with latency cannot beat it either.
//       lowerBoundSeconds = max(latencyBoundSeconds, machineBoundSeconds)
// The naive scan is what a first script with the SDK does: list the subaccounts, then for
// each one, one typed `.list()` / `.fetch()` after another over the same resource kinds
// the scanner reads. It is timed over a sample of accounts and extrapolated linearly to
// the whole organisation (every generated account holds the same mix).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { twinHttpClient } from '@chaperone/twin';
import { scanWithInventory, runChecks, twilioChecks, DEFAULT_TOTAL_CONCURRENCY } from '@chaperone/scan';
import { writeBenchResult } from './result.ts';

const SUBACCOUNTS = Number(process.env.BENCH_SUBACCOUNTS ?? 1000);
const RESOURCES = 20;
const LATENCY_MS = Number(process.env.BENCH_TWIN_LATENCY_MS ?? 50);
const PER_ACCOUNT_LIMIT = 100;
const NAIVE_SAMPLE = 5;
const TOTAL_CONCURRENCY = Number(process.env.SCAN_BENCH_TOTAL_CONCURRENCY ?? DEFAULT_TOTAL_CONCURRENCY);

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

async function startChildTwin(latencyMs: number): Promise<{ info: TwinInfo; stop: () => void }> {
  const env = { ...process.env, BENCH_TWIN_LATENCY_MS: String(latencyMs) };
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--twin-child'], { stdio: ['pipe', 'pipe', 'inherit'], env });
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
  const { info, stop } = await startChildTwin(LATENCY_MS);
  try {
    const credentials = masterCredentials(info);
    const totalConcurrency = TOTAL_CONCURRENCY;

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
    // Measured after the latency scan, so the code is warm and the bound is the stricter one.
    const machineBoundSeconds = await timeScanWithoutLatency();
    const allowedConcurrency = Math.min(PER_ACCOUNT_LIMIT * accounts, totalConcurrency);
    const latencyBoundSeconds = (requests * LATENCY_MS) / 1000 / allowedConcurrency;
    const lowerBoundSeconds = Math.max(latencyBoundSeconds, machineBoundSeconds);

    // How much of the wall time is the pure part (checks over the collected inventory).
    const checksStarted = performance.now();
    runChecks(inventory, twilioChecks, { now: new Date(), designatedAccounts: [], baaVendors: [] });
    const checksSeconds = (performance.now() - checksStarted) / 1000;

    // Naive: typed SDK calls, one at a time, over a sample of subaccounts.
    const naiveStarted = performance.now();
    const naive = await naiveScan(info, NAIVE_SAMPLE);
    const naiveSampleSeconds = (performance.now() - naiveStarted) / 1000;
    const sample = naive.accounts;
    const naiveSeconds = (naiveSampleSeconds / sample.length) * accounts;

    const metrics = {
      wallSeconds: round(wallSeconds),
      lowerBoundSeconds: round(lowerBoundSeconds),
      latencyBoundSeconds: round(latencyBoundSeconds),
      // Against the latency bound alone (the formula): > 1 where the machine, not latency, bounds the scan.
      ratioToLatencyBound: round(wallSeconds / latencyBoundSeconds),
      machineBoundSeconds: round(machineBoundSeconds),
      ratioToLowerBound: round(wallSeconds / lowerBoundSeconds),
      naiveSeconds: round(naiveSeconds),
      naiveExtrapolated: true,
      naiveMethod: 'typed twilio SDK list()/fetch() calls one after another over the same kinds; sample of subaccounts extrapolated linearly',
      naiveSampleAccounts: sample.length,
      naiveSampleSeconds: round(naiveSampleSeconds),
      naiveSampleResources: naive.resources,
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
      lowerBoundFormula: 'max(requests x latency / min(perAccountLimit x accounts, clientConcurrency), same scan with a 0 ms twin)',
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

function masterCredentials(info: TwinInfo) {
  return { accountSid: info.master.accountSid, username: info.master.accountSid, password: info.master.authToken, kind: 'auth-token' as const };
}

/** Wall time of the same scan against a twin that answers at once: the machine's bound. */
async function timeScanWithoutLatency(): Promise<number> {
  const { info, stop } = await startChildTwin(0);
  try {
    const started = performance.now();
    await scanWithInventory({ twilio: { credentials: masterCredentials(info), baseUrl: info.baseUrl }, concurrency: PER_ACCOUNT_LIMIT, totalConcurrency: TOTAL_CONCURRENCY });
    return (performance.now() - started) / 1000;
  } finally {
    stop();
  }
}

/** One typed SDK call after another, for the kinds the scanner reads; 404s are skipped. */
async function naiveScan(info: TwinInfo, sampleSize: number): Promise<{ accounts: string[]; resources: number }> {
  const httpClient = twinHttpClient(info.baseUrl);
  const master = twilio(info.master.accountSid, info.master.authToken, { httpClient });
  const subaccounts = (await master.api.v2010.accounts.list()).filter((a) => a.ownerAccountSid === info.master.accountSid).slice(0, sampleSize);
  let resources = 0;
  const count = async <T>(call: () => Promise<T[]>): Promise<T[]> => {
    try {
      const items = await call();
      resources += items.length;
      return items;
    } catch {
      return [];
    }
  };
  const one = async <T>(call: () => Promise<T>): Promise<void> => {
    try {
      await call();
      resources++;
    } catch {
      // absent singleton (404): nothing to count
    }
  };
  for (const sub of subaccounts) {
    const c = twilio(sub.sid, sub.authToken, { httpClient });
    for (const n of await count(() => c.incomingPhoneNumbers.list())) await count(() => c.incomingPhoneNumbers(n.sid).assignedAddOns.list());
    await count(() => c.applications.list());
    for (const d of await count(() => c.sip.domains.list())) {
      await count(() => c.sip.domains(d.sid).auth.calls.credentialListMappings.list());
      await count(() => c.sip.domains(d.sid).auth.calls.ipAccessControlListMappings.list());
    }
    await count(() => c.recordings.list());
    for (const s of await count(() => c.messaging.v1.services.list())) {
      await count(() => c.messaging.v1.services(s.sid).channelSenders.list());
      await count(() => c.messaging.v1.services(s.sid).phoneNumbers.list());
    }
    await count(() => c.messaging.v2.channelsSenders.list({ channel: 'whatsapp' }));
    await count(() => c.trunking.v1.trunks.list());
    for (const s of await count(() => c.chat.v2.services.list())) await count(() => c.chat.v2.services(s.sid).channels.list());
    await one(() => c.conversations.v1.configuration.webhooks().fetch());
    await count(() => c.conversations.v1.addressConfigurations.list());
    for (const s of await count(() => c.conversations.v1.services.list())) await one(() => c.conversations.v1.services(s.sid).configuration.webhooks().fetch());
    for (const conv of await count(() => c.conversations.v1.conversations.list())) {
      await count(() => c.conversations.v1.conversations(conv.sid).participants.list());
      await count(() => c.conversations.v1.conversations(conv.sid).webhooks.list());
    }
    await count(() => c.sync.v1.services.list());
    for (const w of await count(() => c.taskrouter.v1.workspaces.list())) {
      await count(() => c.taskrouter.v1.workspaces(w.sid).workflows.list());
      await count(() => c.taskrouter.v1.workspaces(w.sid).workers.list());
      await count(() => c.taskrouter.v1.workspaces(w.sid).tasks.list());
    }
    for (const f of await count(() => c.studio.v2.flows.list())) await one(() => c.studio.v2.flows(f.sid).fetch());
    for (const s of await count(() => c.serverless.v1.services.list())) {
      const svc = c.serverless.v1.services(s.sid);
      for (const fn of await count(() => svc.functions.list())) await count(() => svc.functions(fn.sid).functionVersions.list());
      for (const a of await count(() => svc.assets.list())) await count(() => svc.assets(a.sid).assetVersions.list());
      for (const e of await count(() => svc.environments.list())) await count(() => svc.environments(e.sid).variables.list());
    }
    await count(() => c.events.v1.sinks.list());
    for (const s of await count(() => c.events.v1.subscriptions.list())) await count(() => c.events.v1.subscriptions(s.sid).subscribedEvents.list());
    await count(() => c.video.v1.rooms.list());
    await one(() => c.video.v1.recordingSettings().fetch());
    await one(() => c.video.v1.compositionSettings().fetch());
    await count(() => c.video.v1.compositionHooks.list());
    for (const s of await count(() => c.verify.v2.services.list())) await count(() => c.verify.v2.services(s.sid).webhooks.list());
    await count(() => c.marketplace.v1.installedAddOns.list());
    await count(() => c.voice.v1.dialingPermissions.countries.list());
    await count(() => c.voice.v1.byocTrunks.list());
    for (const a of await count(() => c.monitor.v1.alerts.list())) await one(() => c.monitor.v1.alerts(a.sid).fetch());
    await one(() => c.flexApi.v1.configuration().fetch());
    await count(() => c.flexApi.v1.flexFlow.list());
    await count(() => c.flexApi.v1.plugins.list());
    await count(() => c.accounts.v1.credentials.publicKey.list());
    // This SDK version has no typed AI Assistants resource: the generic request of the same client.
    await c.request({ method: 'get', uri: 'https://assistants.twilio.com/v1/Assistants' }).catch(() => undefined);
  }
  return { accounts: subaccounts.map((s) => s.sid), resources };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
