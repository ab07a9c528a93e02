import { nonEligibleStudioWidgets } from '@chaperone/controls';
import type { Decision, Rule } from '../decision.ts';
import { isWrite } from '../request.ts';

// Creating or updating a flow (`POST studio.twilio.com/v2/Flows`, `/v2/Flows/{Sid}`); the
// Validate endpoint deploys nothing, so it is left alone.
const FLOW_PATH = /^\/v2\/Flows(\/FW[0-9a-f]{32})?$/i;

/** A Studio flow definition with a widget of a non-eligible product is refused (TW-RT-STUDIO). */
export const studioWidgetsRule: Rule = {
  name: 'studio-widgets',
  controlId: 'TW-RT-STUDIO',
  check(request): Decision | undefined {
    if (request.product !== 'studio' || !isWrite(request) || !FLOW_PATH.test(request.path)) return undefined;
    for (const value of request.params.get('Definition') ?? []) {
      const [widget] = nonEligibleStudioWidgets(value);
      if (widget) {
        return {
          controlId: 'TW-RT-STUDIO',
          reason: `parameter Definition: widget ${widget.type} sends the flow to ${widget.product}, which is not HIPAA eligible`,
          fix: 'remove the widget from flows that handle PHI: use Gather Input, Run Function or Make HTTP Request to a service under your BAA',
        };
      }
    }
    return undefined;
  },
};
