import { GuardedRequestClient, guardedHttpClient, type RequestClientLike } from './http-client.ts';
import type { PkcvCredentials } from './pkcv.ts';
import type { OutboundGuardOptions } from './policy.ts';

interface TwilioClientLike {
  httpClient?: RequestClientLike;
}

/**
 * Puts the outbound guard in front of an existing client's httpClient (whatever it is:
 * the default RequestClient, a custom one, the twin's). Returns the same client.
 * Guarding twice replaces the earlier guard rather than stacking a second one. With `pkcv`,
 * the inner client (an SDK RequestClient) also signs every request (TW-PKCV).
 */
export function guardTwilio<T extends object>(client: T, options: OutboundGuardOptions & { pkcv?: PkcvCredentials } = {}): T {
  const current = (client as TwilioClientLike).httpClient;
  if (!current || typeof current.request !== 'function') {
    throw new TypeError('guardTwilio: the client has no httpClient; pass a client created with twilio(accountSid, authToken)');
  }
  const inner = current instanceof GuardedRequestClient ? current.inner : current;
  const guarded = guardedHttpClient({ ...options, httpClient: inner });
  // The SDK reads `this.httpClient` (a prototype getter over a private field) for every
  // request; an own property shadows it without touching SDK internals.
  Object.defineProperty(client, 'httpClient', { value: guarded, configurable: true, writable: true, enumerable: false });
  return client;
}
