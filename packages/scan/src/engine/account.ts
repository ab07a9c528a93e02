// One account's share of the scan, apart from the stream so that a queue worker
// (distributed/) runs exactly what the in-process scan runs: its inventory checked with the
// facts of its owner that its checks read, before chaperone.yaml settles anything.
import type { Check, CheckContext } from '../check.ts';
import type { AccountCollection } from '../collect/inventory.ts';
import type { CollectionRecord, Finding, Inventory, InventoryAccount, InventoryResource } from '../types.ts';
import { runChecks } from './run-checks.ts';

/** Kinds a subaccount's checks read of its owner (PKCV: the owner's keys may sign for it). */
export const OWNER_FACT_KINDS: ReadonlySet<string> = new Set(['accounts.public_key']);

export interface OwnerFacts {
  account: InventoryAccount;
  resources: InventoryResource[];
  collections: CollectionRecord[];
}

export function ownerFactsOf(part: AccountCollection): OwnerFacts {
  return {
    account: part.account,
    resources: part.inventory.resources.filter((r) => OWNER_FACT_KINDS.has(r.kind)),
    collections: part.inventory.collections.filter((c) => OWNER_FACT_KINDS.has(c.kind)),
  };
}

/** The account's inventory with its owner beside it, so checks that look up the owner see it (its own findings are dropped). */
function withOwner(own: Inventory, owner: OwnerFacts | undefined): Inventory {
  if (!owner) return own;
  return { accounts: [owner.account, ...own.accounts], resources: [...owner.resources, ...own.resources], collections: [...owner.collections, ...own.collections] };
}

/** The checks' findings for the accounts of `own` (never its owner's), before chaperone.yaml. */
export function checkAccount(own: Inventory, checks: readonly Check[], context: CheckContext, owner?: OwnerFacts): Finding[] {
  return runChecks(withOwner(own, owner), checks, context).filter((f) => own.accounts.some((a) => a.sid === f.account));
}
