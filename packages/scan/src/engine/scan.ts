// The scan as a library call: collect -> checks -> chaperone.yaml -> report.
// `scan()` never throws for a failing account or API (those become `unknown`); it throws
// only for what the user must fix: credentials (CredentialError) or input (ScanInputError).
import { readFileSync } from 'node:fs';
import { getControl, GUIDE_VERSION, type Platform } from '@chaperone/controls';
import type { Check } from '../check.ts';
import { applyConfig, checkContextFrom, emptyConfig, type ChaperoneConfig } from '../config/index.ts';
import { collectTwilioInventory } from '../collect/inventory.ts';
import type { Collector } from '../collect/context.ts';
import { twilioChecks } from '../checks/index.ts';
import { webhookSignatureChecks } from '../checks/webhook-signature.ts';
import { probeWebhooks, type WebhookProbeOptions } from '../probe/collect.ts';
import { ClientPool, type ClientPoolOptions, type HttpStats } from '../http/scan-http-client.ts';
import type { BackoffPolicy } from '@chaperone/retry';
import type { TwilioCredentials } from '../twilio/credentials.ts';
import type { Finding, Inventory, ScanReport } from '../types.ts';
import { SUBACCOUNTS_UNLISTED } from '../collect/accounts-discovery.ts';
import { attestationRequests, manualFindings } from './manual.ts';
import { runChecks } from './run-checks.ts';

export const DEFAULT_CONCURRENCY = 25;
/**
 * Requests in flight for the whole scan. Twilio's limits are per account, so this bounds
 * the scanner's own sockets and memory: at 512 one process keeps up with the responses on a
 * shared two-core machine (bench/scan.bench.ts: 128 left it waiting on latency, 512 keeps the CPU busy under 1 GB).
 */
export const DEFAULT_TOTAL_CONCURRENCY = 512;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Another platform's part of the scan (the Segment workspace): its inventory and checks. */
export interface InventorySource {
  platform: Platform;
  collect(): Promise<{ inventory: Inventory; errors: string[]; stats?: Partial<HttpStats> }>;
  checks: readonly Check[];
}

export interface ProgressUpdate {
  accountsDone: number;
  accountsTotal: number;
  requests: number;
  throttled: number;
}

export interface ScanOptions {
  twilio?: {
    credentials: TwilioCredentials;
    /** CHAPERONE_TWILIO_BASE_URL: `https://{sub}.twilio.com{path}` goes to `{base}/{sub}{path}`. */
    baseUrl?: string;
    /** Narrow to these account SIDs (--account). */
    accounts?: readonly string[];
    collectors?: readonly Collector[];
    checks?: readonly Check[];
  };
  sources?: readonly InventorySource[];
  config?: ChaperoneConfig;
  /** Concurrent requests per account. */
  concurrency?: number;
  /** Concurrent requests of the whole scan. */
  totalConcurrency?: number;
  /** Accounts collected at once (default derived from the two limits). */
  accountConcurrency?: number;
  timeoutMs?: number;
  /** `--deadline`: ms for the whole run; past it requests fail unsent and the run ends incomplete. */
  deadlineMs?: number;
  backoff?: BackoffPolicy;
  now?: () => Date;
  onProgress?: (update: ProgressUpdate) => void;
  /**
   * Opt-in (`--probe-webhooks`): after collection, one unsigned Twilio-shaped POST to each
   * distinct https webhook URL; TW-WEBHOOK-SIGNATURE then passes or fails per resource
   * instead of staying `manual`. These are the only requests the scan sends anywhere but
   * Twilio, to the customer's own servers, hence off by default. `true` or tuning options.
   */
  probeWebhooks?: boolean | WebhookProbeOptions;
  /** The HTTP client under the scanner's own (default: the SDK's RequestClient); tests observe requests here. */
  requestClient?: ClientPoolOptions['inner'];
}

export interface ScanResult {
  report: ScanReport;
  inventory: Inventory;
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function scan(options: ScanOptions): Promise<ScanReport> {
  return (await scanWithInventory(options)).report;
}

export async function scanWithInventory(options: ScanOptions): Promise<ScanResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const config = options.config ?? emptyConfig();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const totalConcurrency = options.totalConcurrency ?? DEFAULT_TOTAL_CONCURRENCY;
  const progress = { accountsDone: 0, accountsTotal: 0, requests: 0, throttled: 0 };
  const report = () => options.onProgress?.({ ...progress });

  const pool = new ClientPool({
    ...(options.twilio?.baseUrl ? { baseUrl: options.twilio.baseUrl } : {}),
    perAccountConcurrency: concurrency,
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

  const inventory: Inventory = { accounts: [], resources: [], collections: [] };
  const errors: string[] = [];
  const checks: Check[] = [];
  const platforms: Platform[] = [];
  const extra = { requests: 0, throttled: 0, retries: 0 };

  const parts: Promise<void>[] = [];
  if (options.twilio) {
    const twilio = options.twilio;
    platforms.push('twilio');
    checks.push(...(twilio.checks ?? twilioChecks));
    parts.push(
      collectTwilioInventory({
        credentials: twilio.credentials,
        pool,
        ...(twilio.accounts ? { accounts: twilio.accounts } : {}),
        ...(twilio.collectors ? { collectors: twilio.collectors } : {}),
        // Enough accounts in flight to fill the global limit even while each waits on its
        // dependent lists (services -> functions -> versions), few enough that each finishes
        // promptly (progress moves, memory of half-collected accounts stays small).
        // Measured (bench/scan.bench.ts): half the global limit keeps it full; fewer accounts
        // leave slots idle while each waits on its dependent lists.
        accountConcurrency: options.accountConcurrency ?? Math.max(2, Math.ceil(totalConcurrency / 2)),
        onAccountsKnown: (total) => {
          progress.accountsTotal += total;
          report();
        },
        onAccountDone: () => {
          progress.accountsDone++;
          report();
        },
      }).then((result) => merge(inventory, errors, result)),
    );
  }
  for (const source of options.sources ?? []) {
    platforms.push(source.platform);
    checks.push(...source.checks);
    progress.accountsTotal++;
    parts.push(
      source.collect().then((result) => {
        merge(inventory, errors, result);
        extra.requests += result.stats?.requests ?? 0;
        extra.throttled += result.stats?.throttled ?? 0;
        extra.retries += result.stats?.retries ?? 0;
        progress.accountsDone++;
        report();
      }),
    );
  }
  await Promise.all(parts);

  if (options.twilio && options.probeWebhooks) {
    const probed = await probeWebhooks(inventory, options.probeWebhooks === true ? {} : options.probeWebhooks);
    merge(inventory, errors, { inventory: { accounts: [], ...probed }, errors: [] });
    checks.push(...webhookSignatureChecks);
  }

  const context = checkContextFrom(config, started);
  const checked = runChecks(inventory, checks, context);
  const findings = [...checked, ...manualFindings(inventory, checks, platforms), ...attestationRequests(inventory, checks, checked, platforms), ...accountListFindings(inventory)];
  const applied = applyConfig(findings, config, started, { accounts: inventory.accounts.map((a) => a.sid) });
  // Collections finish in any order; a stable order makes reports diffable run to run.
  const collator = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  applied.findings.sort(
    (a, b) => collator(a.account, b.account) || collator(a.control, b.control) || collator(a.resource.kind, b.resource.kind) || collator(a.resource.sid, b.resource.sid),
  );

  const incomplete = new Set(inventory.collections.filter((c) => !c.ok).map((c) => c.account));
  const accounts = inventory.accounts.map((a) => ({
    platform: a.platform,
    sid: a.sid,
    ...(a.friendlyName ? { friendlyName: a.friendlyName } : {}),
    complete: !incomplete.has(a.sid),
  }));
  return {
    inventory,
    report: {
      scan: {
        started: started.toISOString(),
        finished: now().toISOString(),
        accounts,
        complete: accounts.length > 0 && accounts.every((a) => a.complete) && errors.length === 0,
        requests: pool.stats.requests + extra.requests,
        throttled: pool.stats.throttled + extra.throttled,
        retries: pool.stats.retries + extra.retries,
        errors,
        expired: applied.expired,
        warnings: applied.warnings,
        chaperoneVersion: VERSION,
        guideVersion: GUIDE_VERSION,
      },
      findings: applied.findings,
    },
  };
}

/** Resource kind of the finding that says the subaccount list itself was not read. */
export const ACCOUNT_LIST_KIND = 'api.account_list';

/**
 * The account list is a collection too: when /2010-04-01/Accounts.json could not be read,
 * subaccounts are neither scanned nor named, so the master carries one `unknown` finding
 * that says which listing failed (the run is then incomplete: exit 3 unless something fails).
 */
function accountListFindings(inventory: Inventory): Finding[] {
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

function merge(into: Inventory, errors: string[], result: { inventory: Inventory; errors: string[] }): void {
  into.accounts.push(...result.inventory.accounts);
  // Large inventories: push in place rather than spreading 100k-element arrays.
  for (const r of result.inventory.resources) into.resources.push(r);
  into.collections.push(...result.inventory.collections);
  errors.push(...result.errors);
}
