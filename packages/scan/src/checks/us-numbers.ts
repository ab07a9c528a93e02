// Which numbers count as US for TW-VOICE-US-ONLY / TW-SMS-US-ONLY: the region that
// libphonenumber-js assigns, not the +1 prefix (NANP spans Canada and the Caribbean).
// US territories have US area codes and are treated as US; toll-free NANP numbers
// (+1 8xx) are shared across NANP and treated as US, as controls.md says.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const US_REGIONS = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP']);

export type UsVerdict = { us: true; region: string } | { us: false; region: string | undefined };

export function usVerdict(value: string): UsVerdict {
  const e164 = value.replace(/^[a-z]+:/i, '');
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { us: false, region: undefined };
  if (parsed.countryCallingCode === '1' && parsed.getType() === 'TOLL_FREE') return { us: true, region: 'toll-free' };
  const region = parsed.country;
  return region && US_REGIONS.has(region) ? { us: true, region } : { us: false, region };
}
