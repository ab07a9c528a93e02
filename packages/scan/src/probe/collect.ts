// The opt-in probe step of `scan --probe-webhooks` (I/O, like a collector): one unsigned
// request to each distinct https webhook URL of the inventory, a few at a time, each
// observation a `probe.webhook` record. The TW-WEBHOOK-SIGNATURE check reads the records;
// it never makes a request itself.
import type { CollectionRecord, Inventory, InventoryResource } from '../types.ts';
import { sendProbe, type ProbeRequestOptions, type ProbeResponse } from './request.ts';
import { probeTargets } from './targets.ts';
import { Limiter } from '../http/limiter.ts';

export const PROBE_KIND = 'probe.webhook';
/** Requests in flight at once: the customer's own servers are on the other end, not Twilio. */
export const DEFAULT_PROBE_CONCURRENCY = 4;
export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

export interface WebhookProbeOptions {
  concurrency?: number;
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM), for tests against a local https server. */
  ca?: string | readonly string[];
  /** Probe private and loopback addresses too (tests only: Twilio can never reach them). */
  allowPrivateAddresses?: boolean;
  /** Replaces the request (tests count calls here). */
  send?: (url: string, accountSid: string, options: ProbeRequestOptions) => Promise<ProbeResponse>;
}

/** Fields of a `probe.webhook` record. `url` is the configured URL (kept in memory like every inventory URL; evidence redacts it). */
export interface ProbeFields extends ProbeResponse {
  url: string;
}

export async function probeWebhooks(inventory: Inventory, options: WebhookProbeOptions = {}): Promise<Pick<Inventory, 'resources' | 'collections'>> {
  return new WebhookProber(options).probe(inventory);
}

/**
 * The probe across a run that arrives account by account: each distinct URL is sent one
 * request for the whole run (ISVs point thousands of subaccounts at one webhook), at most
 * `concurrency` at a time, and every account whose resources name it gets the answer.
 */
export class WebhookProber {
  readonly #answers = new Map<string, Promise<ProbeResponse>>();
  readonly #limiter: Limiter;
  readonly #send: NonNullable<WebhookProbeOptions['send']>;
  readonly #requestOptions: ProbeRequestOptions;

  constructor(options: WebhookProbeOptions = {}) {
    this.#limiter = new Limiter(Math.max(1, options.concurrency ?? DEFAULT_PROBE_CONCURRENCY));
    this.#send = options.send ?? sendProbe;
    this.#requestOptions = { timeoutMs: options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, ...(options.ca ? { ca: options.ca } : {}), ...(options.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}) };
  }

  #answer(url: string, account: string): Promise<ProbeResponse> {
    let answer = this.#answers.get(url);
    if (!answer) {
      answer = this.#limiter.run(() => this.#send(url, account, this.#requestOptions)).catch((): ProbeResponse => ({ error: 'REQUEST_FAILED', basicAuth: false }));
      this.#answers.set(url, answer);
    }
    return answer;
  }

  /** Probe records for the URLs of `inventory`'s accounts (one `probe.webhook` record per URL and account). */
  async probe(inventory: Inventory): Promise<Pick<Inventory, 'resources' | 'collections'>> {
    const targets = probeTargets(inventory);
    const resources = await Promise.all(
      targets.map(async (target, i): Promise<InventoryResource> => {
        const fields: ProbeFields = { url: target.url, ...(await this.#answer(target.url, target.account)) };
        return { platform: 'twilio', kind: PROBE_KIND, sid: `probe-${i + 1}`, account: target.account, fields: { ...fields } };
      }),
    );
    // The probe ran for every Twilio account: a URL without an answer is its own unknown finding.
    const collections: CollectionRecord[] = inventory.accounts
      .filter((a) => a.platform === 'twilio')
      .map((a) => ({ platform: 'twilio', account: a.sid, kind: PROBE_KIND, ok: true }));
    return { resources, collections };
  }
}
