import { createHash, timingSafeEqual } from 'node:crypto';

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
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return 'wrong';
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'wrong';
  const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), digest(expected.username));
  const passOk = timingSafeEqual(digest(decoded.slice(colon + 1)), digest(expected.password));
  return userOk && passOk ? 'ok' : 'wrong';
}

export function basicAuthChallenge(credentials: BasicAuthCredentials): string {
  const realm = (credentials.realm ?? 'twilio-webhooks').replace(/["\\]/g, '');
  return `Basic realm="${realm}", charset="UTF-8"`;
}
