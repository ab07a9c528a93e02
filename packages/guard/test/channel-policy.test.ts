// The guard's channel rule reads the catalog's channel policy (allow-lists), the one the
// scanner's checks use: every value of Twilio's enums off the allow-list is refused, and
// the eligible ones go through.
import { CHANNEL_FIELDS } from '@chaperone/controls';
import { describe, expect, it } from 'vitest';
import { createOutboundPolicy } from '../src/index.ts';

const US = '+12125550100';
const US_FROM = '+14155550123';
const CH = 'CH0123456789abcdef0123456789abcdef';
const policy = createOutboundPolicy();
const post = (uri: string, data: Record<string, string>) => policy.inspect({ method: 'POST', uri, data });
const refusal = (uri: string, data: Record<string, string>) => post(uri, data).violations.map((v) => v.controlId);

describe('channel policy in the guard', () => {
  it.each(CHANNEL_FIELDS.conversationsAddressType.twilioEnum)('Conversations address configuration Type=%s: refused unless sms or chat', (type) => {
    const controls = refusal('https://conversations.twilio.com/v1/Configuration/Addresses', { Type: type, Address: type === 'sms' ? US_FROM : `${type}-address` });
    expect(controls.includes('TW-CONV-CHANNELS')).toBe(type !== 'sms' && type !== 'chat');
  });

  it.each(CHANNEL_FIELDS.flexFlowChannelType.twilioEnum)('Flex Flow ChannelType=%s: refused unless web or sms', (type) => {
    const controls = refusal('https://flex-api.twilio.com/v1/FlexFlows', { FriendlyName: 'x', ChatServiceSid: 'IS0123456789abcdef0123456789abcdef', ChannelType: type });
    expect(controls.includes('TW-FLEX-CHANNELS')).toBe(type !== 'web' && type !== 'sms');
  });

  it('a Conversations participant on rcs: or apple: is refused under TW-CONV-CHANNELS, not as a foreign number', () => {
    for (const scheme of ['rcs', 'apple', 'instagram']) {
      expect(refusal(`https://conversations.twilio.com/v1/Conversations/${CH}/Participants`, { 'MessagingBinding.Address': `${scheme}:${US}`, 'MessagingBinding.ProxyAddress': US_FROM })).toEqual(['TW-CONV-CHANNELS']);
    }
  });

  it('push credentials (Conversations Type=apn) are not a channel and pass', () => {
    expect(refusal('https://conversations.twilio.com/v1/Credentials', { Type: 'apn', FriendlyName: 'ios' })).toEqual([]);
  });

  it('a Flex interaction on WhatsApp is refused; on SMS it passes', () => {
    const uri = 'https://flex-api.twilio.com/v1/Interactions';
    expect(refusal(uri, { 'Channel.Type': 'whatsapp' })).toContain('TW-FLEX-CHANNELS');
    expect(refusal(uri, { 'Channel.Type': 'sms' })).toEqual([]);
  });

  it('an SMS message between US numbers passes; an rcs: or apple: one is refused under TW-SMS-CHANNELS', () => {
    const uri = 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json';
    expect(refusal(uri, { To: US, From: US_FROM, Body: 'hello' })).toEqual([]);
    expect(refusal(uri, { To: `rcs:${US}`, From: US_FROM, Body: 'hello' })).toEqual(['TW-SMS-CHANNELS']);
    expect(refusal(uri, { To: US, From: 'apple:urn:biz:clinic', Body: 'hello' })).toEqual(['TW-SMS-CHANNELS']);
  });
});
