// Guard overhead. (1) Webhook verifications per second through the Express adapter
// (`twilioWebhook`: bounded raw-body read, https URL rebuild, SDK signature check, replay
// store) against the bare SDK recipe (`express.urlencoded` + `twilio.validateRequest`),
// same Express app shape, same HTTP load generator, same process, alternating rounds.
// (2) The time the outbound policy adds to one SDK request (all default rules), p50/p99.
import { createServer, Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';
import { createOutboundPolicy, twilioWebhook } from '@chaperone/guard';
import { writeBenchResult } from './result.ts';

const TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC = 'https://clinic.example.com';
const REQUESTS = Number(process.env.GUARD_BENCH_REQUESTS ?? 6_000);
const CONCURRENCY = 16;
const ROUNDS = 5;
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

let serial = 0;
async function load(port: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let sent = 0;
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
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (sent < REQUESTS) {
      sent++;
      await one();
    }
  }));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return REQUESTS / seconds;
}

async function webhookBench(): Promise<{ guarded: number; bare: number; ratio: number }> {
  const guarded = await listen(guardedApp());
  const bare = await listen(bareApp());
  await load(guarded.port); // warm-up
  await load(bare.port);
  // Alternate the two apps and keep each round's ratio: the machine is shared, so the
  // median ratio of back-to-back rounds is steadier than either absolute figure.
  const rounds: Array<{ guarded: number; bare: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 ? bare : guarded;
    const second = round % 2 ? guarded : bare;
    const a = await load(first.port);
    const b = await load(second.port);
    rounds.push(round % 2 ? { guarded: b, bare: a } : { guarded: a, bare: b });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const best = { guarded: median(rounds.map((r) => r.guarded)), bare: median(rounds.map((r) => r.bare)), ratio: median(rounds.map((r) => r.guarded / r.bare)) };
  guarded.server.close();
  bare.server.close();
  return best;
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

const web = await webhookBench();
const out = outboundBench(false);
const cold = outboundBench(true);
const metrics = {
  webhookRequests: REQUESTS,
  webhookGuardedPerSec: Math.round(web.guarded),
  webhookBareValidateRequestPerSec: Math.round(web.bare),
  webhookRatioVsValidateRequest: Number(web.ratio.toFixed(3)),
  outboundP50Micros: Number(out.p50.toFixed(2)),
  outboundP99Micros: Number(out.p99.toFixed(2)),
  outboundColdNumbersP50Micros: Number(cold.p50.toFixed(2)),
  outboundColdNumbersP99Micros: Number(cold.p99.toFixed(2)),
};
console.log(metrics);
console.log(`written to ${writeBenchResult('guard', metrics)}`);
