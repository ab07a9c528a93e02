// One twilio SDK client per scanned account, each on its own ScanHttpClient so the
// per-account concurrency limit holds while all accounts share the pool.
import twilio from 'twilio';
import type { ClientPool } from '../http/scan-http-client.ts';

export type TwilioClient = ReturnType<typeof twilio>;

export interface AccountAuth {
  accountSid: string;
  username: string;
  password: string;
}

export function createAccountClient(auth: AccountAuth, pool: ClientPool): TwilioClient {
  const httpClient = pool.forAccount();
  // The SDK types httpClient as its RequestClient; ours implements the one method it calls.
  return twilio(auth.username, auth.password, {
    accountSid: auth.accountSid,
    httpClient: httpClient as unknown as InstanceType<typeof twilio.RequestClient>,
  });
}
