import { describe, expect, it } from 'vitest';
import { redactPhi } from '../src/index.ts';

// The app's own Twilio numbers are operational (a changed sender is a broken log line); the
// patient's side of the same line is still redacted.
describe("the app's own numbers stay, the patient's go", () => {
  it('inbound webhook: To is the app, From the patient', () => {
    const out = redactPhi('{"MessageSid":"SM6ccaccdb251bce79793a67c9e2ed829a","Body":"ok","From":"+16025550122","To":"+14155550101"}');
    expect(out).toContain('"To":"+14155550101"');
    expect(out).not.toContain('+16025550122');
  });
  it('outbound log: from is the app, to the patient', () => {
    const out = redactPhi('{"msg":"sms sent","from":"+14155550101","to":"+16025550122"}');
    expect(out).toContain('"from":"+14155550101"');
    expect(out).not.toContain('+16025550122');
  });
  it('inbound logfmt and Conversations proxy address', () => {
    expect(redactPhi('msg="sms inbound" from=+16025550122 to=+14155550101')).toBe('msg="sms inbound" from=<PHONE> to=+14155550101');
    expect(redactPhi('{"MessagingBinding.Address":"+16025550122","MessagingBinding.ProxyAddress":"+14155550101"}')).toBe(
      '{"MessagingBinding.Address":"<PHONE>","MessagingBinding.ProxyAddress":"+14155550101"}',
    );
  });
  it('prose naming the app as sender; a typed patient number is still a phone', () => {
    expect(redactPhi('Reminders come from +14155550101; save it')).toBe('Reminders come from +14155550101; save it');
    expect(redactPhi('I got a text from +1 602 555 0122')).toBe('I got a text from <PHONE>');
  });
  it('no direction: both numbers redacted (fail closed)', () => {
    expect(redactPhi('call from=+16025550122 to=+14155550101')).toBe('call from=<PHONE> to=<PHONE>');
  });
  it('role mailboxes and service pages are operational, personal ones are not', () => {
    expect(redactPhi('Email support@clinic-app.example or visit https://help.clinic-app.example/')).toBe(
      'Email support@clinic-app.example or visit https://help.clinic-app.example/',
    );
    expect(redactPhi('Email jane.doe@clinic-app.example')).toBe('Email <EMAIL>');
    expect(redactPhi('see https://portal.clinic-app.example/p/jane-doe/records')).toBe('see <URL>');
  });
});
