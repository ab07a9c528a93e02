import { classifyUsNumber, type ControlId, type UsNumberPolicy } from '@chaperone/controls';
import type { Decision, Rule } from '../decision.ts';
import { isWrite, type OutboundRequest } from '../request.ts';
import { isVoiceRequest } from './voice-request.ts';

/** allowedUsTerritories (default none: a policy choice) and allowedShortCodes, as in the catalog. */
export type UsNumberOptions = UsNumberPolicy;

// Parameters that carry the other party's (or our own) phone address on Twilio writes.
const ADDRESS_PARAMS = new Set(['To', 'From', 'CallerId', 'MessagingBinding.Address', 'MessagingBinding.ProxyAddress', 'ProxyAddress']);

export type NumberVerdict = { us: true } | { us: false; why: string };

// `sip:+16045550123@clinic.sip.twilio.com;transport=tls`: Twilio dials the E.164 user part
// through the SIP domain or trunk, so it is a phone number like any other. A user part
// that is not E.164 (`sip:frontdesk@...`, an extension) names no number and stays allowed.
const SIP_E164_USER = /^sips?:((?:\+|%2B)[\d().-]+)(?:;[^@]*)?@/i;

/** The E.164 number inside a sip:/sips: URI's user part, or the value itself. */
export function addressNumber(value: string): string {
  const sip = SIP_E164_USER.exec(value.trim());
  if (!sip) return value;
  try {
    return decodeURIComponent(sip[1]!);
  } catch {
    return sip[1]!;
  }
}

/** Is this address a US phone number? The catalog's policy, shared with the scanner. */
export function classifyNumber(value: string, options: UsNumberOptions = {}): NumberVerdict | 'not-a-number' {
  const verdict = classifyUsNumber(addressNumber(value), options);
  if (verdict === 'not-a-number') return verdict;
  return verdict.us ? { us: true } : { us: false, why: verdict.why };
}

function controlFor(request: OutboundRequest): ControlId {
  if (request.product === 'verify') return 'TW-VERIFY-CHANNELS';
  if (isVoiceRequest(request)) return 'TW-VOICE-US-ONLY';
  return 'TW-SMS-US-ONLY';
}

// libphonenumber's parse costs several microseconds; apps text the same senders and the
// same patients again and again, so verdicts are memoised (bounded; the oldest go first).
const CACHE_LIMIT = 10_000;

function cachedClassifier(options: UsNumberOptions): (value: string) => ReturnType<typeof classifyNumber> {
  const cache = new Map<string, ReturnType<typeof classifyNumber>>();
  return (value) => {
    let verdict = cache.get(value);
    if (verdict === undefined) {
      verdict = classifyNumber(value, options);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(value, verdict);
    }
    return verdict;
  };
}

export function usNumbersRule(options: UsNumberOptions = {}): Rule {
  const classify = cachedClassifier(options);
  return {
    name: 'us-numbers',
    controlId: 'TW-SMS-US-ONLY',
    check(request): Decision | undefined {
      if (!isWrite(request)) return undefined;
      for (const [name, values] of request.params) {
        if (!ADDRESS_PARAMS.has(name)) continue;
        for (const value of values) {
          const verdict = classify(value);
          if (verdict === 'not-a-number' || verdict.us) continue;
          return {
            controlId: controlFor(request),
            reason: `parameter ${name} ${verdict.why}`,
            fix: 'only US area codes are HIPAA eligible for SMS, MMS, Voice and Verify; send PHI only to and from US numbers (configure allowedUsTerritories for US territories)',
          };
        }
      }
      return undefined;
    },
  };
}
