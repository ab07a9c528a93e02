// Builds the Twilio inventory: discovers the accounts, then runs every collector for
// every account, a bounded number of accounts at a time. Nothing here throws for one
// account or one API: failures become not-ok collection records.
import { headUnauthenticated } from '../http/unauthenticated-head.ts';
import type { CollectionRecord, Inventory, InventoryAccount } from '../types.ts';
import type { TwilioCredentials } from '../twilio/credentials.ts';
import { createAccountClient } from '../twilio/client.ts';
import type { ClientPool } from '../http/scan-http-client.ts';
import { describeError } from '../http/sanitize.ts';
import { CollectContext, type Collector } from './context.ts';
import { discoverAccounts, SUBACCOUNTS_UNLISTED, type DiscoveredAccount } from './accounts-discovery.ts';
import { twilioCollectors } from './index.ts';

export interface TwilioCollectOptions {
  credentials: TwilioCredentials;
  pool: ClientPool;
  /** Narrow to these account SIDs (--account). */
  accounts?: readonly string[];
  /** Accounts collected at once. */
  accountConcurrency: number;
  collectors?: readonly Collector[];
  onAccountsKnown?: (total: number) => void;
  onAccountDone?: () => void;
  /** Accounts not to collect (`--resume`: the interrupted run recorded them). */
  skip?: ReadonlySet<string>;
  /** Kinds of a skipped master still collected, because its subaccounts' checks read them. */
  ownerFactKinds?: ReadonlySet<string>;
}

export interface TwilioCollectResult {
  inventory: Inventory;
  errors: string[];
}

/** What was collected of one account: its resources and collection records, nothing of any other. */
export interface AccountCollection {
  account: InventoryAccount;
  inventory: Inventory;
  errors: string[];
  /** A skipped master collected only for what its subaccounts read of it (`ownerFactKinds`). */
  ownerFactsOnly?: true;
}

export interface TwilioAccountsResult {
  /** Every account of the scan, in discovery order (master first). */
  accounts: InventoryAccount[];
  /** Errors of the discovery itself (the account list). */
  errors: string[];
}

/** The whole inventory at once: for small scans and tests (a streaming scan uses collectTwilioAccounts). */
export async function collectTwilioInventory(options: TwilioCollectOptions): Promise<TwilioCollectResult> {
  const inventory: Inventory = { accounts: [], resources: [], collections: [] };
  const errors: string[] = [];
  const result = await collectTwilioAccounts(options, (part) => {
    for (const r of part.inventory.resources) inventory.resources.push(r);
    inventory.collections.push(...part.inventory.collections);
    errors.push(...part.errors);
  });
  inventory.accounts.push(...result.accounts);
  return { inventory, errors: [...result.errors, ...errors] };
}

/**
 * Discovers the accounts, then collects them a bounded number at a time and hands each to
 * `onAccount` as soon as it is complete, so memory holds only the accounts in flight. The
 * master goes first and alone: its subaccounts' checks read one fact of it (PKCV keys).
 */
export async function collectTwilioAccounts(options: TwilioCollectOptions, onAccount: (part: AccountCollection) => void | Promise<void>): Promise<TwilioAccountsResult> {
  const collectors = options.collectors ?? twilioCollectors;
  const master = createAccountClient(
    { accountSid: options.credentials.accountSid, username: options.credentials.username, password: options.credentials.password },
    options.pool,
  );
  const discovery = await discoverAccounts(master, options.credentials, options.accounts);
  const errors: string[] = discovery.error ? [discovery.error] : [];
  const accounts = discovery.accounts.map((d) => d.account);
  options.onAccountsKnown?.(discovery.accounts.length);

  // Without the account list the run cannot be complete whatever else is read, and an
  // endpoint that failed the first request (a dead base URL, an outage) would make every
  // other request wait out its timeout: stop here, every kind of the master `unknown`.
  // A Standard API key is the exception: it cannot list by design, and still reads its own account.
  if (discovery.error && discovery.error !== SUBACCOUNTS_UNLISTED) {
    const error = `not collected: the scan stopped because the account list could not be read (${discovery.error})`;
    for (const { account } of discovery.accounts) {
      const collections: CollectionRecord[] = [{ platform: 'twilio', account: account.sid, kind: 'api.account', ok: false, error: discovery.error }];
      for (const c of collectors) for (const kind of c.kinds) collections.push({ platform: 'twilio', account: account.sid, kind, ok: false, error });
      await onAccount({ account, inventory: { accounts: [account], resources: [], collections }, errors: [] });
      options.onAccountDone?.();
    }
    return { accounts, errors };
  }

  const discoveryError = discovery.error;
  const collectOne = async ({ account, auth }: DiscoveredAccount): Promise<void> => {
    if (options.skip?.has(account.sid)) {
      const isMaster = account.sid === options.credentials.accountSid;
      const ownerKinds = options.ownerFactKinds;
      const part = isMaster && ownerKinds
        ? { ...(await collectAccount(account, auth, discoveryError, collectors.filter((c) => c.kinds.some((k) => ownerKinds.has(k))), options.pool)), ownerFactsOnly: true as const }
        : { account, inventory: { accounts: [account], resources: [], collections: [] }, errors: [] };
      await onAccount(part);
      options.onAccountDone?.();
      return;
    }
    const part = await collectAccount(account, auth, discoveryError, collectors, options.pool);
    await onAccount(part);
    options.onAccountDone?.();
  };
  // Each account's credentials leave this list as its collection starts, so a run of
  // 10,000 subaccounts holds neither their tokens nor a pending task per account until the end.
  // The discovery's own list, not a copy: this suspended function keeps `discovery` alive to
  // its end, and a copy left every account's DiscoveredAccount (token included) in its
  // original (seen in a heap snapshot of the scale bench's scanner).
  const pending: Array<DiscoveredAccount | undefined> = discovery.accounts;
  let next = 0;
  const masterFirst = pending[0]?.account.sid === options.credentials.accountSid;
  const take = (): DiscoveredAccount | undefined => {
    const d = pending[next];
    pending[next++] = undefined;
    return d;
  };
  if (masterFirst) await collectOne(take()!);
  // `accountConcurrency` workers, each taking the next account as it finishes one: the
  // order and the bound of a limiter over every account, without a task queued per account.
  const worker = async () => {
    for (let d = take(); d; d = take()) await collectOne(d);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.accountConcurrency, pending.length - next)) }, worker));
  return { accounts, errors };
}

/** One account's collection (exported for queue workers, which collect one account per job). */
export async function collectAccount(
  account: InventoryAccount,
  auth: DiscoveredAccount['auth'],
  discoveryError: string | undefined,
  collectors: readonly Collector[],
  pool: ClientPool,
): Promise<AccountCollection> {
  const errors: string[] = [];
  const listed: CollectionRecord = discoveryError
    ? { platform: 'twilio', account: account.sid, kind: 'api.account', ok: false, error: discoveryError }
    : { platform: 'twilio', account: account.sid, kind: 'api.account', ok: true };
  if (!auth) {
    const error = "the master credentials could not read this subaccount's auth token; scan it with its own credentials";
    const collections = [listed];
    for (const c of collectors) for (const kind of c.kinds) collections.push({ platform: 'twilio', account: account.sid, kind, ok: false, error });
    return { account, inventory: { accounts: [account], resources: [], collections }, errors: [`${account.sid}: ${error}`] };
  }
  const ctx = new CollectContext(account.sid, createAccountClient(auth, pool), (url) =>
    headUnauthenticated(url, { ...(pool.options.baseUrl ? { baseUrl: pool.options.baseUrl } : {}), timeoutMs: pool.options.timeoutMs }),
  );
  await Promise.all(
    collectors.map(async (collector) => {
      try {
        await collector.collect(ctx);
      } catch (error) {
        // A collector bug must not pass silently: every kind it owns without a record fails.
        for (const kind of collector.kinds) if (!ctx.collections.some((r) => r.kind === kind)) ctx.fail(kind, error);
        errors.push(`${account.sid} ${collector.area}: ${describeError(error)}`);
      }
    }),
  );
  for (const r of ctx.collections) if (!r.ok) errors.push(`${account.sid} ${r.kind}: ${r.error ?? 'failed'}`);
  return { account, inventory: { accounts: [account], resources: ctx.resources, collections: [listed, ...ctx.collections] }, errors };
}
