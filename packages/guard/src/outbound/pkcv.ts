// Public Key Client Validation (TW-PKCV): every request to Twilio carries a
// `Twilio-Client-Validation` JWT signed with the customer's private key. The signing is the
// twilio SDK's own (RequestClient's `validationClient` option and its
// `validationInterceptor`, which build a ValidationToken over the canonical request); this
// module only wires it in and checks that it is wired.
import { createPrivateKey } from 'node:crypto';
import twilio from 'twilio';
import type ValidationClient from 'twilio/lib/base/ValidationClient.js';
import type { Decision } from './decision.ts';
import { HipaaPolicyError } from './error.ts';
import { GuardedRequestClient, type RequestClientLike } from './http-client.ts';
import { emit, type GuardSink } from '../sink.ts';

/** The SDK's ValidationClient options: AC account, CR credential (the uploaded public key), SK signing key, PEM private key. */
export type PkcvCredentials = ValidationClient.ValidationClientOptions;

type RequestClientOptions = ConstructorParameters<typeof twilio.RequestClient>[0];

// Clients this module made sign; a WeakSet so tracking never keeps a client alive.
const signingClients = new WeakSet<object>();

const SID_PREFIXES = { accountSid: 'AC', credentialSid: 'CR', signingKey: 'SK' } as const;

/** One-line errors naming the field, never echoing the key. */
export function assertPkcvCredentials(credentials: PkcvCredentials): void {
  if (credentials === null || typeof credentials !== 'object') throw new TypeError('pkcv: credentials missing; pass { accountSid, credentialSid, signingKey, privateKey }');
  for (const [field, prefix] of Object.entries(SID_PREFIXES) as [keyof typeof SID_PREFIXES, string][]) {
    const value = credentials[field];
    if (typeof value !== 'string' || !new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value)) {
      throw new TypeError(`pkcv: ${field} must be a ${prefix} SID (34 characters); pass the ${field === 'credentialSid' ? 'SID of the public key uploaded to /v1/Credentials/PublicKeys' : field === 'signingKey' ? 'API key SID' : 'account SID'}`);
    }
  }
  try {
    createPrivateKey(credentials.privateKey);
  } catch {
    throw new TypeError('pkcv: privateKey is not a PEM private key; pass the private half of the key pair whose public key Twilio holds');
  }
  const algorithm = credentials.algorithm ?? 'RS256';
  if (algorithm !== 'RS256' && algorithm !== 'PS256') throw new TypeError(`pkcv: algorithm must be RS256 or PS256, got ${JSON.stringify(String(algorithm))}`);
}

export interface PkcvHttpClientOptions {
  /** An SDK RequestClient to sign through (the twin's client, one with custom agents...). Default: a new one. */
  httpClient?: RequestClientLike;
  requestClientOptions?: RequestClientOptions;
}

/**
 * An SDK RequestClient whose every request carries `Twilio-Client-Validation`.
 * `twilio(apiKeySid, apiKeySecret, { accountSid, httpClient: pkcvHttpClient(credentials) })`.
 */
export function pkcvHttpClient(credentials: PkcvCredentials, options: PkcvHttpClientOptions = {}): twilio.RequestClient {
  assertPkcvCredentials(credentials);
  if (options.httpClient === undefined) {
    const client = new twilio.RequestClient({ ...options.requestClientOptions, validationClient: credentials });
    signingClients.add(client);
    return client;
  }
  const client = options.httpClient;
  if (!(client instanceof twilio.RequestClient)) {
    throw new TypeError('pkcv: httpClient must be a twilio.RequestClient (or subclass) so the SDK can sign it; pass one, or omit httpClient');
  }
  // A guarded client sends through its inner client, not its own axios: sign the inner one.
  if (client instanceof GuardedRequestClient) {
    pkcvHttpClient(credentials, { httpClient: client.inner });
    return client;
  }
  if (!signingClients.has(client)) {
    // The SDK's own interceptor, installed the way its constructor does for `validationClient`.
    client.axios.interceptors.request.use(client.validationInterceptor(credentials));
    signingClients.add(client);
  }
  return client;
}

interface TwilioClientLike {
  httpClient?: unknown;
  validationClient?: unknown;
  opts?: { httpClient?: unknown };
}

/**
 * Does this client (a `twilio(...)` client, a guarded one, or an httpClient) sign its
 * requests with PKCV? A Decision under TW-PKCV when it does not, or when that cannot be
 * established (unknown is never pass).
 */
export function checkPkcv(client: unknown): Decision | undefined {
  if (client === null || typeof client !== 'object') return pkcvMissing('no Twilio client was given');
  const twilioClient = client as TwilioClientLike;
  let sender: unknown = 'httpClient' in twilioClient || 'opts' in twilioClient ? twilioClient.httpClient : client;
  if (sender instanceof GuardedRequestClient) sender = sender.inner;
  if (typeof sender === 'object' && sender !== null && signingClients.has(sender)) return undefined;
  // twilio(sid, secret, { validationClient }) signs through the RequestClient the SDK builds,
  // and only that one: a custom httpClient next to validationClient is not signed.
  if (twilioClient.validationClient) {
    if (twilioClient.opts?.httpClient === undefined && sender instanceof twilio.RequestClient) return undefined;
    return pkcvMissing('validationClient is set but a custom httpClient is used, and the SDK signs only its own RequestClient');
  }
  return pkcvMissing('the client sends requests without Public Key Client Validation');
}

function pkcvMissing(reason: string): Decision {
  return {
    controlId: 'TW-PKCV',
    reason,
    fix: 'create the client with twilio(sid, secret, { validationClient }) or pass pkcv credentials to guardedHttpClient / pkcvHttpClient',
  };
}

/** Throws HipaaPolicyError (TW-PKCV) unless the client signs with PKCV; records the decision. */
export function assertPkcv<T>(client: T, options: { sink?: GuardSink } = {}): T {
  const decision = checkPkcv(client);
  emit(options.sink, decision ? 'warn' : 'debug', { event: 'twilio.pkcv.check', outcome: decision ? 'denied' : 'allowed', controlIds: ['TW-PKCV'], ...(decision ? { reason: decision.reason } : {}) });
  if (decision) throw new HipaaPolicyError(decision.controlId, 'pkcv', decision.reason, decision.fix);
  return client;
}
