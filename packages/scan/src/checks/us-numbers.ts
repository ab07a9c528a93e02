// Which numbers count as US for TW-VOICE-US-ONLY / TW-SMS-US-ONLY: the catalog's single
// policy (classifyUsNumber), so the scanner and the guard never disagree on a number.
// US territories count only where chaperone.yaml allows them (CheckContext).
import { classifyUsNumber, type UsNumberPolicy } from '@chaperone/controls';

export type UsVerdict = { us: true; region: string } | { us: false; region: string | undefined };

export function usVerdict(value: string, policy: UsNumberPolicy = {}): UsVerdict {
  // Inventory numbers may carry a channel prefix (whatsapp:+1...): the number itself is judged here.
  const verdict = classifyUsNumber(value.replace(/^[a-z]+:/i, ''), policy);
  if (verdict === 'not-a-number') return { us: false, region: undefined };
  return verdict.us ? verdict : { us: false, region: verdict.region };
}
