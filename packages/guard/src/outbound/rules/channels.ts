import type { ControlId } from '@chaperone/controls';
import type { Decision, Rule } from '../decision.ts';
import { isWrite, type OutboundRequest } from '../request.ts';

// WhatsApp, Facebook Messenger (and Google Business Messages, a Conversations address
// type) are not HIPAA eligible on any product.
const CHANNEL_PREFIX = /^\s*(whatsapp|messenger|gbm):/i;
const CHANNEL_TYPES = new Set(['whatsapp', 'messenger', 'facebook', 'gbm']);

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
    for (const [name, values] of request.params) {
      for (const value of values) {
        const prefix = CHANNEL_PREFIX.exec(value)?.[1]?.toLowerCase();
        if (prefix) return deny(request, `parameter ${name} is a ${prefix}: address`);
        // Conversations address configurations, Flex flows: the channel is a Type field.
        if ((name === 'Type' && request.product === 'conversations') || name === 'ChannelType' || name === 'Integration.Channel') {
          if (CHANNEL_TYPES.has(value.trim().toLowerCase())) return deny(request, `parameter ${name} selects the ${value.trim().toLowerCase()} channel`);
        }
      }
    }
    return undefined;
  },
};

function deny(request: OutboundRequest, reason: string): Decision {
  return {
    controlId: controlFor(request),
    reason,
    fix: 'WhatsApp and Facebook Messenger are not HIPAA eligible; send PHI over SMS/MMS or Chat to US numbers only',
  };
}
