// The scan as a library call: collect -> checks -> chaperone.yaml -> report.
// `scan()` never throws for a failing account or API (those become `unknown`); it throws
// only for what the user must fix: credentials (CredentialError) or input (ScanInputError).
// Both calls here collect the stream of engine/stream.ts into one report; a caller that
// must not hold every finding (100,000 subaccounts) uses scanStream directly.
import type { Platform } from '@chaperone/controls';
import type { Check } from '../check.ts';
import type { ChaperoneConfig } from '../config/index.ts';
import type { Collector } from '../collect/context.ts';
import type { WebhookProbeOptions } from '../probe/collect.ts';
import type { ClientPoolOptions, HttpStats } from '../http/scan-http-client.ts';
import type { BackoffPolicy } from '@chaperone/retry';
import type { TwilioCredentials } from '../twilio/credentials.ts';
import type { Finding, Inventory, ScanReport } from '../types.ts';
import { scanStream } from './stream.ts';

export { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_TOTAL_CONCURRENCY } from './defaults.ts';
export { ACCOUNT_LIST_KIND } from './account-list.ts';

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
  /** The HTTP client under the SDK (default: UndiciRequestClient); tests observe requests here. */
  requestClient?: ClientPoolOptions['inner'];
}

export interface ScanResult {
  report: ScanReport;
  inventory: Inventory;
}

export async function scan(options: ScanOptions): Promise<ScanReport> {
  const findings: Finding[] = [];
  const summary = await scanStream(options, { onFindings: (batch) => void pushAll(findings, batch.findings) });
  return { scan: summary, findings: sortFindings(findings) };
}

export async function scanWithInventory(options: ScanOptions): Promise<ScanResult> {
  const findings: Finding[] = [];
  const inventory: Inventory = { accounts: [], resources: [], collections: [] };
  const byId = new Map<string, Inventory['accounts'][number]>();
  const summary = await scanStream(options, {
    onFindings: (batch) => void pushAll(findings, batch.findings),
    onInventory: (part) => {
      for (const account of part.accounts) byId.set(account.sid, account);
      pushAll(inventory.resources, part.resources);
      pushAll(inventory.collections, part.collections);
    },
  });
  // Accounts in the order the run lists them (master first), whatever order they finished in.
  inventory.accounts.push(...summary.accounts.map((a) => byId.get(a.sid) ?? { platform: a.platform, sid: a.sid, ...(a.friendlyName ? { friendlyName: a.friendlyName } : {}) }));
  return { inventory: unserializable(inventory), report: { scan: summary, findings: sortFindings(findings) } };
}

const SERIALIZED_AS = '[chaperone inventory: raw resources, never serialized]';

/**
 * The inventory holds what Twilio returned: serverless variable values, URLs with their
 * userinfo, alert request bodies. No report reads it, and nothing may write it out, so it
 * serializes (JSON.stringify, pino, util.inspect, console.log) as a placeholder. The two
 * hooks are non-enumerable: spreading or iterating the inventory sees only its data.
 */
function unserializable(inventory: Inventory): Inventory {
  Object.defineProperty(inventory, 'toJSON', { value: () => SERIALIZED_AS, enumerable: false });
  Object.defineProperty(inventory, Symbol.for('nodejs.util.inspect.custom'), { value: () => SERIALIZED_AS, enumerable: false });
  return inventory;
}

/** Push in place: spreading 100k-element arrays into push() overflows the stack. */
function pushAll<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

/** Collections finish in any order; a stable order makes reports diffable run to run. */
export function sortFindings(findings: Finding[]): Finding[] {
  const collator = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return findings.sort(
    (a, b) => collator(a.account, b.account) || collator(a.control, b.control) || collator(a.resource.kind, b.resource.kind) || collator(a.resource.sid, b.resource.sid),
  );
}
