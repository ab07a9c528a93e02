// The active twilio-cli profile as the environment `chaperone scan` reads its credentials
// from: twilio-cli profiles hold an API key and secret, or (created from environment
// variables) the account SID and auth token.
import type { Profile } from '@twilio/cli-core';

const TWILIO_CREDENTIALS = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET'] as const;

export class ProfileError extends Error {}

export function profileEnv(env: NodeJS.ProcessEnv, profile: Profile): NodeJS.ProcessEnv {
  // Chaperone reads Twilio's US1 API hosts only: scanning a regional profile there would
  // audit another account's data, or none, and look complete. Refuse instead.
  if (profile.region) throw new ProfileError(`profile "${profile.id}" is for region ${profile.region}: chaperone scans the default region (US1) only; use a US1 profile (twilio profiles:use)`);
  const own: NodeJS.ProcessEnv = { ...env };
  // Only the profile's credentials: never a mix of it and stray TWILIO_* variables.
  for (const name of TWILIO_CREDENTIALS) delete own[name];
  own.TWILIO_ACCOUNT_SID = profile.accountSid;
  if (profile.apiKey === profile.accountSid) own.TWILIO_AUTH_TOKEN = profile.apiSecret;
  else {
    own.TWILIO_API_KEY = profile.apiKey;
    own.TWILIO_API_SECRET = profile.apiSecret;
  }
  return own;
}
