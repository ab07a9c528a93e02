import { getControl, type ControlId } from '@chaperone/controls';

/**
 * Thrown (in enforce mode) instead of sending a request the guide forbids. The message
 * names the control, the parameter and the fix; it never contains values (numbers,
 * bodies, URLs with tokens).
 */
export class HipaaPolicyError extends Error {
  override readonly name = 'HipaaPolicyError';
  readonly controlId: ControlId;
  readonly fix: string;
  readonly rule: string;
  /** The guide section behind the control (from the shared catalog). */
  readonly reference: string;

  constructor(controlId: ControlId, rule: string, reason: string, fix: string) {
    super(`${controlId}: ${reason}. Fix: ${fix}`);
    this.controlId = controlId;
    this.rule = rule;
    this.fix = fix;
    this.reference = getControl(controlId).reference;
  }
}
