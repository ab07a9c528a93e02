// TW-MARKETPLACE: no third-party add-on is HIPAA eligible, installed or assigned to a number.
import type { Check } from '../check.ts';
import { accountFinding, resourceFinding } from './finding.ts';
import { byAccount } from './resources.ts';

function addOnCheck(name: string, kind: string, what: string): Check {
  return {
    name,
    control: 'TW-MARKETPLACE',
    needs: [kind],
    run: (inventory) =>
      [...byAccount(inventory, kind)].flatMap(([account, addOns]) =>
        addOns.length === 0
          ? [accountFinding('TW-MARKETPLACE', 'pass', account, `no ${what}`)]
          : addOns.map((a) => resourceFinding('TW-MARKETPLACE', 'fail', a, `${what}: ${String(a.fields.unique_name ?? a.sid)}`)),
      ),
  };
}

export const installedAddOns = addOnCheck('marketplace-installed-add-ons', 'marketplace.installed_add_on', 'Marketplace add-on installed');
export const assignedAddOns = addOnCheck('marketplace-assigned-add-ons', 'api.assigned_add_on', 'add-on assigned to a phone number');
