import { checkTwiml, type TwimlCheckOptions } from '../../twiml/check.ts';
import type { Decision, Rule } from '../decision.ts';
import { isWrite } from '../request.ts';

export type InlineTwimlOptions = TwimlCheckOptions;

/** `Twiml` sent inline on Calls create/update is checked like TwiML the app returns. */
export function inlineTwimlRule(options: InlineTwimlOptions = {}): Rule {
  return {
    name: 'inline-twiml',
    controlId: 'TW-HTTPS',
    check(request): Decision | undefined {
      if (!isWrite(request)) return undefined;
      for (const value of request.params.get('Twiml') ?? []) {
        const [finding] = checkTwiml(value, options);
        if (finding) return { controlId: finding.controlId, reason: `parameter Twiml: ${finding.element}: ${finding.reason}`, fix: finding.fix };
      }
      return undefined;
    },
  };
}
