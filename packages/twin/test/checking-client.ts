// An SDK httpClient for tests: the twin's rewrite plus a contract check of every response
// the twin serves, so any test that talks to the twin also proves spec conformance.
import type BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import { rewriteTwilioUrl } from '../src/base-url.ts';
import { TwinRequestClient } from '../src/http-client.ts';
import { validateTwinResponse } from './contract.ts';

export interface Violation {
  method: string;
  path: string;
  status: number;
  errors: string[];
}

export class ContractCheckingClient extends TwinRequestClient {
  readonly violations: Violation[] = [];
  checked = 0;

  override async request<TData>(opts: BaseRequestClient.RequestOptions<TData>) {
    const response = await super.request<TData>(opts);
    const url = new URL(rewriteTwilioUrl(opts.uri, this.baseUrl));
    const status = response.statusCode;
    if (status < 300 && status !== 204) {
      const body: unknown = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
      const result = validateTwinResponse(opts.method.toUpperCase(), url.pathname, status, body);
      this.checked++;
      if (!result.ok) this.violations.push({ method: opts.method, path: url.pathname, status, errors: result.errors });
    }
    return response;
  }
}
