// Non-eligible channels: WhatsApp / Messenger senders (TW-SMS-CHANNELS), Conversations
// addresses and participant bindings (TW-CONV-CHANNELS), Verify's WhatsApp channel
// (TW-VERIFY-CHANNELS), Flex Flows on WhatsApp, Facebook or email (TW-FLEX-CHANNELS).
import type { Check } from '../check.ts';
import { maskPhoneNumber } from '@chaperone/phi';
import { fieldAt } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';

export const NON_ELIGIBLE_PREFIX = /^(whatsapp|messenger|fbm|facebook|gbm|rcs|apple):/i;
export const NON_ELIGIBLE_SENDER_TYPES = new Set(['whatsapp', 'messenger', 'facebook', 'fbm', 'gbm', 'rcs']);

export const messagingSenderChannels: Check = {
  name: 'messaging-sender-channels',
  control: 'TW-SMS-CHANNELS',
  needs: ['messaging.channel_sender'],
  run: (inventory) =>
    ofKind(inventory, 'messaging.channel_sender').map((s) => {
      const sender = String(s.fields.sender ?? '');
      const type = String(s.fields.sender_type ?? '').toLowerCase();
      return NON_ELIGIBLE_PREFIX.test(sender) || NON_ELIGIBLE_SENDER_TYPES.has(type)
        ? resourceFinding('TW-SMS-CHANNELS', 'fail', s, `sender = ${maskPhoneNumber(sender)}${type ? ` (sender_type ${type})` : ''}: not HIPAA eligible`)
        : resourceFinding('TW-SMS-CHANNELS', 'pass', s, `sender = ${maskPhoneNumber(sender)}`);
    }),
};

export const NON_ELIGIBLE_ADDRESS_TYPES = new Set(['whatsapp', 'messenger', 'gbm', 'rcs', 'email']);

export const conversationAddresses: Check = {
  name: 'conversations-address-channels',
  control: 'TW-CONV-CHANNELS',
  needs: ['conversations.address'],
  run: (inventory) =>
    ofKind(inventory, 'conversations.address').map((a) => {
      const type = String(a.fields.type ?? '').toLowerCase();
      return NON_ELIGIBLE_ADDRESS_TYPES.has(type)
        ? resourceFinding('TW-CONV-CHANNELS', 'fail', a, `type = ${type}, address = ${maskPhoneNumber(String(a.fields.address ?? ''))}`)
        : resourceFinding('TW-CONV-CHANNELS', 'pass', a, `type = ${type}`);
    }),
};

export const conversationParticipants: Check = {
  name: 'conversations-participant-channels',
  control: 'TW-CONV-CHANNELS',
  needs: ['conversations.participant'],
  run: (inventory) =>
    ofKind(inventory, 'conversations.participant').map((p) => {
      const address = String(fieldAt(p.fields, 'messaging_binding.address') ?? '');
      const proxy = String(fieldAt(p.fields, 'messaging_binding.proxy_address') ?? '');
      const type = String(fieldAt(p.fields, 'messaging_binding.type') ?? '').toLowerCase();
      const bad = NON_ELIGIBLE_PREFIX.test(address) || NON_ELIGIBLE_PREFIX.test(proxy) || NON_ELIGIBLE_SENDER_TYPES.has(type);
      if (!address && !proxy) return resourceFinding('TW-CONV-CHANNELS', 'pass', p, 'chat participant (no messaging binding)');
      return bad
        ? resourceFinding('TW-CONV-CHANNELS', 'fail', p, `messaging_binding.address = ${maskPhoneNumber(address || proxy)}: not HIPAA eligible`)
        : resourceFinding('TW-CONV-CHANNELS', 'pass', p, `messaging_binding.address = ${maskPhoneNumber(address)}`);
    }),
};

export const verifyWhatsapp: Check = {
  name: 'verify-service-channels',
  control: 'TW-VERIFY-CHANNELS',
  needs: ['verify.service'],
  run: (inventory) =>
    ofKind(inventory, 'verify.service').map((s) => {
      const from = fieldAt(s.fields, 'whatsapp.from');
      const service = fieldAt(s.fields, 'whatsapp.msg_service_sid');
      const set = [from ? `whatsapp.from = ${maskPhoneNumber(String(from))}` : '', service ? `whatsapp.msg_service_sid = ${String(service)}` : ''].filter(Boolean);
      return set.length > 0
        ? resourceFinding('TW-VERIFY-CHANNELS', 'fail', s, `WhatsApp channel configured: ${set.join(', ')}`)
        : resourceFinding('TW-VERIFY-CHANNELS', 'pass', s, 'no WhatsApp channel configured');
    }),
};

export const NON_ELIGIBLE_FLEX_CHANNELS = new Set(['whatsapp', 'facebook', 'email', 'messenger', 'gbm']);

export const flexFlowChannels: Check = {
  name: 'flex-flow-channels',
  control: 'TW-FLEX-CHANNELS',
  needs: ['flex.flex_flow'],
  run: (inventory) =>
    ofKind(inventory, 'flex.flex_flow').map((f) => {
      const type = String(f.fields.channel_type ?? '').toLowerCase();
      return NON_ELIGIBLE_FLEX_CHANNELS.has(type)
        ? resourceFinding('TW-FLEX-CHANNELS', 'fail', f, `channel_type = ${type}: not HIPAA eligible`)
        : resourceFinding('TW-FLEX-CHANNELS', 'pass', f, `channel_type = ${type}`);
    }),
};
