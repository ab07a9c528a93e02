// Non-eligible channels: senders (TW-SMS-CHANNELS), Conversations addresses and participant
// bindings (TW-CONV-CHANNELS), Verify's WhatsApp channel (TW-VERIFY-CHANNELS), Flex Flows
// (TW-FLEX-CHANNELS). Every verdict comes from the catalog's one channel policy
// (@chaperone/controls channels.ts), the allow-lists the guard enforces too. A field that is
// absent or unreadable is `unknown`, never `pass`. A participant's address is the patient's:
// its evidence names the channel and the participant's SID, never a digit of the number.
import { addressScheme, CHANNEL_FIELDS, isEligibleChannel, isEligibleMessagingAddress, NON_ELIGIBLE_ADDRESS_SCHEMES } from '@chaperone/controls';
import { maskPhoneNumber } from '@chaperone/phi';
import type { Check } from '../check.ts';
import type { InventoryResource } from '../types.ts';
import { fieldAt } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';

export type ChannelVerdict = { status: 'pass' | 'fail' | 'unknown'; evidence: string };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const allowed = (field: keyof typeof CHANNEL_FIELDS) => CHANNEL_FIELDS[field].eligible.join(', ');

/** A sender's `sender_type` ("WhatsApp", "Messenger"...) names a channel the policy refuses. */
function nonEligibleSenderType(type: string | undefined): boolean {
  const t = type?.toLowerCase();
  return t !== undefined && NON_ELIGIBLE_ADDRESS_SCHEMES.includes(t);
}

export function senderVerdict(s: InventoryResource): ChannelVerdict {
  const sender = text(s.fields.sender);
  const type = text(s.fields.sender_type);
  if (!sender) return { status: 'unknown', evidence: 'sender absent: its channel cannot be read' };
  const shown = `sender = ${maskPhoneNumber(sender)}${type ? ` (sender_type ${type})` : ''}`;
  if (!isEligibleMessagingAddress(sender) || nonEligibleSenderType(type)) return { status: 'fail', evidence: `${shown}: not HIPAA eligible (SMS and MMS senders only)` };
  return { status: 'pass', evidence: shown };
}

export function addressVerdict(a: InventoryResource): ChannelVerdict {
  const type = text(a.fields.type)?.toLowerCase();
  if (!type) return { status: 'unknown', evidence: 'type absent: the address configuration\'s channel cannot be read' };
  return isEligibleChannel('conversationsAddressType', type)
    ? { status: 'pass', evidence: `type = ${type}` }
    : { status: 'fail', evidence: `type = ${type}: not HIPAA eligible (Conversations allows ${allowed('conversationsAddressType')})` };
}

const BINDING_ADDRESSES = ['address', 'proxy_address', 'projected_address'];

export function participantVerdict(p: InventoryResource): ChannelVerdict {
  const binding = p.fields.messaging_binding;
  // Chat participants have an identity and no binding (the API sends null).
  if (binding === null && text(p.fields.identity)) return { status: 'pass', evidence: 'chat participant (identity, no messaging binding)' };
  if (!binding || typeof binding !== 'object') return { status: 'unknown', evidence: 'messaging_binding absent and no identity: the channel cannot be read' };
  const type = text(fieldAt(p.fields, 'messaging_binding.type'))?.toLowerCase();
  const schemes = BINDING_ADDRESSES.map((f) => text(fieldAt(p.fields, `messaging_binding.${f}`)))
    .filter((v): v is string => v !== undefined)
    .filter((v) => !isEligibleMessagingAddress(v))
    .map((v) => `${addressScheme(v)}:`);
  if (type !== undefined && !isEligibleChannel('conversationsBindingType', type)) return { status: 'fail', evidence: `messaging_binding.type = ${type}: not HIPAA eligible (Conversations allows ${allowed('conversationsBindingType')})` };
  if (schemes.length > 0) return { status: 'fail', evidence: `messaging_binding address on the ${[...new Set(schemes)].join(', ')} channel: not HIPAA eligible` };
  if (type === undefined) return { status: 'unknown', evidence: 'messaging_binding.type absent: the channel cannot be read' };
  return { status: 'pass', evidence: `messaging_binding.type = ${type}` };
}

export function flexFlowVerdict(f: InventoryResource): ChannelVerdict {
  const type = text(f.fields.channel_type)?.toLowerCase();
  if (!type) return { status: 'unknown', evidence: 'channel_type absent: the Flex Flow\'s channel cannot be read' };
  return isEligibleChannel('flexFlowChannelType', type)
    ? { status: 'pass', evidence: `channel_type = ${type}` }
    : { status: 'fail', evidence: `channel_type = ${type}: not HIPAA eligible (Flex Flows allow ${allowed('flexFlowChannelType')})` };
}

/** Verify services show WhatsApp only; email is not in the Service resource (the guard refuses Channel=email). */
export function verifyVerdict(s: InventoryResource): ChannelVerdict {
  const whatsapp = s.fields.whatsapp;
  if (whatsapp === undefined) return { status: 'unknown', evidence: 'whatsapp settings absent: the service\'s WhatsApp channel cannot be read' };
  const from = text(fieldAt(s.fields, 'whatsapp.from'));
  const service = text(fieldAt(s.fields, 'whatsapp.msg_service_sid'));
  const set = [from ? `whatsapp.from = ${maskPhoneNumber(from)}` : '', service ? `whatsapp.msg_service_sid = ${service}` : ''].filter(Boolean);
  return set.length > 0
    ? { status: 'fail', evidence: `WhatsApp channel configured: ${set.join(', ')}` }
    : { status: 'pass', evidence: 'no WhatsApp channel configured (email is not visible in the API; the guard refuses Channel=email)' };
}

function channelCheck(name: string, control: 'TW-SMS-CHANNELS' | 'TW-CONV-CHANNELS' | 'TW-VERIFY-CHANNELS' | 'TW-FLEX-CHANNELS', kind: string, verdict: (r: InventoryResource) => ChannelVerdict): Check {
  return {
    name,
    control,
    needs: [kind],
    run: (inventory) =>
      ofKind(inventory, kind).map((r) => {
        const v = verdict(r);
        return resourceFinding(control, v.status, r, v.evidence);
      }),
  };
}

export const messagingSenderChannels = channelCheck('messaging-sender-channels', 'TW-SMS-CHANNELS', 'messaging.channel_sender', senderVerdict);
export const conversationAddresses = channelCheck('conversations-address-channels', 'TW-CONV-CHANNELS', 'conversations.address', addressVerdict);
export const conversationParticipants = channelCheck('conversations-participant-channels', 'TW-CONV-CHANNELS', 'conversations.participant', participantVerdict);
export const verifyWhatsapp = channelCheck('verify-service-channels', 'TW-VERIFY-CHANNELS', 'verify.service', verifyVerdict);
export const flexFlowChannels = channelCheck('flex-flow-channels', 'TW-FLEX-CHANNELS', 'flex.flex_flow', flexFlowVerdict);
