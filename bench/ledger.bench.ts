// Evidence ledger benchmark (issue 12), four targets, each beside its physical limit:
//
// 1. Recording a scan: `chaperone scan` (the real CLI, a child process) of a generated
//    organisation on the twin (another child), with the ledger and with --no-ledger,
//    alternating rounds; overhead = with / without - 1 (target <= 10%). The limit: the same
//    finding rows inserted raw into a SQLite table (one transaction, WAL, synchronous=FULL)
//    against Ledger.append of the same entries.
// 2. `verify` of a million entries (target <= 30 s): the ledger built fast by direct appends
//    of 10,000 guard decisions at a time, then verifyLedger timed alone. The limit: reading
//    the same rows raw and SHA-256 over the same bytes (every leaf and interior node).
// 3. Appends stay O(log n): one small append at 10,000 entries and at a million, median time.
// 4. The guard sink: >= 20,000 decisions/s recorded, and the guard's outbound p99 with and
//    without the sink (the per-call time of policy.inspect, and the event loop's delay while
//    decisions arrive at 20,000/s: the sink writes on a thread of its own, and this shows it).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createOutboundPolicy } from '@chaperone/guard';
import { ensureSigner, Ledger, ledgerSink, noteOpener, verifyLedger, type EntryContent } from '@chaperone/ledger';
import { median, roundTo, writeBenchResult, type Metric } from './result.ts';

const SUBACCOUNTS = Number(process.env.LEDGER_BENCH_SUBACCOUNTS ?? 1_000);
const RESOURCES = Number(process.env.LEDGER_BENCH_RESOURCES ?? 20);
const SCAN_ROUNDS = Number(process.env.LEDGER_BENCH_SCAN_ROUNDS ?? 5);
const VERIFY_ENTRIES = Number(process.env.LEDGER_BENCH_VERIFY_ENTRIES ?? 1_000_000);
const SINK_DECISIONS = Number(process.env.LEDGER_BENCH_SINK_DECISIONS ?? 200_000);
const SINK_RATE = 20_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * The CLI as npm installs it (built first): from a checkout, bin/chaperone.js runs the
 * TypeScript through tsx, whose compiling, in the scan and again in the writer thread it
 * starts, is no cost a user pays.
 */
const BUILT_CLI = fileURLToPath(new URL('./built-cli.mjs', import.meta.url));
const self = fileURLToPath(import.meta.url);

interface TwinInfo {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
}

function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
    lines.once('line', resolve);
  });
}

/** As verifyLedger picks them (verify-threads.ts): one per core, at most 4. */
const verifyThreads = () => Math.min(availableParallelism(), 4);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** CPU (user + system) this process used since `start`, seconds: on a shared machine, wall time also counts the wait for a core. */
const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const scratch = () => mkdtempSync(join(tmpdir(), 'ledger-bench-'));

/** One `chaperone scan` in a child process; wall seconds from spawn to exit. */
async function cliScan(twin: TwinInfo, ledgerDir: string | undefined): Promise<{ seconds: number; cpuSeconds: number; stderr: string }> {
  const cwd = ledgerDir ?? scratch();
  const env = {
    ...process.env,
    TWILIO_ACCOUNT_SID: twin.master.accountSid,
    TWILIO_AUTH_TOKEN: twin.master.authToken,
    CHAPERONE_TWILIO_BASE_URL: twin.baseUrl,
    CHAPERONE_LEDGER: join(cwd, 'ledger.db'),
    CHAPERONE_LEDGER_KEY: join(cwd, 'ledger.key'),
    // npm run bench resolves @chaperone/* to their sources; the built CLI must resolve them to dist/.
    NODE_OPTIONS: '',
  };
  const argv = [BUILT_CLI, 'scan', '--no-progress', ...(ledgerDir ? [] : ['--no-ledger'])];
  const t0 = performance.now();
  // Through bash, whose `times` prints the CPU its child used (user, system) after it exits.
  const child = spawn('bash', ['-c', '"$0" "$@"; code=$?; times >&2; exit $code', process.execPath, ...argv], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const took = seconds(t0);
  if (code !== 0 && code !== 1) throw new Error(`scan exited ${code}: ${stderr.slice(0, 500)}`);
  if (!ledgerDir) rmSync(cwd, { recursive: true, force: true });
  return { seconds: took, cpuSeconds: childCpu(stderr), stderr };
}

/** The children's line of bash's `times` ("0m1.234s 0m0.056s"): user + system seconds. */
function childCpu(stderr: string): number {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (parts.length !== 2) throw new Error(`no CPU times in the scan's stderr: ${line}`);
  return parts[0]! + parts[1]!;
}

async function scanOverhead(): Promise<{ metrics: Record<string, Metric>; rounds: Record<string, number[]> }> {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const twinChild = spawn(process.execPath, ['--import', 'tsx', self, '--twin-child'], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const twin = JSON.parse(await firstLine(twinChild)) as TwinInfo;
    // A first scan warms the twin's caches and the file cache for both variants alike.
    await cliScan(twin, undefined);
    const withLedger: number[] = [];
    const without: number[] = [];
    const overhead: number[] = [];
    const cpuWith: number[] = [];
    const cpuWithout: number[] = [];
    const cpuOverhead: number[] = [];
    let lastDir = '';
    for (let round = 0; round < SCAN_ROUNDS; round++) {
      const dir = scratch();
      // Alternate which goes first, so a drift in the machine's load falls on both.
      const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      const took: Record<string, number> = {};
      const cpu: Record<string, number> = {};
      for (const variant of order) {
        const r = await cliScan(twin, variant === 'with' ? dir : undefined);
        took[variant] = r.seconds;
        cpu[variant] = r.cpuSeconds;
      }
      withLedger.push(roundTo(took.with!, 3));
      without.push(roundTo(took.without!, 3));
      overhead.push(roundTo(took.with! / took.without! - 1, 4));
      cpuWith.push(roundTo(cpu.with!, 3));
      cpuWithout.push(roundTo(cpu.without!, 3));
      cpuOverhead.push(roundTo(cpu.with! / cpu.without! - 1, 4));
      console.log(`  scan round ${round + 1}: with ledger ${took.with!.toFixed(2)} s (CPU ${cpu.with!.toFixed(2)} s), without ${took.without!.toFixed(2)} s (CPU ${cpu.without!.toFixed(2)} s)`);
      if (lastDir) rmSync(lastDir, { recursive: true, force: true });
      lastDir = dir;
    }
    // What one run recorded, and the physical limit of writing it.
    const ledger = await Ledger.open(join(lastDir, 'ledger.db'), { cwd: lastDir });
    const run = await ledger.db.selectFrom('scan_run').select(['run_id', 'start_seq', 'end_seq']).executeTakeFirstOrThrow();
    const findings = (await ledger.db.selectFrom('finding').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const accounts = (await ledger.db.selectFrom('scan_account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const contents: EntryContent[] = [];
    for await (const row of ledger.entries()) {
      if (row.seq > run.end_seq!) break;
      const { v: _v, seq: _seq, at: _at, ...content } = JSON.parse(Buffer.from(row.body).toString('utf8')) as EntryContent & { v: number; seq: number; at: string };
      contents.push(content as EntryContent);
    }
    await ledger.close();
    rmSync(lastDir, { recursive: true, force: true });
    const limit = appendLimit(contents);
    const appendSeconds = await ledgerAppendSeconds(contents);
    return {
      metrics: {
        accounts,
        findings,
        entriesPerRun: contents.length,
        scanWithLedgerSeconds: median(withLedger),
        scanWithoutLedgerSeconds: median(without),
        recordingOverhead: roundTo(median(overhead), 4),
        'target.recordingOverhead<=0.10': median(overhead) <= 0.1,
        scanCpuWithLedgerSeconds: median(cpuWith),
        scanCpuWithoutLedgerSeconds: median(cpuWithout),
        recordingCpuOverhead: roundTo(median(cpuOverhead), 4),
        ...limit,
        ledgerAppendSeconds: roundTo(appendSeconds, 3),
        ledgerAppendEntriesPerSecond: Math.round(contents.length / appendSeconds),
        appendRatioToRawInsert: roundTo(appendSeconds / Number(limit.rawSqliteInsertSeconds), 2),
      },
      rounds: { scanWithLedgerSeconds: withLedger, scanWithoutLedgerSeconds: without, recordingOverhead: overhead, recordingCpuOverhead: cpuOverhead },
    };
  } finally {
    twinChild.stdin!.end();
  }
}

/** The run's entries through Ledger.append (batches of 5,000, as the recorder writes at most) against raw inserts of the same bytes. */
function appendLimit(contents: EntryContent[]): Record<string, Metric> {
  const dir = scratch();
  try {
    const raw = new Database(join(dir, 'raw.db'));
    raw.pragma('journal_mode = wal');
    raw.pragma('synchronous = full');
    raw.exec('create table entry (seq integer primary key, body blob not null)');
    const bodies = contents.map((c, i) => Buffer.from(JSON.stringify({ v: 1, seq: i, at: new Date().toISOString(), ...c })));
    const insert = raw.prepare('insert into entry (seq, body) values (?, ?)');
    const t0 = performance.now();
    raw.transaction(() => {
      for (const [i, b] of bodies.entries()) insert.run(i, b);
    })();
    const rawSeconds = seconds(t0);
    raw.close();
    return { rawSqliteInsertSeconds: roundTo(rawSeconds, 3), rawSqliteInsertRowsPerSecond: Math.round(bodies.length / rawSeconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ledgerAppendSeconds(contents: EntryContent[]): Promise<number> {
  const dir = scratch();
  const ledger = await Ledger.open(join(dir, 'ledger.db'), { create: true, cwd: dir });
  try {
    const t0 = performance.now();
    for (let i = 0; i < contents.length; i += 5_000) await ledger.append(contents.slice(i, i + 5_000));
    return seconds(t0);
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const decision = (i: number): EntryContent => ({
  kind: 'guard.decision',
  event: 'twilio.outbound.decision',
  level: 'debug',
  fields: { outcome: 'allowed', mode: 'enforce', method: 'POST', path: '/2010-04-01/Accounts/AC…0001/Messages.json', to: '+1212555****', n: i },
});

async function smallAppendMillis(ledger: Ledger, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await ledger.append([decision(i)]);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function verifyAtScale(): Promise<Record<string, Metric>> {
  const dir = scratch();
  const ledger = await Ledger.open(join(dir, 'ledger.db'), { create: true, cwd: dir });
  try {
    const { signer } = ensureSigner(join(dir, 'ledger.key'), ledger.origin);
    const BATCH = 10_000;
    const tBuild = performance.now();
    let appendAt10k = 0;
    for (let n = 0; n < VERIFY_ENTRIES; n += BATCH) {
      await ledger.append(Array.from({ length: Math.min(BATCH, VERIFY_ENTRIES - n) }, (_, i) => decision(n + i)));
      if (n + BATCH === 10_000) appendAt10k = await smallAppendMillis(ledger, 50);
      if ((n + BATCH) % 100_000 === 0) console.log(`  built ${(n + BATCH).toLocaleString('en-US')} entries in ${seconds(tBuild).toFixed(0)} s`);
    }
    const appendAtFull = await smallAppendMillis(ledger, 50);
    const buildSeconds = seconds(tBuild);
    const { checkpointHead } = await import('@chaperone/ledger');
    await checkpointHead(ledger, signer);
    const size = (await ledger.head()).size;

    const tVerify = performance.now();
    const cpuVerify = process.cpuUsage();
    const result = await verifyLedger(ledger, { open: noteOpener(signer.verifierKey) });
    const verifySeconds = seconds(tVerify);
    const verifyCpuSeconds = cpuSecondsSince(cpuVerify);
    if (!result.ok) throw new Error(`verify failed: ${result.problem}`);

    // The limit: the same rows read raw from the same file, and SHA-256 over the same bytes
    // (one leaf hash per entry, one interior hash per entry but one).
    const raw = new Database(join(dir, 'ledger.db'), { readonly: true });
    const cpuLimit = process.cpuUsage();
    const tRead = performance.now();
    let bytes = 0;
    const leaves: Buffer[] = [];
    const prefix = Buffer.of(0);
    let readSeconds = 0;
    const tHash0 = { total: 0 };
    for (const row of raw.prepare('select body from ledger_entry order by seq').iterate() as Iterable<{ body: Buffer }>) {
      bytes += row.body.length;
      const t = performance.now();
      leaves.push(createHash('sha256').update(prefix).update(row.body).digest());
      tHash0.total += performance.now() - t;
    }
    readSeconds = seconds(tRead) - tHash0.total / 1000;
    const tNodes = performance.now();
    let level = leaves;
    const one = Buffer.of(1);
    while (level.length > 1) {
      const up: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(createHash('sha256').update(one).update(level[i]!).update(level[i + 1]!).digest());
      if (level.length % 2) up.push(level[level.length - 1]!);
      level = up;
    }
    const hashSeconds = tHash0.total / 1000 + seconds(tNodes);
    const limitCpuSeconds = cpuSecondsSince(cpuLimit);
    raw.close();
    return {
      verifyEntries: size,
      verifyThreads: verifyThreads(),
      verifySeconds: roundTo(verifySeconds, 2),
      'target.verifySeconds<=30': verifySeconds <= 30,
      verifyEntriesPerSecond: Math.round(size / verifySeconds),
      verifyBuildSeconds: roundTo(buildSeconds, 1),
      verifyBytes: bytes,
      rawReadSeconds: roundTo(readSeconds, 2),
      rawSha256Seconds: roundTo(hashSeconds, 2),
      verifyRatioToReadPlusHash: roundTo(verifySeconds / (readSeconds + hashSeconds), 2),
      verifyCpuSeconds: roundTo(verifyCpuSeconds, 2),
      readPlusHashCpuSeconds: roundTo(limitCpuSeconds, 2),
      verifyCpuRatioToReadPlusHash: roundTo(verifyCpuSeconds / limitCpuSeconds, 2),
      appendMillisAt10k: roundTo(appendAt10k, 3),
      [`appendMillisAt${size >= 1_000_000 ? '1M' : size}`]: roundTo(appendAtFull, 3),
      appendMillisFullOver10k: roundTo(appendAtFull / appendAt10k, 2),
    };
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const outboundRequest = (i: number) => ({
  method: 'post',
  uri: 'https://api.twilio.com/2010-04-01/Accounts/AC' + 'a'.repeat(32) + '/Messages.json',
  data: { To: `+1212555${String(1000 + (i % 5000)).padStart(4, '0')}`, From: '+14155550123', Body: 'Reminder: appointment Tue 9:30', StatusCallback: 'https://clinic.example.com/status' },
});

type SinkVariant = 'ledger' | 'noop' | 'none';

/**
 * Offers decisions at SINK_RATE per second (a tick every 10 ms); p99 of inspect and of the
 * event loop's delay. Variants: the ledger sink; a sink that does nothing (the guard builds
 * each decision's event only when it has a sink, so this is the guard's own cost of having
 * one); no sink at all.
 */
async function guardUnderLoad(variant: SinkVariant): Promise<{ inspectP99Micros: number; loopDelayP99Millis: number; recordedPerSecond?: number; dropped?: number }> {
  const dir = scratch();
  const ledger = variant === 'ledger' ? await Ledger.open(join(dir, 'ledger.db'), { create: true, cwd: dir }) : undefined;
  const sink = ledger ? ledgerSink(ledger) : undefined;
  const noop = variant === 'noop' ? () => undefined : undefined;
  const policy = createOutboundPolicy({ mode: 'enforce', ...(sink ? { sink } : noop ? { sink: noop } : {}) });
  try {
    for (let i = 0; i < 20_000; i++) policy.inspect(outboundRequest(i));
    if (sink) await sink.flush();
    const before = sink?.stats.recorded ?? 0;
    const samples: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const perTick = SINK_RATE / 100;
    const t0 = performance.now();
    for (let sent = 0; sent < SINK_DECISIONS; ) {
      for (let i = 0; i < perTick; i++, sent++) {
        const t = process.hrtime.bigint();
        policy.inspect(outboundRequest(sent));
        samples.push(Number(process.hrtime.bigint() - t) / 1000);
      }
      // Next tick at its slot (10 ms per tick), as requests arriving at a steady rate would.
      const due = t0 + ((sent / perTick) * 10);
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
    if (sink) await sink.flush();
    const elapsed = seconds(t0);
    delay.disable();
    samples.sort((a, b) => a - b);
    return {
      inspectP99Micros: roundTo(samples[Math.floor(samples.length * 0.99)]!, 2),
      loopDelayP99Millis: roundTo(delay.percentile(99) / 1e6, 2),
      ...(sink ? { recordedPerSecond: Math.round((sink.stats.recorded - before) / elapsed), dropped: sink.stats.dropped } : {}),
    };
  } finally {
    await sink?.close();
    await ledger?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How fast the sink records when decisions come as fast as the app can make them (batches of
 * 1,000 per tick), the app holding back only while the sink has 20,000 pending (so the figure
 * is the writer's rate, not how many the bounded queue dropped).
 */
async function sinkThroughput(): Promise<{ perSecond: number; perCpuSecond: number; dropped: number }> {
  const dir = scratch();
  const ledger = await Ledger.open(join(dir, 'ledger.db'), { create: true, cwd: dir });
  const sink = ledgerSink(ledger);
  const policy = createOutboundPolicy({ mode: 'enforce', sink });
  try {
    policy.inspect(outboundRequest(0));
    await sink.flush(); // the writer thread started
    const before = sink.stats.recorded;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let sent = 0; sent < SINK_DECISIONS; ) {
      for (let i = 0; i < 1_000; i++, sent++) policy.inspect(outboundRequest(sent));
      await new Promise((r) => setImmediate(r));
      while (sink.stats.pending > 20_000) await new Promise((r) => setTimeout(r, 1));
    }
    await sink.flush();
    const recorded = sink.stats.recorded - before;
    return { perSecond: Math.round(recorded / seconds(t0)), perCpuSecond: Math.round(recorded / cpuSecondsSince(cpu0)), dropped: sink.stats.dropped };
  } finally {
    await sink.close();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function guardSink(): Promise<{ metrics: Record<string, Metric>; rounds: Record<string, number[]> }> {
  const rounds = {
    inspectP99MicrosWithSink: [] as number[],
    inspectP99MicrosNoopSink: [] as number[],
    inspectP99MicrosWithout: [] as number[],
    loopDelayP99MillisWithSink: [] as number[],
    loopDelayP99MillisNoopSink: [] as number[],
    loopDelayP99MillisWithout: [] as number[],
    sinkDecisionsPerSecond: [] as number[],
    sinkDecisionsPerCpuSecond: [] as number[],
  };
  const name = { ledger: 'WithSink', noop: 'NoopSink', none: 'Without' } as const;
  let dropped = 0;
  for (let round = 0; round < 3; round++) {
    // Rotate which goes first, so a drift in the machine's load falls on each alike.
    const variants: SinkVariant[] = ['ledger', 'noop', 'none'];
    const order = [...variants.slice(round), ...variants.slice(0, round)];
    for (const variant of order) {
      const r = await guardUnderLoad(variant);
      rounds[`inspectP99Micros${name[variant]}`].push(r.inspectP99Micros);
      rounds[`loopDelayP99Millis${name[variant]}`].push(r.loopDelayP99Millis);
      dropped += r.dropped ?? 0;
    }
    const t = await sinkThroughput();
    rounds.sinkDecisionsPerSecond.push(t.perSecond);
    rounds.sinkDecisionsPerCpuSecond.push(t.perCpuSecond);
    dropped += t.dropped;
    console.log(`  sink round ${round + 1}: ${t.perSecond.toLocaleString('en-US')} decisions/s recorded (${t.perCpuSecond.toLocaleString('en-US')} per CPU second)`);
  }
  const m = (k: keyof typeof rounds) => median(rounds[k]);
  return {
    metrics: {
      sinkDecisionsPerSecond: m('sinkDecisionsPerSecond'),
      'target.sinkDecisionsPerSecond>=20000': m('sinkDecisionsPerSecond') >= 20_000,
      sinkDecisionsPerCpuSecond: m('sinkDecisionsPerCpuSecond'),
      sinkDropped: dropped,
      offeredDecisionsPerSecond: SINK_RATE,
      inspectP99MicrosWithSink: m('inspectP99MicrosWithSink'),
      inspectP99MicrosNoopSink: m('inspectP99MicrosNoopSink'),
      inspectP99MicrosWithout: m('inspectP99MicrosWithout'),
      'target.inspectP99WithSinkOverNoopSink<=1.10': m('inspectP99MicrosWithSink') <= 1.1 * m('inspectP99MicrosNoopSink'),
      loopDelayP99MillisWithSink: m('loopDelayP99MillisWithSink'),
      loopDelayP99MillisNoopSink: m('loopDelayP99MillisNoopSink'),
      loopDelayP99MillisWithout: m('loopDelayP99MillisWithout'),
    },
    rounds,
  };
}

async function main(): Promise<void> {
  console.log(`ledger: guard sink (${SINK_DECISIONS.toLocaleString('en-US')} decisions, 3 rounds)...`);
  const sink = await guardSink();
  console.log(`ledger: verify of ${VERIFY_ENTRIES.toLocaleString('en-US')} entries...`);
  const verify = await verifyAtScale();
  console.log(`  verify ${verify.verifySeconds} s; read + SHA-256 ${verify.rawReadSeconds} + ${verify.rawSha256Seconds} s`);
  console.log(`ledger: scan of ${SUBACCOUNTS} subaccounts x ${RESOURCES} resources, with and without the ledger, ${SCAN_ROUNDS} rounds...`);
  const scan = await scanOverhead();
  const file = writeBenchResult('ledger', {
    method:
      `(1) chaperone scan (the CLI as npm installs it, built first: dist/ JavaScript in a child process) of a generated organisation (${SUBACCOUNTS} subaccounts x ${RESOURCES} resources, seed 12, no latency) on the twin (another child), with the ledger (fresh SQLite file, WAL, synchronous=FULL, signed checkpoint at the end) and with --no-ledger, ${SCAN_ROUNDS} alternating rounds after one warm-up scan; overhead = with/without - 1 per round, median. Limit: that run's entries inserted raw (one prepared INSERT each, one transaction) against Ledger.append in the recorder's largest batches, 5,000. ` +
      `(2) ${VERIFY_ENTRIES.toLocaleString('en-US')} guard-decision entries appended 10,000 at a time, one checkpoint, then verifyLedger (every leaf, body canonical form, tree head, signature, projection rows; ranges of 5,000 entries over ${verifyThreads()} worker threads, the tree on the main thread) timed alone; limit = reading the same rows raw plus SHA-256 of every leaf and interior node, on one thread. ` +
      `(3) median of 50 one-entry appends at 10,000 entries and at the full size. ` +
      `(4) createOutboundPolicy with ledgerSink, with a sink that does nothing (the guard builds a decision's event only when it has a sink: the guard's own cost of having one) and with none: ${SINK_DECISIONS.toLocaleString('en-US')} decisions offered at ${SINK_RATE.toLocaleString('en-US')}/s (a tick every 10 ms), p99 of inspect() and of the event-loop delay, 3 alternating rounds; throughput = decisions offered 1,000 per tick as fast as they come (held back only while 20,000 are pending), until flushed; the sink appends on its writer thread.`,
    metrics: { ...scan.metrics, ...verify, ...sink.metrics },
    rounds: { ...scan.rounds, ...sink.rounds },
  });
  console.log(`wrote ${file}`);
}

// Dispatch last: the functions and constants above are initialised by then.
if (process.argv.includes('--twin-child')) {
  const { startTwin } = await import('@chaperone/twin');
  const twin = await startTwin({ generate: { subaccounts: SUBACCOUNTS, resources: RESOURCES, seed: 12 } });
  process.stdout.write(JSON.stringify({ baseUrl: twin.baseUrl, master: twin.master } satisfies TwinInfo) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => void twin.close().then(() => process.exit(0)));
} else {
  await main();
}
