// Which accounts a scan covers: the master and every subaccount that
// /2010-04-01/Accounts.json lists, or the ones --account names. Subaccount auth tokens
// read here are held in memory for the scan only, never stored in the inventory.
import type { InventoryAccount } from '../types.ts';
import type { TwilioCredentials } from '../twilio/credentials.ts';
import { CredentialError } from '../twilio/credentials.ts';
import type { TwilioClient } from '../twilio/client.ts';
import { HttpStatusError, describeError } from '../http/sanitize.ts';
import { fetchOne, listAll, twilioUrl, type Json } from './list.ts';

export interface DiscoveredAccount {
  account: InventoryAccount;
  /** Credentials to scan it with; undefined when the master could not read them. */
  auth?: { accountSid: string; username: string; password: string };
}

export class ScanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanInputError';
  }
}

export interface Discovery {
  accounts: DiscoveredAccount[];
  /** Set when the account list itself could not be read (sanitized). */
  error?: string;
}

/**
 * The one collection error (and stderr warning) when an API key cannot list subaccounts:
 * they cannot even be named, so the scan says why it is incomplete once.
 */
export const SUBACCOUNTS_UNLISTED = 'subaccounts not scanned: a Standard API key cannot list them; use a Main API key or the auth token';

/** Whether the credentials read one page of the account's own v2010 resources (a read any key type may make). */
async function servesOwnAccount(master: TwilioClient, accountSid: string): Promise<boolean> {
  try {
    await fetchOne(master, twilioUrl('api', `/2010-04-01/Accounts/${accountSid}/Applications.json?PageSize=1`));
    return true;
  } catch {
    return false;
  }
}

export async function discoverAccounts(master: TwilioClient, credentials: TwilioCredentials, only: readonly string[] = []): Promise<Discovery> {
  let listed: Json[];
  try {
    listed = await listAll(master, twilioUrl('api', '/2010-04-01/Accounts.json'), 'accounts');
  } catch (error) {
    if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
      // Twilio refuses /Accounts to Standard and Restricted API keys (only Main keys and the
      // auth token reach it) while the key still serves the account's own resources: scan
      // the master alone rather than calling working credentials wrong.
      if (credentials.kind === 'api-key' && only.every((sid) => sid === credentials.accountSid) && (await servesOwnAccount(master, credentials.accountSid))) {
        return { accounts: [{ account: { platform: 'twilio', sid: credentials.accountSid }, auth: masterAuth(credentials) }], error: SUBACCOUNTS_UNLISTED };
      }
      const which = credentials.kind === 'api-key' ? 'TWILIO_API_KEY / TWILIO_API_SECRET' : 'TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN';
      throw new CredentialError(`Twilio rejected the credentials (HTTP ${error.status}): check ${which} in the Twilio Console`);
    }
    // Without the list the master is still scanned; its designation stays unknown.
    return { accounts: [{ account: { platform: 'twilio', sid: credentials.accountSid }, auth: masterAuth(credentials) }], error: `account list: ${describeError(error)}` };
  }

  const bySid = new Map(listed.map((a) => [String(a.sid), a]));
  const wanted: string[] = only.length > 0 ? [...only] : [...bySid.keys()].filter((sid) => sid === credentials.accountSid || bySid.get(sid)?.owner_account_sid === credentials.accountSid);
  for (const sid of only) {
    if (!bySid.has(sid)) throw new ScanInputError(`--account ${sid} is neither the account of TWILIO_ACCOUNT_SID nor one of its subaccounts: check the SID`);
  }
  if (!wanted.includes(credentials.accountSid) && only.length === 0) wanted.unshift(credentials.accountSid);

  const accounts: DiscoveredAccount[] = [];
  for (const sid of wanted) {
    const item = bySid.get(sid);
    // A closed account serves nothing and cannot be changed: not in scope.
    if (item?.status === 'closed') continue;
    const account = inventoryAccount(sid, item);
    if (sid === credentials.accountSid) {
      accounts.push({ account, auth: masterAuth(credentials) });
    } else {
      const token = item?.auth_token;
      accounts.push({ account, ...(typeof token === 'string' && token ? { auth: { accountSid: sid, username: sid, password: token } } : {}) });
    }
  }
  return { accounts };
}

/** An account as the inventory names it, from its record in /2010-04-01/Accounts (list or single fetch). */
export function inventoryAccount(sid: string, item: Json | undefined): InventoryAccount {
  return {
    platform: 'twilio',
    sid,
    ...(typeof item?.friendly_name === 'string' ? { friendlyName: item.friendly_name } : {}),
    ...(typeof item?.owner_account_sid === 'string' && item.owner_account_sid !== sid ? { parent: item.owner_account_sid } : {}),
    ...(typeof item?.status === 'string' ? { status: item.status } : {}),
    ...(typeof item?.date_created === 'string' ? { dateCreated: new Date(item.date_created).toISOString() } : {}),
  };
}

export function masterAuth(credentials: TwilioCredentials) {
  return { accountSid: credentials.accountSid, username: credentials.username, password: credentials.password };
}
