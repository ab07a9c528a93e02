// The contract between the scan engine and every check (Twilio and Segment alike).
// A check is a pure function over the inventory: no I/O, no clock (the context
// carries `now`), no randomness.
import type { ControlId } from '@chaperone/controls';
import type { Finding, Inventory } from './types.ts';

export interface CheckContext {
  now: Date;
  /** BAA effective date from chaperone.yaml (ISO date), when given. */
  baaDate?: string;
  /** Account SIDs / workspace ids designated HIPAA under the BAA (chaperone.yaml). */
  designatedAccounts: readonly string[];
  /** Vendors (destination / warehouse names, lower-case) covered by a BAA (chaperone.yaml). */
  baaVendors: readonly string[];
  /** US territories whose numbers count as US (chaperone.yaml `twilio.usTerritories`); none when absent. */
  usTerritories?: readonly string[];
  /** Age in days past which an API key is due for rotation (chaperone.yaml `twilio.apiKeyMaxAgeDays`); 90 when absent. */
  apiKeyMaxAgeDays?: number;
}

export interface Check {
  /** Stable name, e.g. `https-webhook-urls`; unique across checks. */
  name: string;
  control: ControlId;
  /**
   * Inventory kinds the check reads. Before calling `run`, the engine looks, per
   * account, for a successful collection of each kind; where one is missing it emits
   * an `unknown` finding for this control and account instead of trusting `run`.
   */
  needs: readonly string[];
  run(inventory: Inventory, context: CheckContext): Finding[];
}
