// The forms issue 14 names, one recognizer at a time: each case is a line and the exact
// spans (type and text) the engine must report, so a recognizer that stops firing, or fires
// on more than its identifier, fails here.
import { describe, expect, it } from 'vitest';
import { detectPhi, redactJson } from '../src/index.ts';

const spans = (text: string): [string, string][] => detectPhi(text).map((h) => [h.type, text.slice(h.start, h.end)]);

const CASES: Record<string, [string, [string, string][]][]> = {
  ssn: [
    ['My ITIN is 912-70-1234.', [['SSN', '912-70-1234']]],
    ['ITIN 900701234 on the W-7', [['SSN', '900701234']]],
    ['SSN 219 09 9999', [['SSN', '219 09 9999']]],
    ['group 912-34-5678 is not an ITIN', [['HEALTH_PLAN', '912-34-5678']]],
    ['all the same 111-11-1111', []],
  ],
  license: [
    ['Passport number: A12803456', [['LICENSE', 'A12803456']]],
    ['passport 912803456 expires', [['LICENSE', '912803456']]],
    ["My driver's license number is D1234567", [['LICENSE', 'D1234567']]],
    ['order 912803456 shipped', []],
  ],
  account: [
    ['IBAN DE89 3704 0044 0532 0130 00 for the refund', [['ACCOUNT', 'DE89 3704 0044 0532 0130 00']]],
    ['wire to GB82WEST12345698765432', [['ACCOUNT', 'GB82WEST12345698765432']]],
    ['IBAN DE89 3704 0044 0532 0130 01 has a bad check', []],
    ['routing number 021000021', [['ACCOUNT', '021000021']]],
    ['JCB 3530 1113 3330 0000 declined', [['ACCOUNT', '3530 1113 3330 0000']]],
    ['Diners 3056 930902 5904 expired', [['ACCOUNT', '3056 930902 5904']]],
    ['Mastercard 2223 0031 2200 3222', [['ACCOUNT', '2223 0031 2200 3222']]],
    ['Device IMEI 490154203237518 linked', [['DEVICE', '490154203237518']]],
  ],
  healthPlan: [
    ['Medicare number 1eg4-te5-mk73', [['HEALTH_PLAN', '1eg4-te5-mk73']]],
    ['token 1eg4te5mk73 issued', []],
  ],
  phone: [
    ["They're not answering at 780-999-2181", [['PHONE', '780-999-2181']]],
    ['Can you call me at 020 7946 0958 tomorrow?', [['PHONE', '020 7946 0958']]],
    ['Meine Nummer ist 030 12345678.', [['PHONE', '030 12345678']]],
    ['Call 0041 44 668 18 00 for the office', [['PHONE', '0041 44 668 18 00']]],
    ['"from":"+447700900123"', [['PHONE', '+447700900123']]],
    ['free line +1 800 555 0199', [['PHONE', '+1 800 555 0199']]],
    ['invalid 000-12-3456', []],
  ],
  address: [
    // The town beside the postcode is a subdivision smaller than a state (issue 14, fourth pass).
    ['I live at 221B Baker Street, London NW1 6XE', [['ADDRESS', '221B Baker Street'], ['ADDRESS', 'London'], ['ZIP', 'NW1 6XE']]],
    ['Adresse : 12 rue de la Paix, 75002 Paris', [['ADDRESS', '12 rue de la Paix'], ['ZIP', '75002'], ['ADDRESS', 'Paris']]],
    ['Address: Hauptstraße 5, 10115 Berlin', [['ADDRESS', 'Hauptstraße 5'], ['ZIP', '10115'], ['ADDRESS', 'Berlin']]],
    ['Postal code: K1A 0B6', [['ZIP', 'K1A 0B6']]],
    ['PLZ 10115', [['ZIP', '10115']]],
    ['ZIP code 60614 only, no street', [['ZIP', '60614']]],
  ],
  name: [
    ['User: Šárka Ottová', [['NAME', 'Šárka Ottová']]],
    ['My name is Rubija and I missed my appointment.', [['NAME', 'Rubija']]],
    ['my name is rubija hodžić, call me back', [['NAME', 'rubija hodžić']]],
    ['Šárka Ottová: I need to move my appointment', [['NAME', 'Šárka Ottová']]],
    ["Ngozi, it's Ada from the office", [['NAME', 'Ada']]],
    ['Hi Ngozi, your appointment is confirmed', [['NAME', 'Ngozi']]],
    ['Hi Team, the build is green', []],
    ['Meine Nummer bitte', []],
    ['Error Handler: failed', []],
  ],
  date: [
    ['She was born on the 3rd of May 1950.', [['DATE', 'the 3rd of May 1950']]],
    ['born 5-May-1944 in Lagos', [['DATE', '5-May-1944']]],
    ['su cita es el 14 de marzo a las 10:00', [['DATE', '14 de marzo']]],
    ['I need to move my appt on the 22nd', [['DATE', 'the 22nd']]],
    ['1.2.3.4 - - [14/Mar/2024:17:02:11 +0000] "GET / HTTP/1.1" 200', [['IP', '1.2.3.4']]],
  ],
  operational: [
    ['POST https://hooks.example.com/twilio/sms 200', []],
    ['status callback https://api.exampleclinic.com/status-callback', []],
    ['profile https://www.instagram.com/rosa.delgado.61', [['URL', 'https://www.instagram.com/rosa.delgado.61']]],
    ['upstream 10.0.3.7 and 192.168.1.20 answered, client 73.158.64.12', [['IP', '73.158.64.12']]],
  ],
};

describe('recognizers (issue 14 forms)', () => {
  for (const [recognizer, cases] of Object.entries(CASES)) {
    describe(recognizer, () => {
      for (const [text, expected] of cases) it(text, () => expect(spans(text)).toEqual(expected));
    });
  }

  it('a name/value pair takes its type from the name, in text and in JSON', () => {
    const text = '{"variables":[{"key":"mrn","value":"00771234"},{"key":"step","value":"3"}]}';
    expect(spans(text)).toEqual([['MRN', '00771234']]);
    expect(redactJson(JSON.parse(text))).toEqual({ variables: [{ key: 'mrn', value: '<MRN>' }, { key: 'step', value: '3' }] });
  });

  it('an appointment time is a date of care, a scheduled job time is not', () => {
    const text = '{"appointment":"2024-04-18T09:30:00-07:00","scheduled_at":"2024-04-18T09:30:00Z"}';
    expect(spans(text)).toEqual([['DATE', '2024-04-18T09:30:00-07:00']]);
  });
});
