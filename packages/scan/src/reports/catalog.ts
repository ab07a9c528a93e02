// The report writers' one door to the control catalog: product, summary, remediation,
// reference and citation of a finding's control. A finding whose control the catalog
// does not know still renders (its own severity and remediation), never disappears:
// hence a lookup that answers undefined instead of the catalog's throwing getControl.
import { controls } from '@chaperone/controls';
import type { Control } from '@chaperone/controls';

export const UNCATALOGUED_PRODUCT = 'Uncatalogued control';

const byId = new Map<string, Control>(controls.map((control) => [control.id, control]));

export function controlOf(id: string): Control | undefined {
  return byId.get(id);
}

export function productOf(id: string): string {
  return controlOf(id)?.product ?? UNCATALOGUED_PRODUCT;
}

export function allControls(): readonly Control[] {
  return controls;
}
