// The end of a run, once every account is in: the run-wide manual findings (one batch per
// platform root, knowing every account and every count) and the run's summary. Shared by the
// in-process stream and the queue's planner (distributed/), so both end a run the same way.
import { GUIDE_VERSION, type Platform } from '@chaperone/controls';
import type { Check } from '../check.ts';
import type { ConfigApplier } from '../config/index.ts';
import type { Inventory, InventoryAccount, ScanSummary } from '../types.ts';
import { attestationRequests, manualFindings } from './manual.ts';
// A cycle with stream.ts, read only when a run ends (long after both modules loaded).
import { CHAPERONE_VERSION, type StreamHooks } from './stream.ts';

export interface RunTally {
  /** Every account and workspace of the run, in the order reports list them. */
  accountsSeen: InventoryAccount[];
  completeBySid: ReadonlyMap<string, boolean>;
  /** Non-pass findings per control before chaperone.yaml (attestation requests count them). */
  nonPassByControl: ReadonlyMap<string, number>;
  errors: string[];
  stats: { requests: number; throttled: number; retries: number };
  started: Date;
  now: () => Date;
}

export async function finishRun(tally: RunTally, applier: ConfigApplier, allChecks: readonly Check[], platforms: readonly Platform[], hooks: StreamHooks): Promise<ScanSummary> {
  const { accountsSeen, completeBySid, errors } = tally;
  const roots: Inventory = { accounts: accountsSeen, resources: [], collections: [] };
  const runWide = applier.apply([...manualFindings(roots, allChecks, platforms), ...attestationRequests(roots, allChecks, tally.nonPassByControl, platforms)]);
  for (const account of accountsSeen) {
    const findings = runWide.filter((f) => f.account === account.sid);
    if (findings.length > 0) await hooks.onFindings({ platform: account.platform, account: account.sid, findings, complete: completeBySid.get(account.sid) ?? false, runWide: true });
  }
  const { expired, warnings } = applier.finish({ accounts: accountsSeen.map((a) => a.sid) });
  const accounts = accountsSeen.map((a) => ({
    platform: a.platform,
    sid: a.sid,
    ...(a.friendlyName ? { friendlyName: a.friendlyName } : {}),
    complete: completeBySid.get(a.sid) ?? false,
  }));
  return {
    started: tally.started.toISOString(),
    finished: tally.now().toISOString(),
    accounts,
    complete: accounts.length > 0 && accounts.every((a) => a.complete) && errors.length === 0,
    ...tally.stats,
    errors,
    expired,
    warnings,
    chaperoneVersion: CHAPERONE_VERSION,
    guideVersion: GUIDE_VERSION,
  };
}
