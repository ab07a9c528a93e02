import { describe, expect, it } from 'vitest';
import { CHANNEL_FIELDS, isEligibleChannel, isEligibleMessagingAddress, nonEligibleAddressScheme } from './channels.ts';

// Twilio's enums against the spec: packages/twin/test/channel-enums.test.ts (the twin holds the specs).
describe('channel policy: allow-lists over Twilio enums', () => {
  it('Conversations: only SMS and Chat (apple, rcs, email and the rest refused)', () => {
    expect(CHANNEL_FIELDS.conversationsAddressType.twilioEnum.filter((v) => isEligibleChannel('conversationsAddressType', v))).toEqual(['sms', 'chat']);
    for (const v of ['apple', 'rcs', 'email', 'whatsapp', 'gbm', 'messenger', 'a-channel-added-tomorrow', '']) expect(isEligibleChannel('conversationsAddressType', v)).toBe(false);
    expect(isEligibleChannel('conversationsAddressType', ' SMS ')).toBe(true);
  });

  it('Flex Flows: web and sms only; line and custom refused', () => {
    expect(isEligibleChannel('flexFlowChannelType', 'line')).toBe(false);
    expect(isEligibleChannel('flexFlowChannelType', 'custom')).toBe(false);
    expect(isEligibleChannel('flexFlowChannelType', 'web')).toBe(true);
  });

  it('Verify: sms and call only', () => {
    for (const v of CHANNEL_FIELDS.verifyChannel.twilioEnum) expect(isEligibleChannel('verifyChannel', v)).toBe(v === 'sms' || v === 'call');
  });

  it('messaging addresses: bare numbers and Voice endpoints pass, any channel scheme is refused', () => {
    for (const ok of ['+14155550123', '12345', 'ClinicSMS', 'client:alice', 'sip:desk@clinic.sip.twilio.com']) expect(isEligibleMessagingAddress(ok)).toBe(true);
    for (const bad of ['whatsapp:+14155550123', 'rcs:clinic_agent', 'apple:urn:biz:1', 'instagram:123', 'tel:+14155550123', 'x-new:1']) expect(isEligibleMessagingAddress(bad)).toBe(false);
    expect(nonEligibleAddressScheme('RCS:clinic')).toBe('rcs');
    expect(nonEligibleAddressScheme('https://clinic.example/hook')).toBeUndefined();
  });
});
