// Account-level controls: PKCV public keys (TW-PKCV) and HIPAA designation of every
// account against chaperone.yaml's BAA date and designated list (TW-ACCT-DESIGNATION,
// TW-ACCT-NEW-PROJECT).
import type { Check } from '../check.ts';
import { accountFinding } from './finding.ts';
import { byAccount, twilioAccounts } from './resources.ts';

export const pkcvKeys: Check = {
  name: 'pkcv-public-keys',
  control: 'TW-PKCV',
  needs: ['accounts.public_key'],
  run(inventory) {
    const groups = byAccount(inventory, 'accounts.public_key');
    const withKeys = new Set([...groups].filter(([, keys]) => keys.length > 0).map(([a]) => a.sid));
    const scanned = new Set([...groups.keys()].map((a) => a.sid));
    return [...groups].map(([account, keys]) => {
      if (keys.length > 0) return accountFinding('TW-PKCV', 'pass', account, `${keys.length} PKCV public key(s) registered`);
      // A subaccount's traffic is often sent by the owning project's tooling: when the owner
      // has a key, whether it also signs this account's requests is for a person to confirm.
      if (account.parent && withKeys.has(account.parent)) {
        return accountFinding('TW-PKCV', 'manual', account, 'no PKCV key in this subaccount; the owning account has one: confirm its requests are signed');
      }
      if (account.parent && !scanned.has(account.parent)) {
        return accountFinding('TW-PKCV', 'manual', account, 'no PKCV key in this subaccount; the owning account was not scanned: confirm its requests are signed');
      }
      return accountFinding('TW-PKCV', 'fail', account, 'no PKCV public key registered: requests to Twilio are not signed with a client key');
    });
  },
};

/**
 * Designation: a listed account passes. Unlisted accounts created before the BAA were
 * not designated by it (TW-ACCT-DESIGNATION); created after it they are new projects
 * that need a designation request (TW-ACCT-NEW-PROJECT). Without a list or date in
 * config, a person has to confirm: manual.
 */
export const accountDesignation: Check = {
  name: 'account-designation',
  control: 'TW-ACCT-DESIGNATION',
  needs: ['api.account'],
  run(inventory, context) {
    const designated = new Set(context.designatedAccounts);
    const baa = context.baaDate ? Date.parse(context.baaDate) : undefined;
    return twilioAccounts(inventory).map((account) => {
      if (designated.has(account.sid)) return accountFinding('TW-ACCT-DESIGNATION', 'pass', account, 'listed as designated HIPAA in chaperone.yaml');
      if (designated.size === 0 && baa === undefined) {
        return accountFinding('TW-ACCT-DESIGNATION', 'manual', account, 'no BAA date or designated accounts in chaperone.yaml: confirm the designation');
      }
      const created = account.dateCreated ? Date.parse(account.dateCreated) : undefined;
      const when = account.dateCreated ? ` (created ${account.dateCreated.slice(0, 10)})` : '';
      if (baa !== undefined && created !== undefined && created >= baa) {
        // The guide: "any future Subaccounts created in that Project will also be automatically designated".
        if (account.parent && designated.has(account.parent)) return accountFinding('TW-ACCT-DESIGNATION', 'pass', account, `created after the BAA${when} under designated project ${account.parent}: designated automatically`);
        return accountFinding('TW-ACCT-DESIGNATION', 'manual', account, `created after the BAA${when}: see TW-ACCT-NEW-PROJECT`);
      }
      return accountFinding('TW-ACCT-DESIGNATION', 'fail', account, `not in the designated accounts of chaperone.yaml${when}`);
    });
  },
};

export const newProjectDesignation: Check = {
  name: 'account-new-project',
  control: 'TW-ACCT-NEW-PROJECT',
  needs: ['api.account'],
  run(inventory, context) {
    if (!context.baaDate) return [];
    const baa = Date.parse(context.baaDate);
    const designated = new Set(context.designatedAccounts);
    const scanned = new Set(twilioAccounts(inventory).map((a) => a.sid));
    return twilioAccounts(inventory).flatMap((account) => {
      if (designated.has(account.sid)) return account.dateCreated !== undefined && Date.parse(account.dateCreated) >= baa ? [accountFinding('TW-ACCT-NEW-PROJECT', 'pass', account, 'created after the BAA and listed as designated')] : [];
      // Without a creation date the account may be a new project: unknown, not skipped.
      if (account.dateCreated === undefined || Number.isNaN(Date.parse(account.dateCreated))) return [accountFinding('TW-ACCT-NEW-PROJECT', 'unknown', account, 'creation date not readable: whether it came after the BAA cannot be told')];
      if (Date.parse(account.dateCreated) < baa) return [];
      const created = account.dateCreated.slice(0, 10);
      // The guide: subaccounts created later in a designated project are designated automatically;
      // only a new project (an account without a parent) needs its own designation request.
      if (account.parent && designated.has(account.parent)) return [accountFinding('TW-ACCT-NEW-PROJECT', 'pass', account, `created ${created} under designated project ${account.parent}: designated automatically`)];
      if (account.parent && !scanned.has(account.parent)) return [accountFinding('TW-ACCT-NEW-PROJECT', 'manual', account, `created ${created}, after the BAA; its project ${account.parent} was not scanned: confirm the project is designated`)];
      return [accountFinding('TW-ACCT-NEW-PROJECT', 'fail', account, `created ${created}, after the BAA (${context.baaDate}), and neither it nor its project is listed as designated`)];
    });
  },
};
