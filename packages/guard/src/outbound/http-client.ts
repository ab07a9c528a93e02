import twilio from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import type TwilioResponse from 'twilio/lib/http/response.js';
import { pkcvHttpClient, type PkcvCredentials } from './pkcv.ts';
import { createOutboundPolicy, type OutboundGuardOptions, type OutboundPolicy } from './policy.ts';

type RequestClientOptions = ConstructorParameters<typeof twilio.RequestClient>[0];

/** Anything with the SDK RequestClient's `request` method (the twin's client, a test double...). */
export interface RequestClientLike {
  request<TData>(opts: BaseRequestClient.RequestOptions<TData>): Promise<unknown>;
}

export interface GuardedHttpClientOptions extends OutboundGuardOptions {
  /** The client that actually sends; default a new twilio.RequestClient(requestClientOptions). */
  httpClient?: RequestClientLike;
  requestClientOptions?: RequestClientOptions;
  /** Sign every request with Public Key Client Validation (TW-PKCV), through the SDK's own machinery. */
  pkcv?: PkcvCredentials;
}

/**
 * An SDK httpClient that runs the outbound policy on every request before handing it to
 * the real RequestClient. A refused request never reaches `inner`, so no socket opens.
 * Extends RequestClient so it type-checks wherever the SDK expects one.
 */
export class GuardedRequestClient extends twilio.RequestClient {
  readonly inner: RequestClientLike;
  readonly #policy: OutboundPolicy;

  constructor(inner: RequestClientLike, policy: OutboundPolicy) {
    super();
    this.inner = inner;
    this.#policy = policy;
  }

  override request<TData>(opts: BaseRequestClient.RequestOptions<TData>): Promise<TwilioResponse.default<TData>> {
    let verdict;
    try {
      verdict = this.#policy.inspect(opts);
    } catch {
      // The policy itself failing is a rule failure: refuse.
      return Promise.reject(new Error('chaperone guard: the outbound policy failed; the request was not sent'));
    }
    if (!verdict.send) return Promise.reject(verdict.error);
    return this.inner.request(opts) as Promise<TwilioResponse.default<TData>>;
  }
}

/** `twilio(sid, token, { httpClient: guardedHttpClient({ mode: 'enforce', sink }) })`. */
export function guardedHttpClient(options: GuardedHttpClientOptions = {}): GuardedRequestClient {
  const policy = createOutboundPolicy(options);
  const inner = options.pkcv
    ? pkcvHttpClient(options.pkcv, { httpClient: options.httpClient, requestClientOptions: options.requestClientOptions })
    : (options.httpClient ?? new twilio.RequestClient(options.requestClientOptions));
  return new GuardedRequestClient(inner, policy);
}
