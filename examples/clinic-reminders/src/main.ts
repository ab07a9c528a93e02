// One command: `npm start -w examples/clinic-reminders`.
// With TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN / PUBLIC_URL / TWILIO_FROM set it talks to
// Twilio; without them it starts the local Twilio twin in-process and runs a short demo.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import twilio from 'twilio';
import { guardTwilio, twilioRedaction } from '@chaperone/guard';
import { startTwin, twinHttpClient } from '@chaperone/twin';
import { sampleAppointments } from './appointments.ts';
import { createClinicApp, type ClinicConfig } from './app.ts';

const logger = pino({ redact: twilioRedaction() });
const env = process.env;
const live = Boolean(env['TWILIO_ACCOUNT_SID'] && env['TWILIO_AUTH_TOKEN']);

async function main(): Promise<number> {
  let close = async (): Promise<void> => {};
  let client: twilio.Twilio;
  let authToken: string;
  if (live) {
    if (!env['PUBLIC_URL']?.startsWith('https://')) return fail('PUBLIC_URL must be the https URL Twilio calls (e.g. your tunnel), such as PUBLIC_URL=https://abc.ngrok.app');
    if (!env['TWILIO_FROM']) return fail('TWILIO_FROM must be your US Twilio number in E.164, such as TWILIO_FROM=+16175550100');
    client = twilio(env['TWILIO_ACCOUNT_SID'], env['TWILIO_AUTH_TOKEN']);
    authToken = env['TWILIO_AUTH_TOKEN']!;
  } else {
    const twin = await startTwin({});
    client = twilio(twin.master.accountSid, twin.master.authToken, { httpClient: twinHttpClient(twin.baseUrl) });
    authToken = twin.master.authToken;
    close = () => twin.close();
    console.log(`No Twilio credentials: using the local Twilio twin at ${twin.baseUrl}`);
  }
  guardTwilio(client, { mode: 'enforce', sink: logger });
  const adminToken = env['ADMIN_TOKEN'] ?? randomBytes(16).toString('hex');
  const config: ClinicConfig = {
    twilioClient: client,
    authToken,
    publicUrl: (env['PUBLIC_URL'] ?? 'https://clinic-reminders.example').replace(/\/+$/, ''),
    fromNumber: env['TWILIO_FROM'] ?? '+16175550100',
    adminToken,
    logger,
    appointments: sampleAppointments(),
  };
  const server = createClinicApp(config).listen(Number(env['PORT'] ?? 3000), '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(`clinic-reminders listening on ${local} (public URL ${config.publicUrl})`);
  if (!env['ADMIN_TOKEN']) console.log('ADMIN_TOKEN was not set; a random one was generated for this run');

  const shutdown = async () => {
    server.close();
    await close();
  };
  if (!live) await demo(local, config);
  if (env['DEMO_EXIT'] === '1' || (live && env['RUN_ONCE'] === '1')) {
    await shutdown();
    return 0;
  }
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  return -1;
}

// Plays Twilio's part against the running app: reminders out through the guard, then a
// signed reply in, a forged one and a replay.
async function demo(local: string, config: ClinicConfig): Promise<void> {
  const run = await fetch(`${local}/reminders/run`, { method: 'POST', headers: { authorization: `Bearer ${config.adminToken}` } }).then((r) => r.json());
  console.log('reminders:', JSON.stringify(run));
  const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: 'AC' + '0'.repeat(32), From: config.appointments[0]!.contact, To: config.fromNumber, Body: 'C' };
  const url = `${config.publicUrl}/twilio/sms`;
  const signature = twilio.getExpectedTwilioSignature(config.authToken, url, params);
  const send = (sig: string) =>
    fetch(`${local}/twilio/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig, 'i-twilio-idempotency-token': params.MessageSid }, body: new URLSearchParams(params) });
  console.log('signed reply  ->', (await send(signature)).status);
  console.log('replayed reply->', (await send(signature)).status);
  console.log('forged reply  ->', (await send('forged' + signature.slice(6))).status);
  const statuses = await fetch(`${local}/appointments`, { headers: { authorization: `Bearer ${config.adminToken}` } }).then((r) => r.json());
  console.log('appointments:', JSON.stringify(statuses));
}

function fail(message: string): number {
  console.error(`clinic-reminders: ${message}`);
  return 2;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`clinic-reminders: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
