import type { ControlId } from '@chaperone/controls';
import type { OutboundRequest } from './request.ts';

/** A rule's verdict on one request. Text only names parameters and kinds, never values. */
export interface Decision {
  controlId: ControlId;
  /** What is wrong, e.g. "parameter To is not a US number (region CA)". */
  reason: string;
  /** How to fix it. */
  fix: string;
}

/** A small pure check: a Decision to refuse, or undefined to let the request pass. */
export interface Rule {
  name: string;
  /** The control a refusal falls under if the rule itself fails. */
  controlId: ControlId;
  check(request: OutboundRequest): Decision | undefined;
}
