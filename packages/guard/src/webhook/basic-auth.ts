import { createHash, timingSafeEqual } from 'node:crypto';
import basicAuth from 'basic-auth';

export interface BasicAuthCredentials {
  username: string;
  password: string;
  /** Realm sent in the challenge; Twilio retries with credentials after a 401. */
  realm?: string;
}

export type BasicAuthResult = 'ok' | 'missing' | 'wrong';

// Hashing both sides first makes the comparison constant-time regardless of length,
// which timingSafeEqual alone does not (it throws on a length mismatch).
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function checkBasicAuth(header: string | undefined, expected: BasicAuthCredentials): BasicAuthResult {
  if (!header) return 'missing';
  // The `basic-auth` package parses the header (scheme, base64, the first colon); only the
  // comparison is ours, constant-time.
  const given = basicAuth.parse(header);
  if (!given) return 'wrong';
  const userOk = timingSafeEqual(digest(given.name), digest(expected.username));
  const passOk = timingSafeEqual(digest(given.pass), digest(expected.password));
  return userOk && passOk ? 'ok' : 'wrong';
}

export function basicAuthChallenge(credentials: BasicAuthCredentials): string {
  const realm = (credentials.realm ?? 'twilio-webhooks').replace(/["\\]/g, '');
  return `Basic realm="${realm}", charset="UTF-8"`;
}
