import { describe, expect, it } from 'vitest';
import { conversationAddresses, conversationParticipants, flexFlowChannels, messagingSenderChannels, verifyWhatsapp } from '../../src/checks/channels.ts';
import { chatIntegrations, chatPrivateChannels, chatSunset } from '../../src/checks/chat.ts';
import { MASTER, inventory, res, run, verdicts } from './helpers.ts';

describe('non-eligible channels', () => {
  it('TW-SMS-CHANNELS: WhatsApp / Messenger senders fail, SMS senders pass', () => {
    const inv = inventory([
      res('messaging.channel_sender', 'XE1', { sender: 'whatsapp:+14155550109', sender_type: 'WhatsApp' }),
      res('messaging.channel_sender', 'XE2', { sender: 'messenger:12345' }),
      res('messaging.channel_sender', 'XE3', { sender: '+14155550101', sender_type: 'PhoneNumber' }),
    ]);
    const findings = run(messagingSenderChannels, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail XE1', 'fail XE2', 'pass XE3']);
    expect(JSON.stringify(findings)).not.toContain('5550109');
  });

  it('TW-CONV-CHANNELS: addresses and participant bindings', () => {
    const inv = inventory([
      res('conversations.address', 'IG1', { type: 'whatsapp', address: 'whatsapp:+14155550108' }),
      res('conversations.address', 'IG2', { type: 'sms', address: '+14155550101' }),
      res('conversations.participant', 'MB1', { messaging_binding: { type: 'whatsapp', address: 'whatsapp:+14155550177' } }),
      res('conversations.participant', 'MB2', { messaging_binding: { type: 'sms', address: '+14155550177', proxy_address: '+14155550101' } }),
      res('conversations.participant', 'MB3', { identity: 'agent', messaging_binding: null }),
    ]);
    expect(verdicts([conversationAddresses, conversationParticipants], inv)).toEqual(['fail IG1', 'fail MB1', 'pass IG2', 'pass MB2', 'pass MB3']);
    expect(run(conversationParticipants, inventory([], { failed: ['conversations.participant'] })).map((f) => f.status)).toEqual(['unknown']);
  });

  it('TW-VERIFY-CHANNELS: a WhatsApp channel on a Verify service fails', () => {
    const inv = inventory([res('verify.service', 'VA1', { whatsapp: { msg_service_sid: 'MG1', from: 'whatsapp:+14155550108' } }), res('verify.service', 'VA2', { whatsapp: { msg_service_sid: null, from: null } })]);
    expect(verdicts(verifyWhatsapp, inv)).toEqual(['fail VA1', 'pass VA2']);
  });

  it('TW-FLEX-CHANNELS: whatsapp, facebook and email Flex Flows fail', () => {
    const inv = inventory([res('flex.flex_flow', 'FO1', { channel_type: 'web' }), res('flex.flex_flow', 'FO2', { channel_type: 'whatsapp' }), res('flex.flex_flow', 'FO3', { channel_type: 'email' })]);
    expect(verdicts(flexFlowChannels, inv)).toEqual(['fail FO2', 'fail FO3', 'pass FO1']);
  });
});

describe('Programmable Chat', () => {
  it('TW-CHAT-PRIVATE: public channels fail', () => {
    const inv = inventory([res('chat.channel', 'CH1', { type: 'public' }), res('chat.channel', 'CH2', { type: 'private' })]);
    expect(verdicts(chatPrivateChannels, inv)).toEqual(['fail CH1', 'pass CH2']);
    expect(run(chatPrivateChannels, inventory([], { failed: ['chat.channel'] })).map((f) => f.status)).toEqual(['unknown']);
  });

  it('TW-CHAT-SUNSET (special consideration): any chat service goes to a person; none passes the account', () => {
    expect(verdicts(chatSunset, inventory([res('chat.service', 'IS1', {})]))).toEqual(['manual IS1']);
    expect(verdicts(chatSunset, inventory([]))).toEqual([`pass ${MASTER}`]);
  });

  it('TW-CHAT-INTEGRATIONS (special consideration): every third-party webhook host goes to a person', () => {
    const inv = inventory([
      res('chat.service', 'IS1', { post_webhook_url: 'https://hooks.slack.com/services/T/B/x' }),
      res('chat.service', 'IS2', { pre_webhook_url: 'https://api.clinic.example/pre' }),
      res('chat.service', 'IS3', {}),
    ]);
    expect(verdicts(chatIntegrations, inv)).toEqual(['manual IS1', 'manual IS2']);
  });
});

describe('channel checks follow the catalog channel policy (allow-lists)', () => {
  it('TW-CONV-CHANNELS: every address type off the allow-list fails (apple, rcs, email...); sms and chat pass; an absent type is unknown', () => {
    const types = ['sms', 'whatsapp', 'messenger', 'gbm', 'email', 'rcs', 'apple', 'chat', 'added-tomorrow'];
    const inv = inventory([...types.map((type, i) => res('conversations.address', `IG${i}`, { type })), res('conversations.address', 'IGX', { address: '+14155550101' })]);
    expect(verdicts(conversationAddresses, inv)).toEqual(['fail IG1', 'fail IG2', 'fail IG3', 'fail IG4', 'fail IG5', 'fail IG6', 'fail IG8', 'pass IG0', 'pass IG7', 'unknown IGX']);
  });

  it('TW-CONV-CHANNELS: participants on rcs:/apple: bindings fail; a binding without type or address, or no binding and no identity, is unknown', () => {
    const inv = inventory([
      res('conversations.participant', 'MB1', { messaging_binding: { type: 'rcs', address: 'rcs:+14155550177' } }),
      res('conversations.participant', 'MB2', { messaging_binding: { address: 'apple:urn:biz:1', proxy_address: '+14155550101' } }),
      res('conversations.participant', 'MB3', { messaging_binding: {} }),
      res('conversations.participant', 'MB4', {}),
      res('conversations.participant', 'MB5', { identity: 'dr-lee', messaging_binding: null }),
    ]);
    expect(verdicts(conversationParticipants, inv)).toEqual(['fail MB1', 'fail MB2', 'pass MB5', 'unknown MB3', 'unknown MB4']);
  });

  it('participant evidence (a patient’s address) names the channel, never a digit of the number, on pass and fail', () => {
    const inv = inventory([
      res('conversations.participant', 'MB1', { messaging_binding: { type: 'sms', address: '+14155550177', proxy_address: '+14155550101' } }),
      res('conversations.participant', 'MB2', { messaging_binding: { type: 'whatsapp', address: 'whatsapp:+14155550188' } }),
    ]);
    const findings = run(conversationParticipants, inv);
    expect(findings.map((f) => f.status).sort()).toEqual(['fail', 'pass']);
    for (const f of findings) expect(f.evidence).not.toMatch(/\d/);
  });

  it('TW-SMS-CHANNELS: an instagram: or rcs: sender fails, and a sender that cannot be read is unknown', () => {
    const inv = inventory([
      res('messaging.channel_sender', 'XE1', { sender: 'instagram:1789', sender_type: 'Instagram' }),
      res('messaging.channel_sender', 'XE2', { sender: 'rcs:clinic_agent' }),
      res('messaging.channel_sender', 'XE3', { sender_type: 'PhoneNumber' }),
    ]);
    expect(verdicts(messagingSenderChannels, inv)).toEqual(['fail XE1', 'fail XE2', 'unknown XE3']);
  });

  it('TW-FLEX-CHANNELS: line and custom fail, web and sms pass, an absent channel_type is unknown', () => {
    const inv = inventory(['web', 'sms', 'line', 'custom', 'facebook'].map((t, i) => res('flex.flex_flow', `FO${i}`, { channel_type: t })).concat([res('flex.flex_flow', 'FOX', {})]));
    expect(verdicts(flexFlowChannels, inv)).toEqual(['fail FO2', 'fail FO3', 'fail FO4', 'pass FO0', 'pass FO1', 'unknown FOX']);
  });

  it('TW-VERIFY-CHANNELS: a service whose WhatsApp settings are absent is unknown; the pass says email is not visible', () => {
    const inv = inventory([res('verify.service', 'VA1', {}), res('verify.service', 'VA2', { whatsapp: { msg_service_sid: null, from: null } })]);
    const findings = run(verifyWhatsapp, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['pass VA2', 'unknown VA1']);
    expect(findings.find((f) => f.status === 'pass')!.evidence).toMatch(/email is not visible/);
  });
});
