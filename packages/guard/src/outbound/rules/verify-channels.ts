import type { Decision, Rule } from '../decision.ts';
import { isWrite } from '../request.ts';

// Verify is eligible for SMS and Voice only (the guide: "no email, no WhatsApp"); any
// other channel (email, whatsapp, sna, auto, totp...) is refused.
const ELIGIBLE_CHANNELS = new Set(['sms', 'call']);
const VERIFICATIONS = /^\/v2\/Services\/[^/]+\/Verifications\/?$/;
const SERVICE = /^\/v2\/Services(\/[^/]+)?\/?$/;

export const verifyChannelsRule: Rule = {
  name: 'verify-channels',
  controlId: 'TW-VERIFY-CHANNELS',
  check(request): Decision | undefined {
    if (request.product !== 'verify' || !isWrite(request)) return undefined;
    if (request.method === 'POST' && VERIFICATIONS.test(request.path)) {
      const channel = request.params.get('Channel')?.[0]?.trim().toLowerCase();
      if (!channel || !ELIGIBLE_CHANNELS.has(channel)) {
        return {
          controlId: 'TW-VERIFY-CHANNELS',
          reason: channel ? `parameter Channel is "${channel}"` : 'parameter Channel is missing',
          fix: 'use Channel=sms or Channel=call to a US number; Verify email and WhatsApp are not HIPAA eligible',
        };
      }
    }
    if (SERVICE.test(request.path)) {
      for (const name of request.params.keys()) {
        if (name.startsWith('Whatsapp.') && (request.params.get(name) ?? []).some((v) => v.trim() !== '')) {
          return { controlId: 'TW-VERIFY-CHANNELS', reason: `parameter ${name} configures WhatsApp on a Verify service`, fix: 'remove the WhatsApp sender from the Verify service; use SMS or Voice' };
        }
      }
    }
    return undefined;
  },
};
