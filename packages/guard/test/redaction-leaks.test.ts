// The pino preset's leak test (issue 14): every case the review found passing through
// unchanged, at several depths and in every place pino takes values from (the log object,
// the message, child bindings, errors), plus the operational strings that must stay readable.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { twilioRedaction } from '../src/index.ts';

function capture(log: (logger: pino.Logger) => void): string[] {
  const lines: string[] = [];
  const logger = pino({ redact: twilioRedaction() }, { write: (l: string) => lines.push(l) });
  log(logger);
  return lines;
}

function nest(leaf: unknown, depth: number): Record<string, unknown> {
  let value: unknown = leaf;
  for (let d = depth; d >= 1; d--) value = { [`level${d}`]: value };
  return value as Record<string, unknown>;
}

const PROSE = 'Patient Jane Doe DOB 1970-01-02 called from (415) 555-0123, SSN 219-09-9999';
const PROSE_SECRETS = ['Jane Doe', '1970-01-02', '555-0123', '219-09-9999'];

const RECORD = { patient_name: 'Maria Lopez', dob: '1961-04-12', mrn: '00123456', patientId: 'P-77812', home_phone: '415-555-0188', dateOfBirth: '04/12/1961', ssn: '078-05-1120', zip_code: '94107' };
const RECORD_SECRETS = ['Maria Lopez', '1961-04-12', '00123456', 'P-77812', '555-0188', '04/12/1961', '078-05-1120', '94107'];

const HEADERS = {
  host: 'clinic.example.com',
  'user-agent': 'TwilioProxy/1.1',
  cookie: 'session=s3cr3t-cookie; theme=dark',
  'x-api-key': 'k_live_123secret',
  authorization: 'Basic dHdpbGlvOmh1bnRlcjI=',
  'proxy-authorization': 'Bearer proxy-tok-991',
};
const RES_HEADERS = { 'set-cookie': ['sid=set-cookie-secret; HttpOnly'], 'content-type': 'text/xml' };
const HEADER_SECRETS = ['s3cr3t-cookie', 'k_live_123secret', 'dHdpbGlvOmh1bnRlcjI=', 'proxy-tok-991', 'set-cookie-secret'];

const URLS = {
  upstream: 'https://ehr-user:pa55word@ehr.example.com/fhir/Patient?_id=1',
  signed: 'https://clinic.example.com/reports/export?token=tok-abc-123&api_key=ak-456&signature=sig-789&page=2',
};
const URL_SECRETS = ['ehr-user', 'pa55word', 'tok-abc-123', 'ak-456', 'sig-789'];

const ALL_SECRETS = [...PROSE_SECRETS, ...RECORD_SECRETS, ...HEADER_SECRETS, ...URL_SECRETS];

describe('pino preset: nothing the review found leaks, at any depth', () => {
  for (let depth = 0; depth <= 5; depth++) {
    it(`free text, patient fields, headers, cookies and URL credentials at depth ${depth}`, () => {
      const out = capture((logger) => {
        logger.info(nest({ note: PROSE }, depth), 'object');
        logger.info(nest({ list: [PROSE, { inner: PROSE }] }, depth), 'array');
        logger.info(nest(RECORD, depth), 'record');
        logger.info(nest({ patient: { name: 'Maria Lopez' } }, depth), 'person');
        logger.info(nest({ req: { method: 'POST', url: '/twilio/sms', headers: HEADERS, cookies: { session: 's3cr3t-cookie' } }, res: { statusCode: 200, headers: RES_HEADERS } }, depth), 'pino-http');
        logger.info(nest(URLS, depth), 'urls');
        logger.info(nest({ payload: JSON.stringify({ note: PROSE, ...RECORD }) }, depth), 'json string');
        logger.child(nest({ bound: PROSE, ...RECORD }, depth)).info('child bindings');
      }).join('');
      for (const secret of ALL_SECRETS) expect(out, `leaked ${secret}`).not.toContain(secret);
      expect(out).not.toContain('Maria');
    });
  }

  it('in the message itself and in errors', () => {
    const out = capture((logger) => {
      logger.info(PROSE);
      logger.info(`fetch ${URLS.upstream} failed for Jane Doe`);
      logger.info(`export link ${URLS.signed}`);
      logger.info('retrying with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig');
      logger.error({ err: new Error(`lookup failed for SSN 219-09-9999 (Jane Doe)`) }, 'failed');
    }).join('');
    for (const secret of [...PROSE_SECRETS, ...URL_SECRETS, 'eyJhbGciOiJIUzI1NiJ9']) expect(out, `leaked ${secret}`).not.toContain(secret);
  });

  it('names what it removed: <NAME>, <SSN>; credentials and patient fields [REDACTED]', () => {
    const [prose, record, http, urls] = capture((logger) => {
      logger.info({ note: PROSE });
      logger.info(RECORD);
      logger.info({ req: { headers: HEADERS } });
      logger.info(URLS);
    }).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(prose!['note']).toMatch(/^Patient <NAME> DOB <DATE> called from .*<SSN>$/);
    expect(record).toMatchObject({ patient_name: '[REDACTED]', dob: '[REDACTED]', mrn: '[REDACTED]', patientId: '[REDACTED]', home_phone: '415555****' });
    expect((http!['req'] as { headers: Record<string, string> }).headers).toMatchObject({ cookie: '[REDACTED]', 'x-api-key': '[REDACTED]', authorization: '[REDACTED]', host: 'clinic.example.com', 'user-agent': 'TwilioProxy/1.1' });
    expect(urls!['upstream']).toBe('https://[REDACTED]@ehr.example.com/fhir/Patient?_id=1');
    expect(urls!['signed']).toBe('https://clinic.example.com/reports/export?token=%5BREDACTED%5D&api_key=%5BREDACTED%5D&signature=%5BREDACTED%5D&page=2');
  });
});

describe('pino preset: name families (patient*, *_phone, *_zipcode...)', () => {
  // At the top level of a log call pino hides the key from the censor, so there only the
  // listed names (in their spellings) apply; one level down every family does.
  it('removes any patient-prefixed field and masks any *phone / *mobile field one level down and deeper', () => {
    const out = capture((logger) => {
      logger.info({ req: { body: { patientAllergy: 'penicillin', patient_preferred_pharmacy: 'Elm St Pharmacy', billing_zipcode: '94107', work_mobile: '415 555 0199', emergency_contact_phone: '(415) 555-0142' } } });
    });
    const body = (JSON.parse(out[0]!) as { req: { body: Record<string, string> } }).req.body;
    expect(body).toEqual({ patientAllergy: '[REDACTED]', patient_preferred_pharmacy: '[REDACTED]', billing_zipcode: '[REDACTED]', work_mobile: '415555****', emergency_contact_phone: '[REDACTED]' }); // `(415)...` is not a shape maskPhoneNumber keeps: removed
  });
});

describe('pino preset: operational strings stay readable', () => {
  it('keeps SIDs, error codes, timestamps, the app URL, methods and statuses; a Twilio number keeps all but its last four digits', () => {
    const operational = {
      MessageSid: 'SM0123456789abcdef0123456789abcdef',
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      ErrorCode: '30008',
      at: '2026-12-02T22:10:00.000Z',
      webhook: 'https://clinic.example.com/twilio/sms',
      method: 'POST',
      statusCode: 200,
    };
    const [line, message] = capture((logger) => {
      logger.info(operational, 'delivery failed');
      logger.info('SM0123456789abcdef0123456789abcdef from +18005551212 failed with 30008 at 2026-12-02T22:10:00.000Z (POST https://clinic.example.com/twilio/sms 200)');
    }).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ ...operational, msg: 'delivery failed' });
    expect(message!['msg']).toBe('SM0123456789abcdef0123456789abcdef from +1800555**** failed with 30008 at 2026-12-02T22:10:00.000Z (POST https://clinic.example.com/twilio/sms 200)');
  });
});

describe('pino preset: the strings the first preset still let through (numbers, fragments)', () => {
  it('a number value is judged by the detector like a string; counts and statuses stay', () => {
    const [line] = capture((logger) => logger.info({ req: { body: { callback: 4155550123, acct: 4111111111111111, retries: 3, statusCode: 200, durationMs: 2312 } } }));
    const body = (JSON.parse(line!) as { req: { body: Record<string, unknown> } }).req.body;
    expect(body).toEqual({ callback: '[REDACTED]', acct: '[REDACTED]', retries: 3, statusCode: 200, durationMs: 2312 });
  });
  it('a URL fragment holding PHI is removed; a plain one is kept', () => {
    const out = capture((logger) => {
      logger.info({ link: 'https://portal.example.com/chart#patient=Jane%20Doe&dob=1970-01-02' });
      logger.info({ link: 'https://portal.example.com/voice?x=1#rc=5' });
    }).map((l) => JSON.parse(l) as Record<string, string>);
    expect(out[0]!['link']).toBe('https://portal.example.com/chart#[REDACTED]');
    expect(out[1]!['link']).toBe('https://portal.example.com/voice?x=1#rc=5');
  });
});
