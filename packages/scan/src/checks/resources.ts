// Read-side helpers over the inventory used by checks.
import type { Inventory, InventoryAccount, InventoryResource } from '../types.ts';

/**
 * Resources by kind, built once per inventory: ~60 checks each reading one kind of tens of
 * thousands of resources would otherwise filter the whole list every time. Rebuilt if the
 * list grew since (checks never change it; collectors only append).
 */
const index = new WeakMap<InventoryResource[], { size: number; byKind: Map<string, InventoryResource[]> }>();

export function ofKind(inventory: Inventory, kind: string): InventoryResource[] {
  let entry = index.get(inventory.resources);
  if (!entry || entry.size !== inventory.resources.length) {
    const byKind = new Map<string, InventoryResource[]>();
    for (const r of inventory.resources) {
      const list = byKind.get(r.kind);
      if (list) list.push(r);
      else byKind.set(r.kind, [r]);
    }
    entry = { size: inventory.resources.length, byKind };
    index.set(inventory.resources, entry);
  }
  return entry.byKind.get(kind) ?? [];
}

export function twilioAccounts(inventory: Inventory): InventoryAccount[] {
  return inventory.accounts.filter((a) => a.platform === 'twilio');
}

/** Resources of `kind` grouped by account, every Twilio account present (maybe with none). */
export function byAccount(inventory: Inventory, kind: string): Map<InventoryAccount, InventoryResource[]> {
  const groups = new Map<string, InventoryResource[]>();
  for (const r of ofKind(inventory, kind)) {
    const list = groups.get(r.account) ?? [];
    list.push(r);
    groups.set(r.account, list);
  }
  return new Map(twilioAccounts(inventory).map((a) => [a, groups.get(a.sid) ?? []]));
}
