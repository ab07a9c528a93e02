// The official SDK's RequestClient with the twin's base-URL rewrite, so users' own tests
// (and the scanner) drive the twin with `twilio(sid, token, { httpClient })` unchanged.
import twilio from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import { rewriteTwilioUrl } from './base-url.ts';

type RequestClientOptions = ConstructorParameters<typeof twilio.RequestClient>[0];

export class TwinRequestClient extends twilio.RequestClient {
  constructor(
    readonly baseUrl: string,
    options?: RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: BaseRequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUrl(opts.uri, this.baseUrl) });
  }
}

/** An SDK httpClient that sends every *.twilio.com request to the twin at `base`. */
export function twinHttpClient(base: string, options?: RequestClientOptions): TwinRequestClient {
  return new TwinRequestClient(base, options);
}
