// Which requests are Voice, for rules that file the same finding under a Voice or an SMS
// control (US-only numbers, Message Tagging). `/Participants` is Voice only on the 2010 API
// (a Conference's participants); a Conversations participant (conversations host) is
// messaging and stays under the SMS controls.
import type { OutboundRequest } from '../request.ts';

const VOICE_PATH = /\/(Calls|Participants)(\.json|\/|$)/;

export function isVoiceRequest(request: OutboundRequest): boolean {
  return request.product === 'voice' || (request.product === 'api' && VOICE_PATH.test(request.path));
}
