import type { Decision, Rule } from '../decision.ts';
import { isWrite } from '../request.ts';
import { isVoiceRequest } from './voice-request.ts';

/** Message Tagging (`Tags`, `Tags.*`): not HIPAA eligible, and tags are visible in logs and Insights. */
export const taggingRule: Rule = {
  name: 'message-tagging',
  controlId: 'TW-SMS-TAGGING',
  check(request): Decision | undefined {
    if (!isWrite(request)) return undefined;
    for (const [name, values] of request.params) {
      if (name !== 'Tags' && !name.startsWith('Tags.')) continue;
      if (values.every((v) => v.trim() === '')) continue;
      const voice = isVoiceRequest(request);
      return {
        controlId: voice ? 'TW-VOICE-TAGGING' : 'TW-SMS-TAGGING',
        reason: `parameter ${name} sets Message Tagging`,
        fix: 'remove the Tags parameter: Message Tagging is not HIPAA eligible; keep identifiers in your own systems keyed by the Message/Call SID',
      };
    }
    return undefined;
  },
};
