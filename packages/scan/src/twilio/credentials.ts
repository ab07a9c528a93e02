// Twilio credentials the way users hold them: TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN,
// or TWILIO_API_KEY + TWILIO_API_SECRET with the account SID. Errors name the variable
// and the fix in one line and never echo a value.

export interface TwilioCredentials {
  /** The master account the scan starts from. */
  accountSid: string;
  /** Basic-auth user: the account SID, or the API key SID. */
  username: string;
  password: string;
  kind: 'auth-token' | 'api-key';
}

export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/i;
const API_KEY_SID = /^SK[0-9a-f]{32}$/i;

export function credentialsFromEnv(env: Record<string, string | undefined>): TwilioCredentials {
  const accountSid = env.TWILIO_ACCOUNT_SID?.trim();
  const apiKey = env.TWILIO_API_KEY?.trim();
  const apiSecret = env.TWILIO_API_SECRET?.trim();
  const authToken = env.TWILIO_AUTH_TOKEN?.trim();
  if (!accountSid) {
    throw new CredentialError(
      'TWILIO_ACCOUNT_SID is not set: export TWILIO_ACCOUNT_SID=AC... with TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), or try `chaperone scan --demo`',
    );
  }
  if (!ACCOUNT_SID.test(accountSid)) {
    throw new CredentialError('TWILIO_ACCOUNT_SID is not an account SID: it must be "AC" followed by 32 hex digits (see the Twilio Console)');
  }
  if (apiKey || apiSecret) {
    if (!apiKey) throw new CredentialError('TWILIO_API_SECRET is set but TWILIO_API_KEY is not: export TWILIO_API_KEY=SK...');
    if (!apiSecret) throw new CredentialError('TWILIO_API_KEY is set but TWILIO_API_SECRET is not: export the secret shown when the key was created');
    if (!API_KEY_SID.test(apiKey)) throw new CredentialError('TWILIO_API_KEY is not an API key SID: it must be "SK" followed by 32 hex digits');
    return { accountSid, username: apiKey, password: apiSecret, kind: 'api-key' };
  }
  if (!authToken) {
    throw new CredentialError('TWILIO_AUTH_TOKEN is not set: export TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET) for TWILIO_ACCOUNT_SID');
  }
  return { accountSid, username: accountSid, password: authToken, kind: 'auth-token' };
}
