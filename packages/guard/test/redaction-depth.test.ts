import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { twilioRedaction } from '../src/index.ts';
import { CONTENT_FIELD_NAMES, NUMBER_FIELD_NAMES } from '../src/logging/twilio-fields.ts';

function capture(log: (logger: pino.Logger) => void, options = {}): string {
  const lines: string[] = [];
  const logger = pino({ redact: twilioRedaction(options) }, { write: (l: string) => lines.push(l) });
  log(logger);
  return lines.join('');
}

// Every field gets its own value, so a leak names the field that leaked.
const numberFor = (i: number, depth: number): string => `+1212555${String(1000 + i * 7 + depth).padStart(4, '0')}`;
const textFor = (i: number, depth: number): string => `phiText${i}x${depth}`;

function nest(leaf: Record<string, unknown>, depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = leaf;
  for (let d = 1; d < depth; d++) value = { [`level${d}`]: value };
  return value;
}

function seeded(depth: number): { leaf: Record<string, string>; secrets: string[] } {
  const leaf: Record<string, string> = {};
  const secrets: string[] = [];
  NUMBER_FIELD_NAMES.forEach((name, i) => {
    leaf[name] = numberFor(i, depth);
    secrets.push(leaf[name], leaf[name].slice(1), encodeURIComponent(leaf[name]));
  });
  CONTENT_FIELD_NAMES.forEach((name, i) => {
    leaf[name] = textFor(i, depth);
    secrets.push(leaf[name]);
  });
  return { leaf, secrets };
}

describe('pino preset at any depth', () => {
  for (let depth = 1; depth <= 6; depth++) {
    it(`removes or masks every listed field at depth ${depth}, in objects and in URL queries`, () => {
      const { leaf, secrets } = seeded(depth);
      const query = new URLSearchParams(leaf).toString();
      const out = capture((logger) => {
        logger.info(nest(leaf, depth), 'object');
        logger.info(nest({ url: `/twilio/hook?${query}`, href: `https://app.example.com/x?${query}#rc=2` }, depth), 'url');
        logger.info(nest({ rawBody: query }, depth), 'form body');
        logger.info(nest({ payload: JSON.stringify(leaf) }, depth), 'json string');
        logger.info(nest({ list: [leaf, { inner: leaf }] }, depth), 'array');
        logger.child(nest({ bound: leaf }, depth)).info('child bindings');
      });
      for (const secret of secrets) expect(out, `leaked ${secret}`).not.toContain(secret);
      // Lines still parse, SID-like context survives, numbers keep their area code.
      for (const line of out.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      expect(out).toContain('+1212555****');
      expect(out).toContain('#rc=2');
    });
  }

  it('covers the reviewer cases: Conversations fields, GET webhook URLs, four levels deep', () => {
    const out = capture((logger) => {
      logger.info({ req: { body: { From: '+12125550187', Body: 'chest pain', MediaUrl0: 'https://api.twilio.com/x/Media/ME1' } } }, 'ok');
      logger.info({ req: { url: '/twilio/voice?From=%2B12125550187&Body=hi+there', body: { Author: '+12125550187', 'MessagingBinding.Address': '+12125550187', Attributes: '{"patient":"John Smith"}', ParticipantSid: 'MB1' } } }, 'conv');
      logger.info({ res: { req: { body: { From: '+12125550187' } } } }, 'deep');
      logger.info({ data: { MessagingBinding: { Address: 'whatsapp:+12125550187', Name: 'John Doe' }, Author: 'patient.jsmith', MessageBody: 'refill' } }, 'event stream');
      logger.info('inbound call from +12125550187');
    });
    for (const secret of ['12125550187', 'chest pain', 'hi+there', 'Body=', 'John Smith', 'John Doe', 'jsmith', 'refill', '/Media/ME1']) expect(out).not.toContain(secret);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, Record<string, Record<string, unknown>>>);
    expect(lines[1]!['req']!['url']).toBe('/twilio/voice?From=%2B1212555****');
    expect(lines[1]!['req']!['body']).toMatchObject({ Author: '+1212555****', 'MessagingBinding.Address': '+1212555****', Attributes: '[REDACTED]', ParticipantSid: 'MB1' });
    expect((lines[2]!['res']!['req'] as { body: { From: string } }).body.From).toBe('+1212555****');
    expect(lines[3]!['data']).toMatchObject({ MessagingBinding: { Address: 'whatsapp:+1212555****', Name: '[REDACTED]' }, Author: '[REDACTED]', MessageBody: '[REDACTED]' });
    expect(lines[4]!['msg']).toBe('inbound call from +1212555****');
  });

  it('removes extra fields at any depth and survives errors, cycles and buffers', () => {
    const cyclic: Record<string, unknown> = { From: '+12125550187' };
    cyclic['self'] = cyclic;
    const error = Object.assign(new Error('send to +12125550187 failed'), { params: { Body: 'insulin' } });
    const out = capture((logger) => {
      logger.info({ a: { b: { c: { d: { PatientName: 'Maria Lopez' } } } } }, 'extra');
      logger.info({ cyclic, raw: Buffer.from('Body=insulin') }, 'cycle');
      logger.error({ err: error, context: { error } }, 'failed');
    }, { extraPaths: ['req.body.PatientName'] });
    for (const secret of ['Maria', '12125550187', 'insulin']) expect(out).not.toContain(secret);
    expect(out).toContain('[Circular]');
  });
});
