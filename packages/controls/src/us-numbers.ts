// The catalog's one reading of "US area codes only" (TW-VOICE-US-ONLY, TW-SMS-US-ONLY,
// TW-VERIFY-CHANNELS), shared by the scanner's checks and the guard's outbound rules so a
// number gets the same verdict at scan time and at run time.
//
// NANP (+1) spans the US, Canada and the Caribbean: the region libphonenumber-js assigns
// decides, never the +1 prefix. Toll-free NANP codes are shared by every NANP country and
// count as US (controls.md). US territories (PR, VI, GU, AS, MP) have their own regions;
// the guide says "US area codes", so whether they count is the customer's policy choice:
// off by default (fail closed), on through `allowedUsTerritories`.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { NON_ELIGIBLE_ADDRESS_SCHEMES } from './channels.ts';

export const US_TERRITORY_REGIONS: readonly string[] = ['PR', 'VI', 'GU', 'AS', 'MP'];

// NANP toll-free area codes.
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);
// Addresses that are not phone numbers: Twilio Client identities and SIP URIs.
const NON_PSTN_SCHEMES = new Set(['client', 'sip']);
// Channel prefixes (whatsapp:, rcs:, apple:...): the channel policy (channels.ts) judges
// them under the channel controls, not as numbers. Any other scheme is refused here.
const CHANNEL_SCHEMES = new Set(NON_ELIGIBLE_ADDRESS_SCHEMES);

export interface UsNumberPolicy {
  /** US territories (libphonenumber regions, e.g. ['PR', 'VI']) treated as US. Default none. */
  allowedUsTerritories?: readonly string[];
  /** Short codes known to be US (5-6 digits carry no country, so unlisted ones are not US). */
  allowedShortCodes?: readonly string[];
}

/** `region` is libphonenumber's region (or `toll-free`); `why` names the failure, never the number. */
export type UsNumberVerdict = { us: true; region: string } | { us: false; region?: string; why: string };

/** Is this address a US phone number? `not-a-number` for client:, sip: and channel addresses. */
export function classifyUsNumber(value: string, policy: UsNumberPolicy = {}): UsNumberVerdict | 'not-a-number' {
  const trimmed = value.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme && (NON_PSTN_SCHEMES.has(scheme) || CHANNEL_SCHEMES.has(scheme))) return 'not-a-number';
  if (scheme) return { us: false, why: `uses the unrecognised address scheme "${scheme}:"` };
  if (/^\d{3,6}$/.test(trimmed)) {
    return policy.allowedShortCodes?.includes(trimmed)
      ? { us: true, region: 'short-code' }
      : { us: false, why: 'is a short code not listed in allowedShortCodes' };
  }
  if (!trimmed.startsWith('+')) return { us: false, why: 'is not an E.164 number (+1...), so its country cannot be confirmed' };
  const parsed = parsePhoneNumberFromString(trimmed);
  if (!parsed) return { us: false, why: 'is not a parseable phone number' };
  const region = parsed.country;
  if (region === 'US') return { us: true, region };
  if (region && policy.allowedUsTerritories?.includes(region)) return { us: true, region };
  if (parsed.countryCallingCode === '1' && TOLL_FREE.has(parsed.nationalNumber.slice(0, 3))) return { us: true, region: 'toll-free' };
  if (region && US_TERRITORY_REGIONS.includes(region)) {
    return { us: false, region, why: `is in the US territory ${region}, not allowed by allowedUsTerritories` };
  }
  return region ? { us: false, region, why: `is not a US number (region ${region})` } : { us: false, why: 'is not a valid US number' };
}
