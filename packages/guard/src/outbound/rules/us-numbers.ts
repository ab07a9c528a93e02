import type { ControlId } from '@chaperone/controls';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Decision, Rule } from '../decision.ts';
import { isWrite, type OutboundRequest } from '../request.ts';

export interface UsNumberOptions {
  /**
   * US territories (libphonenumber regions) treated as US: e.g. ['PR', 'VI', 'GU', 'AS', 'MP'].
   * Default none: the guide says "US area codes", and a territory is a policy choice.
   */
  allowedUsTerritories?: readonly string[];
  /** Short codes known to be US (5-6 digits carry no country, so unlisted ones are refused). */
  allowedShortCodes?: readonly string[];
}

// Parameters that carry the other party's (or our own) phone address on Twilio writes.
const ADDRESS_PARAMS = new Set(['To', 'From', 'CallerId', 'MessagingBinding.Address', 'MessagingBinding.ProxyAddress', 'ProxyAddress']);
// Addresses that are not phone numbers: Twilio Client identities and SIP URIs.
const NON_PSTN_SCHEMES = new Set(['client', 'sip']);
// Channel prefixes judged by the channels rule, not here.
const CHANNEL_SCHEMES = new Set(['whatsapp', 'messenger', 'gbm']);
// NANP toll-free area codes are shared by every NANP country; the guide's US reading applies.
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);

export type NumberVerdict = { us: true } | { us: false; why: string };

/** Is this address a US phone number? `why` names the kind of failure, never the number. */
export function classifyNumber(value: string, options: UsNumberOptions = {}): NumberVerdict | 'not-a-number' {
  const trimmed = value.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme && (NON_PSTN_SCHEMES.has(scheme) || CHANNEL_SCHEMES.has(scheme))) return 'not-a-number';
  if (scheme) return { us: false, why: `uses the unrecognised address scheme "${scheme}:"` };
  if (/^\d{3,6}$/.test(trimmed)) {
    return options.allowedShortCodes?.includes(trimmed) ? { us: true } : { us: false, why: 'is a short code not listed in allowedShortCodes' };
  }
  if (!trimmed.startsWith('+')) return { us: false, why: 'is not an E.164 number (+1...), so its country cannot be confirmed' };
  const parsed = parsePhoneNumberFromString(trimmed);
  if (!parsed) return { us: false, why: 'is not a parseable phone number' };
  if (parsed.country === 'US') return { us: true };
  if (parsed.country && options.allowedUsTerritories?.includes(parsed.country)) return { us: true };
  if (parsed.countryCallingCode === '1' && TOLL_FREE.has(parsed.nationalNumber.slice(0, 3))) return { us: true };
  return { us: false, why: parsed.country ? `is not a US number (region ${parsed.country})` : 'is not a valid US number' };
}

function controlFor(request: OutboundRequest): ControlId {
  if (request.product === 'verify') return 'TW-VERIFY-CHANNELS';
  if (/\/(Calls|Participants)(\.json|\/|$)/.test(request.path) || request.product === 'voice') return 'TW-VOICE-US-ONLY';
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
