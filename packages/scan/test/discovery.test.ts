import { describe, expect, it } from 'vitest';
import { discoverAccounts, ScanInputError, SUBACCOUNTS_UNLISTED } from '../src/collect/accounts-discovery.ts';
import { CredentialError, type TwilioCredentials } from '../src/twilio/credentials.ts';
import type { TwilioClient } from '../src/twilio/client.ts';

const sid = (n: number) => `AC${String(n).padStart(32, '0')}`;
const credentials: TwilioCredentials = { accountSid: sid(1), username: sid(1), password: 'master-token', kind: 'auth-token' };

function clientAnswering(statusCode: number, accounts: object[] = []): TwilioClient {
  return { request: async () => ({ statusCode, body: { accounts, next_page_uri: null } }) } as unknown as TwilioClient;
}

const listing = [
  { sid: sid(1), friendly_name: 'Master', status: 'active', date_created: 'Mon, 05 Jan 2026 09:00:00 +0000' },
  { sid: sid(2), owner_account_sid: sid(1), friendly_name: 'Sub', status: 'active', auth_token: 'sub-token' },
  { sid: sid(3), owner_account_sid: sid(1), friendly_name: 'Closed', status: 'closed', auth_token: 'x' },
  { sid: sid(4), owner_account_sid: sid(1), friendly_name: 'No token', status: 'suspended' },
  { sid: sid(5), owner_account_sid: sid(9), friendly_name: 'Someone else', status: 'active', auth_token: 'y' },
];

describe('discoverAccounts', () => {
  it('takes the master and its open subaccounts, with their tokens in memory only', async () => {
    const { accounts, error } = await discoverAccounts(clientAnswering(200, listing), credentials);
    expect(error).toBeUndefined();
    expect(accounts.map((a) => a.account.sid)).toEqual([sid(1), sid(2), sid(4)]);
    expect(accounts[0]!.account).toEqual({ platform: 'twilio', sid: sid(1), friendlyName: 'Master', status: 'active', dateCreated: '2026-01-05T09:00:00.000Z' });
    expect(accounts[1]!.auth).toEqual({ accountSid: sid(2), username: sid(2), password: 'sub-token' });
    expect(accounts[2]!.auth).toBeUndefined();
    expect(JSON.stringify(accounts.map((a) => a.account))).not.toContain('sub-token');
  });

  it('--account narrows, and names an account that is not in the organisation', async () => {
    const { accounts } = await discoverAccounts(clientAnswering(200, listing), credentials, [sid(2)]);
    expect(accounts.map((a) => a.account.sid)).toEqual([sid(2)]);
    await expect(discoverAccounts(clientAnswering(200, listing), credentials, [sid(8)])).rejects.toBeInstanceOf(ScanInputError);
  });

  it('rejected credentials are a CredentialError; other failures leave the master to scan', async () => {
    await expect(discoverAccounts(clientAnswering(401), credentials)).rejects.toThrow(/Twilio rejected the credentials \(HTTP 401\): check TWILIO_ACCOUNT_SID \/ TWILIO_AUTH_TOKEN/);
    await expect(discoverAccounts(clientAnswering(401), credentials)).rejects.toBeInstanceOf(CredentialError);
    const degraded = await discoverAccounts(clientAnswering(503), credentials);
    expect(degraded.accounts.map((a) => a.account.sid)).toEqual([sid(1)]);
    expect(degraded.error).toBe('account list: HTTP 503 from api /2010-04-01/Accounts.json');
  });

  it('an API key refused the account list but serving its own account scans the master alone, with one error', async () => {
    const keyCredentials: TwilioCredentials = { accountSid: sid(1), username: `SK${'0'.repeat(32)}`, password: 'key-secret', kind: 'api-key' };
    const standardKey = { request: async ({ uri }: { uri: string }) => (uri.includes('/Accounts.json') ? { statusCode: 401, body: {} } : { statusCode: 200, body: { applications: [] } }) } as unknown as TwilioClient;
    const discovery = await discoverAccounts(standardKey, keyCredentials);
    expect(discovery.accounts.map((a) => a.account.sid)).toEqual([sid(1)]);
    expect(discovery.error).toBe(SUBACCOUNTS_UNLISTED);
    // Refused everywhere: the key itself is wrong. And the auth token is never a Standard key.
    await expect(discoverAccounts(clientAnswering(401), keyCredentials)).rejects.toThrow(/check TWILIO_API_KEY \/ TWILIO_API_SECRET/);
    await expect(discoverAccounts(standardKey, credentials)).rejects.toBeInstanceOf(CredentialError);
  });
});
