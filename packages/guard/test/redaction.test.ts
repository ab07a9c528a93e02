import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sanitizeForSupport, twilioRedaction } from '../src/index.ts';

const inbound = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+14155550123',
  To: '+12125550100',
  Body: 'Maria Lopez DOB 04/12/1961 needs her insulin refill',
  NumMedia: '2',
  MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1',
  MediaUrl1: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME2',
  FromCity: 'SAN FRANCISCO',
  FromZip: '94107',
  Caller: '+14155550123',
};

function capture(log: (logger: pino.Logger) => void): string {
  const lines: string[] = [];
  const logger = pino({ redact: twilioRedaction({ extraPaths: ['req.body.PatientName'] }) }, { write: (l: string) => lines.push(l) });
  log(logger);
  return lines.join('');
}

describe('pino redaction preset', () => {
  it('masks numbers (last four hidden) and removes bodies, media and location, top level and nested', () => {
    const out = capture((logger) => {
      logger.info(inbound, 'inbound sms');
      logger.info({ req: { body: { ...inbound, PatientName: 'Maria Lopez' } } }, 'request');
      logger.info({ message: { sid: inbound.MessageSid, body: inbound.Body, from: inbound.From, to: inbound.To } }, 'sdk resource');
    });
    for (const secret of ['+14155550123', '4155550123', '+12125550100', 'Maria', 'insulin', '94107', 'SAN FRANCISCO', '/Media/ME1']) expect(out).not.toContain(secret);
    const [top, nested, resource] = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(top).toMatchObject({ From: '+1415555****', To: '+1212555****', Caller: '+1415555****', Body: '[REDACTED]', MediaUrl0: '[REDACTED]', MediaUrl1: '[REDACTED]', FromZip: '[REDACTED]', MessageSid: inbound.MessageSid, NumMedia: '2' });
    expect((nested!['req'] as { body: Record<string, unknown> }).body).toMatchObject({ From: '+1415555****', Body: '[REDACTED]', PatientName: '[REDACTED]' });
    expect(resource!['message']).toEqual({ sid: inbound.MessageSid, body: '[REDACTED]', from: '+1415555****', to: '+1212555****' });
  });

  it('keeps the channel prefix of WhatsApp addresses while masking the number', () => {
    const out = capture((logger) => logger.info({ From: 'whatsapp:+14155550123' }));
    expect(JSON.parse(out)).toMatchObject({ From: 'whatsapp:+1415555****' });
  });

  it('re-exports sanitizeForSupport from @chaperone/phi', () => {
    const text = sanitizeForSupport('Patient Maria Lopez at +14155550123 (MRN 00123456) did not get SM0123456789abcdef0123456789abcdef');
    expect(text).not.toContain('+14155550123');
    expect(text).toContain('SM0123456789abcdef0123456789abcdef');
  });
});
