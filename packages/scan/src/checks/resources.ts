// Read-side helpers over the inventory used by checks.
import type { Inventory, InventoryAccount, InventoryResource } from '../types.ts';

export function ofKind(inventory: Inventory, kind: string): InventoryResource[] {
  return inventory.resources.filter((r) => r.kind === kind);
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
