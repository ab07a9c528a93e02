// Runs checks over an inventory and enforces "unknown is never pass": for each account
// where a kind a check needs was not collected, the check's findings for that account
// are dropped and one `unknown` finding takes their place.
import { getControl } from '@chaperone/controls';
import type { Check, CheckContext } from '../check.ts';
import type { Finding, Inventory, InventoryAccount } from '../types.ts';

export function runChecks(inventory: Inventory, checks: readonly Check[], context: CheckContext): Finding[] {
  const collected = new Map<string, { ok: boolean; error?: string }>();
  for (const record of inventory.collections) {
    const key = `${record.account}|${record.kind}`;
    // Any failed attempt at a kind in an account makes it not collected.
    const previous = collected.get(key);
    if (!previous || previous.ok) collected.set(key, { ok: record.ok, ...(record.error ? { error: record.error } : {}) });
  }

  const findings: Finding[] = [];
  for (const check of checks) {
    const control = getControl(check.control);
    const accounts = inventory.accounts.filter((a) => a.platform === control.platform);
    const missing = new Map<string, string[]>();
    for (const account of accounts) {
      const gaps = check.needs.filter((kind) => !collected.get(`${account.sid}|${kind}`)?.ok);
      if (gaps.length > 0) missing.set(account.sid, gaps);
    }

    let results: Finding[];
    try {
      results = missing.size === accounts.length ? [] : check.run(inventory, context);
    } catch (error) {
      // A check that breaks must not pass silently: every account becomes unknown.
      const reason = `check ${check.name} failed: ${error instanceof Error ? error.name : 'error'}`;
      for (const account of accounts) findings.push(unknownFinding(check, account, check.needs[0] ?? 'check', reason));
      continue;
    }
    for (const finding of results) if (!missing.has(finding.account)) findings.push(finding);
    for (const account of accounts) {
      const gaps = missing.get(account.sid);
      if (!gaps) continue;
      const reasons = gaps.map((kind) => `${kind}: ${collected.get(`${account.sid}|${kind}`)?.error ?? 'not collected'}`);
      findings.push(unknownFinding(check, account, gaps[0]!, `not collected — ${reasons.join('; ')}`));
    }
  }
  return findings;
}

function unknownFinding(check: Check, account: InventoryAccount, kind: string, evidence: string): Finding {
  const control = getControl(check.control);
  return {
    control: check.control,
    status: 'unknown',
    severity: control.severity,
    account: account.sid,
    platform: control.platform,
    resource: { kind, sid: account.sid },
    evidence,
    remediation: control.remediation,
  };
}
