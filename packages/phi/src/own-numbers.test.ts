// The app's own numbers named by the fourth recall pass's rules (our own text): each stays
// intact only because of its rule; a patient's number on the same line is still redacted.
import { describe, expect, it } from 'vitest';
import { redactPhi } from './index.ts';

const kept: [string, string][] = [
  // A Studio execution's trigger is the incoming call: its To is the flow's number.
  ['{"trigger":{"message":{"From":"+12125550143","To":"+12125550188"}}}', '{"trigger":{"message":{"From":"<PHONE>","To":"+12125550188"}}}'],
  ['can our Twilio number +16465550101 send MMS?', 'can our Twilio number +16465550101 send MMS?'],
  ['sender pool: +18885550101, +18885550102', 'sender pool: +18885550101, +18885550102'],
  ['the outbound fax line +18885550177 is live', 'the outbound fax line +18885550177 is live'],
  ['is clinic +16465550101 allowed to text?', 'is clinic +16465550101 allowed to text?'],
  ['received from +1 212 555 0143 on +16465550101', 'received from <PHONE> on +16465550101'],
  // Outbound: the prose "from" names the sender; the API call that sends a message too.
  ['queued 12 msgs from +16465550101', 'queued 12 msgs from +16465550101'],
  ['outbound SMS to +12125550143 from +16465550101', 'outbound SMS to <PHONE> from +16465550101'],
  ['curl -X POST https://api.twilio.com/2010-04-01/Accounts/x/Messages.json -d "To=+12125550143" -d "From=+16465550101"', 'curl -X POST https://api.twilio.com/2010-04-01/Accounts/x/Messages.json -d "To=<PHONE>" -d "From=+16465550101"'],
];

describe('own numbers (fourth pass)', () => {
  for (const [input, expected] of kept) it(input, () => expect(redactPhi(input)).toBe(expected));
  it('a patient texting from a number is still a phone', () => {
    expect(redactPhi('patient texted from +12125550143 about a refill')).toBe('patient texted from <PHONE> about a refill');
  });
});
