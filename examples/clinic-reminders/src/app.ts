import { timingSafeEqual, createHash } from 'node:crypto';
import express from 'express';
import type { Logger } from 'pino';
import twilio from 'twilio';
import { HipaaPolicyError, assertTwiml, twilioWebhook, type ReplayStore, type WebhookParams } from '@chaperone/guard';
import { formatSlot, type Appointment } from './appointments.ts';

export interface ClinicConfig {
  /** A twilio client already wrapped by guardTwilio (or created with guardedHttpClient). */
  twilioClient: twilio.Twilio;
  /** The auth token Twilio signs webhooks with. */
  authToken: string;
  /** The https origin Twilio calls (tunnel or load balancer), e.g. https://clinic.example.com. */
  publicUrl: string;
  fromNumber: string;
  adminToken: string;
  logger: Logger;
  appointments: Appointment[];
  replayStore?: ReplayStore;
}

export interface ReminderRun {
  sent: Array<{ appointmentId: string; messageSid: string }>;
  refused: Array<{ appointmentId: string; controlId: string }>;
}

export function createClinicApp(config: ClinicConfig): express.Express {
  const app = express();
  const guard = twilioWebhook({ authToken: config.authToken, publicUrl: config.publicUrl, sink: config.logger, replayStore: config.replayStore });

  // Inbound SMS: verified before anything reads it; replies are checked TwiML.
  app.post('/twilio/sms', guard, (req, res) => {
    const params = req.body as WebhookParams;
    const from = String(params['From'] ?? '');
    const answer = String(params['Body'] ?? '').trim().toUpperCase();
    const appointment = config.appointments.find((a) => a.contact === from && (a.status === 'reminded' || a.status === 'scheduled'));
    const reply = new twilio.twiml.MessagingResponse();
    if (!appointment) reply.message('We could not find an upcoming appointment for this number. Please call the clinic.');
    else if (answer === 'C' || answer === 'YES') {
      appointment.status = 'confirmed';
      reply.message('Thank you, your appointment is confirmed.');
    } else if (answer === 'R') {
      appointment.status = 'reschedule-requested';
      reply.message('A coordinator will call you to find a new time.');
    } else reply.message('Reply C to confirm or R to reschedule.');
    config.logger.info({ event: 'sms.inbound', MessageSid: params['MessageSid'], From: from, Body: params['Body'], appointmentId: appointment?.id, outcome: appointment?.status }, 'inbound reply');
    res.type('text/xml').send(assertTwiml(reply));
  });

  // Delivery status callbacks, also signed.
  app.post('/twilio/status', guard, (req, res) => {
    const params = req.body as WebhookParams;
    const appointment = config.appointments.find((a) => a.reminderSid === params['MessageSid']);
    if (appointment) appointment.deliveryStatus = String(params['MessageStatus'] ?? '');
    config.logger.info({ event: 'sms.status', MessageSid: params['MessageSid'], MessageStatus: params['MessageStatus'] }, 'delivery status');
    res.status(204).end();
  });

  // Staff trigger: send reminders for every scheduled appointment.
  app.post('/reminders/run', requireAdmin(config.adminToken), async (_req, res, next) => {
    try {
      res.json(await sendReminders(config));
    } catch (error) {
      next(error);
    }
  });

  // Staff view: statuses by appointment id; no names or numbers leave through this route.
  app.get('/appointments', requireAdmin(config.adminToken), (_req, res) => {
    res.json(config.appointments.map(({ id, status, reminderSid, deliveryStatus, refusedBy }) => ({ id, status, reminderSid, deliveryStatus, refusedBy })));
  });

  return app;
}

export async function sendReminders(config: ClinicConfig): Promise<ReminderRun> {
  const run: ReminderRun = { sent: [], refused: [] };
  for (const appointment of config.appointments.filter((a) => a.status === 'scheduled')) {
    try {
      // Minimum necessary: no diagnosis, no provider, no name in the text.
      const message = await config.twilioClient.messages.create({
        to: appointment.contact,
        from: config.fromNumber,
        body: `Reminder: you have a clinic appointment on ${formatSlot(appointment.startsAt)}. Reply C to confirm or R to reschedule.`,
        statusCallback: `${config.publicUrl}/twilio/status`,
      });
      appointment.status = 'reminded';
      appointment.reminderSid = message.sid;
      run.sent.push({ appointmentId: appointment.id, messageSid: message.sid });
    } catch (error) {
      if (!(error instanceof HipaaPolicyError)) throw error;
      appointment.status = 'reminder-refused';
      appointment.refusedBy = error.controlId;
      run.refused.push({ appointmentId: appointment.id, controlId: error.controlId });
      config.logger.warn({ event: 'reminder.refused', appointmentId: appointment.id, controlId: error.controlId }, 'reminder not sent: the HIPAA guard refused it');
    }
  }
  return run;
}

function requireAdmin(token: string): express.RequestHandler {
  const expected = createHash('sha256').update(token).digest();
  return (req, res, next) => {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (timingSafeEqual(createHash('sha256').update(given).digest(), expected)) return next();
    res.status(401).json({ error: 'admin token required (Authorization: Bearer $ADMIN_TOKEN)' });
  };
}
