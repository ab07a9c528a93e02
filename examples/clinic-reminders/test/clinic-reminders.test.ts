import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardTwilio, twilioRedaction } from '@chaperone/guard';
import { startTwin, twinHttpClient, type Twin } from '@chaperone/twin';
import { sampleAppointments, type Appointment } from '../src/appointments.ts';
import { createClinicApp } from '../src/app.ts';

const PUBLIC_URL = 'https://clinic.example.com';
const ADMIN = 'admin-token-for-tests';
const PHI = ['Maria', 'Lopez', 'Okafor', 'Tremblay', 'Souza', '2125550123', '4155550188', '6045550142', '3055550111'];

describe('clinic-reminders against the Twilio twin', () => {
  let twin: Twin;
  let server: Server;
  let base: string;
  let client: twilio.Twilio;
  let appointments: Appointment[];
  const logLines: string[] = [];

  beforeAll(async () => {
    twin = await startTwin({});
    client = twilio(twin.master.accountSid, twin.master.authToken, { httpClient: twinHttpClient(twin.baseUrl) });
    const logger = pino({ redact: twilioRedaction(), level: 'debug' }, { write: (l: string) => logLines.push(l) });
    guardTwilio(client, { sink: logger });
    appointments = sampleAppointments();
    const app = createClinicApp({ twilioClient: client, authToken: twin.master.authToken, publicUrl: PUBLIC_URL, fromNumber: '+16175550100', adminToken: ADMIN, logger, appointments });
    server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await twin.close();
  });

  const admin = { authorization: `Bearer ${ADMIN}` };
  const signedPost = (path: string, params: Record<string, string>, extra: Record<string, string> = {}) =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(twin.master.authToken, PUBLIC_URL + path, params), ...extra },
      body: new URLSearchParams(params),
    });

  it('sends reminders to US numbers through the guard and refuses Vancouver and WhatsApp before they leave', async () => {
    expect((await fetch(`${base}/reminders/run`, { method: 'POST' })).status).toBe(401);
    const run = await (await fetch(`${base}/reminders/run`, { method: 'POST', headers: admin })).json();
    expect(run.refused).toEqual([
      { appointmentId: 'apt-1003', controlId: 'TW-SMS-US-ONLY' },
      { appointmentId: 'apt-1004', controlId: 'TW-SMS-CHANNELS' },
    ]);
    expect(run.sent.map((s: { appointmentId: string }) => s.appointmentId)).toEqual(['apt-1001', 'apt-1002']);
    // The twin only ever saw the two allowed messages.
    const inTwin = await client.messages.list({ limit: 50 });
    expect(inTwin.map((m) => m.sid).sort()).toEqual(run.sent.map((s: { messageSid: string }) => s.messageSid).sort());
    expect(inTwin.every((m) => m.to.startsWith('+1212') || m.to.startsWith('+1415'))).toBe(true);
  });

  it('accepts a signed reply, confirms the appointment and answers checked TwiML; refuses forged ones and acknowledges a retry without processing it', async () => {
    const reply = { MessageSid: 'SM0123456789abcdef0123456789abcdef', AccountSid: twin.master.accountSid, From: '+12125550123', To: '+16175550100', Body: 'c' };
    const ok = await signedPost('/twilio/sms', reply, { 'i-twilio-idempotency-token': 'idem-reply-1' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<Message>Thank you, your appointment is confirmed.</Message>');
    expect(appointments.find((a) => a.id === 'apt-1001')!.status).toBe('confirmed');
    // Twilio's retry of the same event is acknowledged (200, empty TwiML), not processed again.
    const retry = await signedPost('/twilio/sms', reply, { 'i-twilio-idempotency-token': 'idem-reply-1' });
    expect(retry.status).toBe(200);
    expect(await retry.text()).not.toContain('<Message>');
    const forged = await fetch(`${base}/twilio/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }, body: new URLSearchParams({ ...reply, From: '+14155550188' }) });
    expect(forged.status).toBe(403);
    expect(appointments.find((a) => a.id === 'apt-1002')!.status).toBe('reminded');
  });

  it('records signed delivery status callbacks', async () => {
    const sid = appointments.find((a) => a.id === 'apt-1002')!.reminderSid!;
    expect((await signedPost('/twilio/status', { MessageSid: sid, MessageStatus: 'delivered', AccountSid: twin.master.accountSid })).status).toBe(204);
    const statuses = await (await fetch(`${base}/appointments`, { headers: admin })).json();
    expect(statuses.find((s: { id: string }) => s.id === 'apt-1002')).toMatchObject({ status: 'reminded', deliveryStatus: 'delivered' });
    expect(JSON.stringify(statuses)).not.toMatch(new RegExp(PHI.join('|')));
  });

  it('logged no patient name, number or message text', () => {
    expect(logLines.length).toBeGreaterThan(5);
    const all = logLines.join('\n');
    for (const secret of [...PHI, twin.master.authToken, 'appointment on']) expect(all).not.toContain(secret);
    expect(all).toContain('+1212555****');
  });
});

describe('one-command start', () => {
  it('`npm start` without credentials runs the twin demo end to end', async () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn('npm', ['start', '-s'], { cwd, env: { ...process.env, TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', DEMO_EXIT: '1', PORT: '0' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, out).toBe(0);
    expect(out).toContain('using the local Twilio twin');
    expect(out).toMatch(/signed reply {2}-> 200/);
    expect(out).toMatch(/replayed reply-> 200/);
    expect(out).toMatch(/forged reply {2}-> 403/);
    expect(out).toContain('"refusedBy":"TW-SMS-US-ONLY"');
    for (const secret of PHI) expect(out).not.toContain(secret);
  });

  it('refuses live mode without an https PUBLIC_URL, with a one-line error', async () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn('npm', ['start', '-s'], { cwd, env: { ...process.env, TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef', TWILIO_AUTH_TOKEN: 'live-token-secret', PUBLIC_URL: 'http://insecure.example.com', PORT: '0' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(err.trim().split('\n').filter((l) => l.startsWith('clinic-reminders:'))).toEqual(['clinic-reminders: PUBLIC_URL must be the https URL Twilio calls (e.g. your tunnel), such as PUBLIC_URL=https://abc.ngrok.app']);
    expect(err).not.toContain('live-token-secret');
  });
});
