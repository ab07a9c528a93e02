// Builds small inventories for check tests: every kind collected in every account unless
// listed as failed, so a test states only what matters to it.
import type { Check, CheckContext } from '../../src/check.ts';
import { twilioKinds } from '../../src/collect/index.ts';
import { runChecks } from '../../src/engine/run-checks.ts';
import type { Finding, Inventory, InventoryAccount, InventoryResource } from '../../src/types.ts';

export const MASTER = 'AC' + '0'.repeat(31) + '1';
export const SUB = 'AC' + '0'.repeat(31) + '2';

export const context: CheckContext = { now: new Date('2026-01-01T00:00:00Z'), designatedAccounts: [], baaVendors: [] };

export function res(kind: string, sid: string, fields: Record<string, unknown>, extra: Partial<InventoryResource> = {}): InventoryResource {
  return { platform: 'twilio', kind, sid, account: MASTER, fields, ...extra };
}

export function inventory(resources: InventoryResource[], opts: { failed?: string[]; accounts?: InventoryAccount[] } = {}): Inventory {
  const accounts = opts.accounts ?? [{ platform: 'twilio', sid: MASTER }];
  return {
    accounts,
    resources,
    collections: accounts.flatMap((a) => twilioKinds.map((kind) => ({ platform: 'twilio' as const, account: a.sid, kind, ok: !opts.failed?.includes(kind), ...(opts.failed?.includes(kind) ? { error: 'HTTP 500 from x /v1/Y' } : {}) }))),
  };
}

/** Runs checks through the engine (so `needs` is enforced) and returns `status sid` pairs. */
export function verdicts(checks: Check | readonly Check[], inv: Inventory, ctx: CheckContext = context): string[] {
  return run(checks, inv, ctx)
    .map((f) => `${f.status} ${f.resource.sid}`)
    .sort();
}

export function run(checks: Check | readonly Check[], inv: Inventory, ctx: CheckContext = context): Finding[] {
  return runChecks(inv, Array.isArray(checks) ? checks : [checks as Check], ctx);
}
