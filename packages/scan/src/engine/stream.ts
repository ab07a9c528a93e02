// The scan as a stream: each account is collected, checked and settled against
// chaperone.yaml on its own, handed to the caller, then forgotten, so memory holds only the
// accounts in flight however many subaccounts there are (issue 11). Facts that span
// accounts come from small things: the account list (designation, platform roots), the
// master's PKCV keys (a subaccount whose owner signs), per-control counts (attestation
// requests) and the run-wide webhook probe cache. `scan()` is this stream collected.
import { readFileSync } from 'node:fs';
import type { Platform } from '@chaperone/controls';
import type { Check, CheckContext } from '../check.ts';
import { ConfigApplier, checkContextFrom, emptyConfig } from '../config/index.ts';
import { collectTwilioAccounts, type AccountCollection } from '../collect/inventory.ts';
import { twilioChecks } from '../checks/index.ts';
import { webhookSignatureChecks } from '../checks/webhook-signature.ts';
import { httpsCertificateChecks } from '../checks/https-certificates.ts';
import { WebhookProber } from '../probe/collect.ts';
import { ClientPool } from '../http/scan-http-client.ts';
import type { Finding, Inventory, InventoryAccount, ScanSummary } from '../types.ts';
import { accountListFindings } from './account-list.ts';
import { checkAccount, OWNER_FACT_KINDS, ownerFactsOf, type OwnerFacts } from './account.ts';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_TOTAL_CONCURRENCY } from './defaults.ts';
import { finishRun } from './finish.ts';
import type { ScanOptions } from './scan.ts';

/** This chaperone's version, as reports and the ledger name it. */
export const CHAPERONE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** One account's (or workspace's) share of the run, settled against chaperone.yaml. */
export interface AccountFindings {
  platform: Platform;
  account: string;
  findings: Finding[];
  /** Every kind of the account was collected (for the run-wide batch: the root's own state). */
  complete: boolean;
  /** The run-wide manual findings of a platform root, handed over once every account is in. */
  runWide?: true;
  /** Findings an interrupted run already recorded (`--resume`), handed back for the report: not to be recorded again. */
  resumed?: true;
}

/** What an interrupted run recorded, per account: the accounts `--resume` does not collect again. */
export interface ResumeState {
  accounts: ReadonlyMap<string, { platform: Platform; complete: boolean; findings: Finding[] }>;
}

export interface StreamHooks {
  /** Called once per account as it completes, and once more per platform root for the run-wide manual findings. */
  onFindings(batch: AccountFindings): void | Promise<void>;
  /** Called with each account's raw inventory when the caller keeps it (scanWithInventory). */
  onInventory?(part: Inventory): void;
}

export async function scanStream(options: ScanOptions, hooks: StreamHooks, resume?: ResumeState): Promise<ScanSummary> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const config = options.config ?? emptyConfig();
  const totalConcurrency = options.totalConcurrency ?? DEFAULT_TOTAL_CONCURRENCY;
  const progress = { accountsDone: 0, accountsTotal: 0, requests: 0, throttled: 0 };
  const report = () => options.onProgress?.({ ...progress });

  const pool = new ClientPool({
    ...(options.twilio?.baseUrl ? { baseUrl: options.twilio.baseUrl } : {}),
    perAccountConcurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    totalConcurrency,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.requestClient ? { inner: options.requestClient } : {}),
    onRequest: () => {
      progress.requests = pool.stats.requests;
      progress.throttled = pool.stats.throttled;
      report();
    },
  });

  const context = checkContextFrom(config, started);
  const twilioCheckList: readonly Check[] = options.twilio ? [...(options.twilio.checks ?? twilioChecks), ...(options.probeWebhooks ? [...webhookSignatureChecks, ...httpsCertificateChecks] : [])] : [];
  const allChecks: Check[] = [...twilioCheckList, ...(options.sources ?? []).flatMap((s) => s.checks)];
  const platforms: Platform[] = [...(options.twilio ? (['twilio'] as const) : []), ...(options.sources ?? []).map((s) => s.platform)];
  const applier = new ConfigApplier(config, started);
  const prober = options.twilio && options.probeWebhooks ? new WebhookProber(options.probeWebhooks === true ? {} : options.probeWebhooks) : undefined;

  const accountsSeen: InventoryAccount[] = [];
  const completeBySid = new Map<string, boolean>();
  const errors: string[] = [];
  const nonPassByControl = new Map<string, number>();
  const extra = { requests: 0, throttled: 0, retries: 0 };
  let owner: OwnerFacts | undefined;

  /** Checks one account (or workspace) with whatever facts of its owner the checks read, settles it, hands it on. */
  const settle = async (own: Inventory, checks: readonly Check[], ownerFacts?: OwnerFacts): Promise<void> => {
    hooks.onInventory?.(own);
    const checked = checkAccount(own, checks, context as CheckContext, ownerFacts);
    for (const f of checked) if (f.status !== 'pass') nonPassByControl.set(f.control, (nonPassByControl.get(f.control) ?? 0) + 1);
    const settled = applier.apply([...checked, ...accountListFindings(own)]);
    for (const account of own.accounts) {
      const complete = !own.collections.some((c) => c.account === account.sid && !c.ok);
      completeBySid.set(account.sid, complete);
      await hooks.onFindings({ platform: account.platform, account: account.sid, findings: settled.filter((f) => f.account === account.sid), complete });
    }
  };

  /** An account the interrupted run recorded: its verdicts count as they were, nothing is collected. */
  const restore = async (sid: string): Promise<boolean> => {
    const done = resume?.accounts.get(sid);
    if (!done) return false;
    for (const f of done.findings) if (f.status !== 'pass') nonPassByControl.set(f.control, (nonPassByControl.get(f.control) ?? 0) + 1);
    completeBySid.set(sid, done.complete);
    await hooks.onFindings({ platform: done.platform, account: sid, findings: applier.restore(done.findings), complete: done.complete, resumed: true });
    return true;
  };

  const parts: Promise<void>[] = [];
  if (options.twilio) {
    const twilio = options.twilio;
    parts.push(
      collectTwilioAccounts(
        {
          credentials: twilio.credentials,
          pool,
          ...(twilio.accounts ? { accounts: twilio.accounts } : {}),
          ...(twilio.collectors ? { collectors: twilio.collectors } : {}),
          ...(resume ? { skip: new Set(resume.accounts.keys()), ownerFactKinds: OWNER_FACT_KINDS } : {}),
          accountConcurrency: options.accountConcurrency ?? defaultAccountConcurrency(totalConcurrency),
          onAccountsKnown: (total) => {
            progress.accountsTotal += total;
            report();
          },
          onAccountDone: () => {
            progress.accountsDone++;
            report();
          },
        },
        async (part: AccountCollection) => {
          const isMaster = !part.account.parent && twilio.credentials.accountSid === part.account.sid;
          // The master comes first and alone (collectTwilioAccounts): keep what its subaccounts read of it.
          if (isMaster) owner = ownerFactsOf(part);
          if ((await restore(part.account.sid)) || part.ownerFactsOnly) return;
          const own = part.inventory;
          if (prober) {
            const probed = await prober.probe(own);
            own.resources.push(...probed.resources);
            own.collections.push(...probed.collections);
          }
          errors.push(...part.errors);
          const facts = !isMaster && owner && part.account.parent === owner.account.sid ? owner : undefined;
          await settle(own, twilioCheckList, facts);
        },
      ).then((result) => {
        accountsSeen.unshift(...result.accounts);
        errors.unshift(...result.errors);
      }),
    );
  }
  for (const source of options.sources ?? []) {
    progress.accountsTotal++;
    parts.push(
      source.collect().then(async (result) => {
        accountsSeen.push(...result.inventory.accounts);
        errors.push(...result.errors);
        extra.requests += result.stats?.requests ?? 0;
        extra.throttled += result.stats?.throttled ?? 0;
        extra.retries += result.stats?.retries ?? 0;
        const restored = await Promise.all(result.inventory.accounts.map((a) => restore(a.sid)));
        if (!restored.some(Boolean)) await settle(result.inventory, source.checks);
        progress.accountsDone++;
        report();
      }),
    );
  }
  await Promise.all(parts);

  const stats = { requests: pool.stats.requests + extra.requests, throttled: pool.stats.throttled + extra.throttled, retries: pool.stats.retries + extra.retries };
  return finishRun({ accountsSeen, completeBySid, nonPassByControl, errors, stats, started, now }, applier, allChecks, platforms, hooks);
}

/**
 * Accounts collected at once. The global limiter serves the oldest account first (Limiter),
 * so accounts beyond what fills it only wait, each holding its SDK client and first requests,
 * and every one of them adds to the heap V8 lets grow before it collects. An account's first
 * wave is some 30 lists at once, then its dependent ones (services -> functions -> versions):
 * one account per 16 slots keeps the limit full. Measured on 1,001 accounts (50 ms, 512 in flight,
 * the scanner CPU-bound on the shared two-core machine): 32 accounts at once 464 MB peak RSS, 64 492 MB,
 * 128 539 MB, 256 (the old half-the-limit default) 654 MB, with the same CPU-bound wall time.
 */
export function defaultAccountConcurrency(totalConcurrency: number): number {
  return Math.max(2, Math.ceil(totalConcurrency / 16));
}
