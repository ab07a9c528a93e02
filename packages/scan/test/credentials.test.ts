import { describe, expect, it } from 'vitest';
import { CredentialError, credentialsFromEnv } from '../src/twilio/credentials.ts';

const SID = 'AC' + 'a'.repeat(32);
const KEY = 'SK' + 'b'.repeat(32);

describe('credentialsFromEnv', () => {
  it('takes account SID + auth token', () => {
    expect(credentialsFromEnv({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'secret-token' })).toEqual({ accountSid: SID, username: SID, password: 'secret-token', kind: 'auth-token' });
  });

  it('takes API key + secret with the account SID', () => {
    expect(credentialsFromEnv({ TWILIO_ACCOUNT_SID: SID, TWILIO_API_KEY: KEY, TWILIO_API_SECRET: 'key-secret' })).toEqual({ accountSid: SID, username: KEY, password: 'key-secret', kind: 'api-key' });
  });

  it.each([
    [{}, /TWILIO_ACCOUNT_SID is not set/],
    [{ TWILIO_ACCOUNT_SID: 'AC123' }, /not an account SID/],
    [{ TWILIO_ACCOUNT_SID: SID }, /TWILIO_AUTH_TOKEN is not set/],
    [{ TWILIO_ACCOUNT_SID: SID, TWILIO_API_KEY: KEY }, /TWILIO_API_SECRET/],
    [{ TWILIO_ACCOUNT_SID: SID, TWILIO_API_SECRET: 'leaked-secret-value' }, /TWILIO_API_KEY is not/],
    [{ TWILIO_ACCOUNT_SID: SID, TWILIO_API_KEY: 'SKnope', TWILIO_API_SECRET: 'leaked-secret-value' }, /not an API key SID/],
  ])('rejects %j with one line naming the fix and no secret', (env, message) => {
    let error: unknown;
    try {
      credentialsFromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CredentialError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).not.toContain('leaked-secret-value');
  });
});
