// Guard overhead. (1) Webhook verifications per second through the Express adapter
// (`twilioWebhook`: bounded raw-body read, https URL rebuild, SDK signature check, replay
// store) against the bare SDK recipe (`express.urlencoded` + `twilio.validateRequest`),
// same Express app shape, same HTTP load generator (in a child process), alternating rounds.
// (2) The time the outbound policy adds to one SDK request (all default rules), p50/p99.
import { fork } from 'node:child_process';
import { createServer, Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import twilio from 'twilio';
import { createOutboundPolicy, twilioWebhook } from '@chaperone/guard';
import { median, roundTo, writeBenchResult } from './result.ts';

const TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC = 'https://clinic.example.com';
const REQUESTS = Number(process.env.GUARD_BENCH_REQUESTS ?? 6_000);
const CONCURRENCY = 16;
const ROUNDS = Number(process.env.GUARD_BENCH_ROUNDS ?? 7);
const OUTBOUND_ROUNDS = 3;
const params = { AccountSid: 'AC' + 'a'.repeat(32), MessageSid: 'SM' + 'b'.repeat(32), From: '+14155550123', To: '+12125550100', Body: 'Reminder reply C', NumMedia: '0', SmsStatus: 'received', ApiVersion: '2010-04-01' };
const body = new URLSearchParams(params).toString();
const signature = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/sms`, params);

function guardedApp(): express.Express {
  const app = express();
  // Replay protection stays on (default memory store): every request carries a fresh token.
  app.post('/sms', twilioWebhook({ authToken: TOKEN, publicUrl: PUBLIC }), (_req, res) => { res.type('text/xml').send('<Response/>'); });
  return app;
}

function bareApp(): express.Express {
  const app = express();
  app.post('/sms', express.urlencoded({ extended: false }), (req, res) => {
    const ok = twilio.validateRequest(TOKEN, req.get('x-twilio-signature') ?? '', PUBLIC + req.originalUrl, req.body as Record<string, string>);
    if (!ok) return void res.status(403).end();
    res.type('text/xml').send('<Response/>');
  });
  return app;
}

async function listen(app: express.Express): Promise<{ server: Server; port: number }> {
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, port: (server.address() as AddressInfo).port };
}

// The load generator runs in a child process (this file with --load-child), so the
// servers measured here do not share their event loop with the client that drives them.
interface LoadJob {
  port: number;
  requests: number;
  first: number;
}

async function loadChild(): Promise<void> {
  process.on('message', (job: LoadJob) => {
    void runLoad(job).then((perSec) => process.send!(perSec));
  });
}

async function runLoad({ port, requests, first }: LoadJob): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let sent = 0;
  let serial = first;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/sms', method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature, 'i-twilio-idempotency-token': `bench-${++serial}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        res.resume().on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < requests) {
        sent++;
        await one();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return requests / seconds;
}

function startLoadGenerator(): { load: (port: number) => Promise<number>; stop: () => void } {
  const child = fork(fileURLToPath(import.meta.url), ['--load-child'], { execArgv: ['--import', 'tsx'] });
  let first = 0;
  return {
    load: (port) =>
      new Promise<number>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (perSec) => {
          child.off('exit', onExit);
          resolve(perSec as number);
        });
        child.send({ port, requests: REQUESTS, first } satisfies LoadJob);
        first += REQUESTS; // idempotency tokens stay fresh across rounds (replay protection is on)
      }),
    stop: () => child.kill(),
  };
}

interface WebhookRounds {
  guarded: number[];
  bare: number[];
  ratio: number[];
}

async function webhookBench(): Promise<WebhookRounds> {
  const guarded = await listen(guardedApp());
  const bare = await listen(bareApp());
  const generator = startLoadGenerator();
  try {
    await generator.load(guarded.port); // warm-up, both servers and the generator
    await generator.load(bare.port);
    // Alternate which app goes first and keep each round's ratio: the machine is shared, so
    // the median of back-to-back ratios is steadier than either absolute figure.
    const rounds: WebhookRounds = { guarded: [], bare: [], ratio: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const guardedFirst = round % 2 === 0;
      const a = await generator.load(guardedFirst ? guarded.port : bare.port);
      const b = await generator.load(guardedFirst ? bare.port : guarded.port);
      const [g, x] = guardedFirst ? [a, b] : [b, a];
      rounds.guarded.push(Math.round(g));
      rounds.bare.push(Math.round(x));
      rounds.ratio.push(roundTo(g / x, 3));
    }
    return rounds;
  } finally {
    generator.stop();
    guarded.server.close();
    bare.server.close();
  }
}

// A clinic's traffic: one sender, 5,000 patients drawn at random (so the guard's number
// cache sees repeats, as it would in production), plus a run where every number is new.
function outboundBench(distinctEveryTime: boolean): { p50: number; p99: number } {
  const policy = createOutboundPolicy({ mode: 'enforce' });
  const patients = Array.from({ length: 5_000 }, (_, i) => `+1212555${String(1000 + i).padStart(4, '0')}`);
  let serialNumber = 0;
  const nextTo = () => (distinctEveryTime ? `+1${['212', '415', '617', '312'][serialNumber % 4]}${String(2_000_000 + (serialNumber++ % 7_000_000)).padStart(7, '0')}` : patients[Math.floor(Math.random() * patients.length)]!);
  const make = () => ({
    method: 'post',
    uri: `https://api.twilio.com/2010-04-01/Accounts/${params.AccountSid}/Messages.json`,
    data: { To: nextTo(), From: '+14155550123', Body: 'Reminder: appointment Tue 9:30', StatusCallback: 'https://clinic.example.com/status' },
  });
  for (let i = 0; i < 20_000; i++) policy.inspect(make());
  const samples = new Float64Array(100_000);
  for (let i = 0; i < samples.length; i++) {
    const opts = make();
    const t = process.hrtime.bigint();
    const verdict = policy.inspect(opts);
    samples[i] = Number(process.hrtime.bigint() - t) / 1000;
    if (!verdict.send) throw new Error('bench request was refused');
  }
  samples.sort();
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p99: samples[Math.floor(samples.length * 0.99)]! };
}

async function main(): Promise<void> {
  const web = await webhookBench();
  const warm: number[] = [];
  const cold: number[] = [];
  const warmP50: number[] = [];
  const coldP50: number[] = [];
  for (let round = 0; round < OUTBOUND_ROUNDS; round++) {
    const w = outboundBench(false);
    const c = outboundBench(true);
    warm.push(roundTo(w.p99));
    warmP50.push(roundTo(w.p50));
    cold.push(roundTo(c.p99));
    coldP50.push(roundTo(c.p50));
  }
  const metrics = {
    webhookRequestsPerRound: REQUESTS,
    webhookConcurrency: CONCURRENCY,
    webhookGuardedPerSec: median(web.guarded),
    webhookBareValidateRequestPerSec: median(web.bare),
    webhookRatioVsValidateRequest: median(web.ratio),
    outboundWarmP50Micros: median(warmP50),
    outboundWarmP99Micros: median(warm),
    outboundColdP50Micros: median(coldP50),
    outboundColdP99Micros: median(cold),
  };
  const rounds = {
    webhookRatioVsValidateRequest: web.ratio,
    webhookGuardedPerSec: web.guarded,
    webhookBareValidateRequestPerSec: web.bare,
    outboundWarmP99Micros: warm,
    outboundColdP99Micros: cold,
  };
  console.log(metrics, rounds);
  console.log(`written to ${writeBenchResult('guard', { method: METHOD, metrics, rounds })}`);
}

const METHOD =
  `Webhook: verifications/s through the Express adapter (twilioWebhook, replay store on) against the bare SDK recipe (express.urlencoded + twilio.validateRequest), both servers in this process, ` +
  `the load generator (node:http keep-alive, ${CONCURRENCY} in flight, ${REQUESTS} signed POSTs per round) in a child process; ${ROUNDS} alternating rounds after one warm-up each, ratio = median of per-round guarded/bare. ` +
  `Outbound: time policy.inspect() adds to one SDK request (all default rules), 100,000 samples per round after 20,000 warm-up calls, median of ${OUTBOUND_ROUNDS} rounds; ` +
  'warm = 5,000 patients drawn at random (the verdict cache sees repeats), cold = every number new (a daily run to distinct patients).';

if (process.argv.includes('--load-child')) await loadChild();
else await main();
