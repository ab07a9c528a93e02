// The opt-in probe step of `scan --probe-webhooks` (I/O, like a collector): one unsigned
// request to each distinct https webhook URL of the inventory, a few at a time, each
// observation a `probe.webhook` record. The TW-WEBHOOK-SIGNATURE check reads the records;
// it never makes a request itself.
import type { CollectionRecord, Inventory, InventoryResource } from '../types.ts';
import { sendProbe, type ProbeRequestOptions, type ProbeResponse } from './request.ts';
import { probeTargets } from './targets.ts';

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
  const targets = probeTargets(inventory);
  const send = options.send ?? sendProbe;
  const requestOptions: ProbeRequestOptions = { timeoutMs: options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, ...(options.ca ? { ca: options.ca } : {}), ...(options.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}) };
  const resources: InventoryResource[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const target = targets[i]!;
      let response: ProbeResponse;
      try {
        response = await send(target.url, target.account, requestOptions);
      } catch {
        response = { error: 'REQUEST_FAILED', basicAuth: false };
      }
      const fields: ProbeFields = { url: target.url, ...response };
      resources[i] = { platform: 'twilio', kind: PROBE_KIND, sid: `probe-${i + 1}`, account: target.account, fields: { ...fields } };
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_PROBE_CONCURRENCY, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  // The probe ran for every Twilio account: a URL without an answer is its own unknown finding.
  const collections: CollectionRecord[] = inventory.accounts
    .filter((a) => a.platform === 'twilio')
    .map((a) => ({ platform: 'twilio', account: a.sid, kind: PROBE_KIND, ok: true }));
  return { resources, collections };
}
