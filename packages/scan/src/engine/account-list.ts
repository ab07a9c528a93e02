// The account list is a collection too: when /2010-04-01/Accounts.json could not be read,
// subaccounts are neither scanned nor named, so the master carries one `unknown` finding
// that says which listing failed (the run is then incomplete: exit 3 unless something fails).
import { getControl } from '@chaperone/controls';
import { SUBACCOUNTS_UNLISTED } from '../collect/accounts-discovery.ts';
import type { Finding, Inventory } from '../types.ts';

/** Resource kind of the finding that says the subaccount list itself was not read. */
export const ACCOUNT_LIST_KIND = 'api.account_list';

export function accountListFindings(inventory: Inventory): Finding[] {
  const control = getControl('TW-ACCT-DESIGNATION');
  return inventory.accounts
    .filter((a) => a.platform === 'twilio' && !a.parent)
    .flatMap((root) => {
      const record = inventory.collections.find((c) => c.account === root.sid && c.kind === 'api.account' && !c.ok);
      if (!record) return [];
      const why = record.error === SUBACCOUNTS_UNLISTED ? SUBACCOUNTS_UNLISTED : `subaccounts not scanned: the account list (/2010-04-01/Accounts.json) could not be read (${record.error ?? 'failed'}); any subaccount is neither scanned nor named`;
      return [
        {
          control: control.id,
          status: 'unknown' as const,
          severity: control.severity,
          account: root.sid,
          platform: 'twilio' as const,
          resource: { kind: ACCOUNT_LIST_KIND, sid: root.sid },
          evidence: why,
          remediation: control.remediation,
        },
      ];
    });
}
