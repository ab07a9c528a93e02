import { addressScheme, CHANNEL_FIELDS, isEligibleChannel, isEligibleMessagingAddress, nonEligibleAddressScheme, type ChannelFieldName, type ControlId } from '@chaperone/controls';
import type { Decision, Rule } from '../decision.ts';
import { isWrite, type OutboundRequest } from '../request.ts';

// The catalog's channel policy (@chaperone/controls channels.ts), the one the scanner's
// checks use: allow-lists, so a channel Twilio adds is refused until the guide allows it.

// Parameters that hold a messaging address: any scheme there (whatsapp:, rcs:, apple:...)
// names a channel other than SMS/MMS and is refused; client: and sip: are Voice endpoints.
const ADDRESS_PARAMS = new Set(['To', 'From', 'Address', 'MessagingBinding.Address', 'MessagingBinding.ProxyAddress', 'MessagingBinding.ProjectedAddress', 'ProxyAddress']);

/** Parameters that select a channel by name, per endpoint, with the policy field that judges them. */
const CHANNEL_SELECTORS: readonly { product: string; path: RegExp; param: string; field: ChannelFieldName }[] = [
  { product: 'conversations', path: /^\/v1\/Configuration\/Addresses(\/[^/]+)?\/?$/, param: 'Type', field: 'conversationsAddressType' },
  { product: 'flex-api', path: /^\/v1\/FlexFlows(\/[^/]+)?\/?$/, param: 'ChannelType', field: 'flexFlowChannelType' },
  { product: 'flex-api', path: /^\/v1\/Interactions\/?$/, param: 'Channel.Type', field: 'flexInteractionChannelType' },
];

function controlFor(request: OutboundRequest): ControlId {
  if (request.product === 'conversations' || request.product === 'frontline-api') return 'TW-CONV-CHANNELS';
  if (request.product === 'verify') return 'TW-VERIFY-CHANNELS';
  if (request.product === 'flex-api') return 'TW-FLEX-CHANNELS';
  return 'TW-SMS-CHANNELS';
}

export const channelsRule: Rule = {
  name: 'channels',
  controlId: 'TW-SMS-CHANNELS',
  check(request): Decision | undefined {
    if (!isWrite(request)) return undefined;
    for (const selector of CHANNEL_SELECTORS) {
      if (request.product !== selector.product || !selector.path.test(request.path)) continue;
      for (const value of request.params.get(selector.param) ?? []) {
        if (!isEligibleChannel(selector.field, value)) {
          return deny(request, `parameter ${selector.param} selects the ${value.trim().toLowerCase() || '(empty)'} channel; only ${CHANNEL_FIELDS[selector.field].eligible.join(', ')} are HIPAA eligible`);
        }
      }
    }
    for (const [name, values] of request.params) {
      for (const value of values) {
        if (ADDRESS_PARAMS.has(name) && !isEligibleMessagingAddress(value)) return deny(request, `parameter ${name} is a ${addressScheme(value)}: address`);
        // Anywhere else (a Flex integration channel, a Studio parameter) a known channel prefix still gives it away.
        const scheme = nonEligibleAddressScheme(value);
        if (scheme) return deny(request, `parameter ${name} is a ${scheme}: address`);
        if (name === 'Integration.Channel' && nonEligibleAddressScheme(`${value.trim()}:`)) return deny(request, `parameter ${name} selects the ${value.trim().toLowerCase()} channel`);
      }
    }
    return undefined;
  },
};

function deny(request: OutboundRequest, reason: string): Decision {
  return {
    controlId: controlFor(request),
    reason,
    fix: 'only SMS/MMS and Chat are HIPAA eligible for messaging (WhatsApp, Messenger, RCS, Apple Messages, email and other channels are not); send PHI over SMS/MMS or Chat to US numbers only',
  };
}
