// Builds the Twilio inventory: discovers the accounts, then runs every collector for
// every account, a bounded number of accounts at a time. Nothing here throws for one
// account or one API: failures become not-ok collection records.
import type { Inventory } from '../types.ts';
import type { TwilioCredentials } from '../twilio/credentials.ts';
import { createAccountClient } from '../twilio/client.ts';
import type { ClientPool } from '../http/scan-http-client.ts';
import { Limiter } from '../http/limiter.ts';
import { describeError } from '../http/sanitize.ts';
import { CollectContext, type Collector } from './context.ts';
import { discoverAccounts, SUBACCOUNTS_UNLISTED } from './accounts-discovery.ts';
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
}

export interface TwilioCollectResult {
  inventory: Inventory;
  errors: string[];
}

export async function collectTwilioInventory(options: TwilioCollectOptions): Promise<TwilioCollectResult> {
  const collectors = options.collectors ?? twilioCollectors;
  const master = createAccountClient(
    { accountSid: options.credentials.accountSid, username: options.credentials.username, password: options.credentials.password },
    options.pool,
  );
  const discovery = await discoverAccounts(master, options.credentials, options.accounts);
  const inventory: Inventory = { accounts: [], resources: [], collections: [] };
  const errors: string[] = discovery.error ? [discovery.error] : [];
  options.onAccountsKnown?.(discovery.accounts.length);

  // Without the account list the run cannot be complete whatever else is read, and an
  // endpoint that failed the first request (a dead base URL, an outage) would make every
  // other request wait out its timeout: stop here, every kind of the master `unknown`.
  // A Standard API key is the exception: it cannot list by design, and still reads its own account.
  if (discovery.error && discovery.error !== SUBACCOUNTS_UNLISTED) {
    const error = `not collected: the scan stopped because the account list could not be read (${discovery.error})`;
    for (const { account } of discovery.accounts) {
      inventory.accounts.push(account);
      inventory.collections.push({ platform: 'twilio', account: account.sid, kind: 'api.account', ok: false, error: discovery.error });
      for (const c of collectors) for (const kind of c.kinds) inventory.collections.push({ platform: 'twilio', account: account.sid, kind, ok: false, error });
      options.onAccountDone?.();
    }
    return { inventory, errors };
  }

  const limiter = new Limiter(Math.max(1, options.accountConcurrency));
  // Accounts in discovery order (master first), whatever order their collections finish in.
  inventory.accounts.push(...discovery.accounts.map((d) => d.account));
  await Promise.all(
    discovery.accounts.map(({ account, auth }) =>
      limiter.run(async () => {
        inventory.collections.push(
          discovery.error
            ? { platform: 'twilio', account: account.sid, kind: 'api.account', ok: false, error: discovery.error }
            : { platform: 'twilio', account: account.sid, kind: 'api.account', ok: true },
        );
        if (!auth) {
          const error = "the master credentials could not read this subaccount's auth token; scan it with its own credentials";
          for (const c of collectors) for (const kind of c.kinds) inventory.collections.push({ platform: 'twilio', account: account.sid, kind, ok: false, error });
          errors.push(`${account.sid}: ${error}`);
          options.onAccountDone?.();
          return;
        }
        const ctx = new CollectContext(account.sid, createAccountClient(auth, options.pool));
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
        inventory.resources.push(...ctx.resources);
        inventory.collections.push(...ctx.collections);
        options.onAccountDone?.();
      }),
    ),
  );
  return { inventory, errors };
}
