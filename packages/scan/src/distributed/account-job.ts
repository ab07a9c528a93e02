// A worker's part of one job: derive the account's credentials from the worker's own master
// credentials (the job names only the SID), collect the account, check it with its owner's
// facts, and hand back the findings before chaperone.yaml, exactly what the in-process scan
// computes for that account (engine/account.ts). Throws when the job should be tried again:
// the account record could not be read, or Twilio throttled it past the pool's own retries.
import { twilioChecks } from '../checks/index.ts';
import { collectAccount } from '../collect/inventory.ts';
import { inventoryAccount, masterAuth } from '../collect/accounts-discovery.ts';
import { twilioCollectors } from '../collect/index.ts';
import { fetchOne, twilioUrl } from '../collect/list.ts';
import { checkAccount, OWNER_FACT_KINDS, ownerFactsOf, type OwnerFacts } from '../engine/account.ts';
import { ClientPool, type InnerClient } from '../http/scan-http-client.ts';
import { describeError, HttpStatusError } from '../http/sanitize.ts';
import { createAccountClient, type AccountAuth } from '../twilio/client.ts';
import { CredentialError, type TwilioCredentials } from '../twilio/credentials.ts';
import type { InventoryAccount } from '../types.ts';
import { contextOf, type AccountJobData, type AccountOutcome, type RunSettings } from './run-settings.ts';

export interface JobEnvironment {
  credentials: TwilioCredentials;
  baseUrl?: string;
  /** The worker's HTTP client, shared by its jobs (one socket pool); each job has its own limits and counters. */
  inner: InnerClient;
  worker: string;
  /** The owner's facts per run, read once per worker (one request), shared by every subaccount of the run. */
  ownerFacts: Map<string, Promise<OwnerFacts>>;
  onRequest?: () => void;
}

/** Twilio throttled the account past the pool's retries: the job is tried again later, never recorded as read. */
export class ThrottledError extends Error {
  constructor(account: string) {
    super(`${account}: Twilio kept answering 429 (too many concurrent requests); tried again later`);
    this.name = 'ThrottledError';
  }
}

/**
 * `attempt` counts from 0: a job tried again after Twilio throttled it sends a quarter as many
 * requests at once each time (25, 6, 1 by default), so a storm ends in a slower scan, not in unknowns.
 */
export async function runAccountJob(data: AccountJobData, settings: RunSettings, env: JobEnvironment, attempt = 0): Promise<AccountOutcome> {
  const concurrency = Math.max(1, Math.floor(settings.concurrency / 4 ** attempt));
  const pool = new ClientPool({
    ...(env.baseUrl ? { baseUrl: env.baseUrl } : {}),
    perAccountConcurrency: concurrency,
    totalConcurrency: concurrency,
    timeoutMs: settings.timeoutMs,
    ...(settings.deadlineAt !== undefined ? { deadlineMs: Math.max(1, settings.deadlineAt - Date.now()) } : {}),
    inner: env.inner,
    ...(env.onRequest ? { onRequest: env.onRequest } : {}),
  });
  const master = createAccountClient(masterAuth(env.credentials), pool);
  const { account, auth } = await readAccount(master, data.account, env.credentials);
  let owner: OwnerFacts | undefined;
  if (data.owner && data.owner !== data.account && account.parent === data.owner) {
    let facts = env.ownerFacts.get(data.run);
    if (!facts) {
      facts = ownerFactsFor(master, data.owner, env.credentials, pool);
      env.ownerFacts.set(data.run, facts);
      facts.catch(() => env.ownerFacts.delete(data.run));
    }
    owner = await facts;
  }
  const part = await collectAccount(account, auth, undefined, twilioCollectors, pool);
  if (part.inventory.collections.some((c) => !c.ok && /HTTP 429\b/.test(c.error ?? ''))) throw new ThrottledError(data.account);
  const checked = checkAccount(part.inventory, twilioChecks, contextOf(settings), owner);
  return {
    account: data.account,
    worker: env.worker,
    complete: !part.inventory.collections.some((c) => !c.ok),
    checked: checked.map(({ remediation: _r, note: _n, ...f }) => f),
    errors: part.errors,
    requests: pool.stats.requests,
    throttled: pool.stats.throttled,
    retries: pool.stats.retries,
  };
}

/** The account's record and credentials: the master's own, or the subaccount's token as /Accounts/{sid} gives it to the master. */
async function readAccount(master: ReturnType<typeof createAccountClient>, sid: string, credentials: TwilioCredentials): Promise<{ account: InventoryAccount; auth?: AccountAuth }> {
  const item = await fetchOne(master, twilioUrl('api', `/2010-04-01/Accounts/${sid}.json`));
  const account = inventoryAccount(sid, item);
  if (sid === credentials.accountSid) return { account, auth: masterAuth(credentials) };
  const token = item?.auth_token;
  return { account, ...(typeof token === 'string' && token ? { auth: { accountSid: sid, username: sid, password: token } } : {}) };
}

async function ownerFactsFor(master: ReturnType<typeof createAccountClient>, ownerSid: string, credentials: TwilioCredentials, pool: ClientPool): Promise<OwnerFacts> {
  const { account, auth } = await readAccount(master, ownerSid, credentials);
  const collectors = twilioCollectors.filter((c) => c.kinds.some((k) => OWNER_FACT_KINDS.has(k)));
  return ownerFactsOf(await collectAccount(account, auth, undefined, collectors, pool));
}

/** A worker checks its credentials once before taking jobs: wrong ones would fail every job it took. */
export async function verifyWorkerCredentials(credentials: TwilioCredentials, inner: InnerClient, baseUrl?: string): Promise<void> {
  const pool = new ClientPool({ ...(baseUrl ? { baseUrl } : {}), perAccountConcurrency: 1, totalConcurrency: 1, timeoutMs: 10_000, inner });
  try {
    await fetchOne(createAccountClient(masterAuth(credentials), pool), twilioUrl('api', `/2010-04-01/Accounts/${credentials.accountSid}.json`));
  } catch (error) {
    if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
      const which = credentials.kind === 'api-key' ? 'TWILIO_API_KEY / TWILIO_API_SECRET' : 'TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN';
      throw new CredentialError(`Twilio rejected this worker's credentials (HTTP ${error.status}): check ${which}`);
    }
    throw new CredentialError(`this worker cannot reach Twilio (${describeError(error)}): check the network or --twilio-base-url`);
  }
}
