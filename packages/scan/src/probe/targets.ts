// Which URLs the webhook-signature probe may call: the URLs TW-HTTPS reads (URL_FIELDS),
// https only, each distinct URL once. http:// URLs are not probed: TW-HTTPS already fails
// them, and an unsigned request in clear text is not something to add to a broken
// endpoint; their TW-WEBHOOK-SIGNATURE finding says "not probed" (unknown, never pass).
// Studio widget URLs are left out: a "Make HTTP Request" widget calls any API (payment,
// EHR, a partner's), not the customer's webhook, and POSTing a fake message there could
// act at a third party.
import { isHttps } from '../checks/evidence.ts';
import { URL_FIELDS } from '../checks/url-fields.ts';
import { ofKind } from '../checks/resources.ts';
import type { Inventory } from '../types.ts';

export const PROBED_KINDS: readonly string[] = Object.keys(URL_FIELDS).filter((kind) => kind !== 'studio.flow');

export interface ProbeTarget {
  url: string;
  /** The first account (in SID order) whose resources configure the URL; it goes in the request's AccountSid. */
  account: string;
}

export function probeTargets(inventory: Inventory): ProbeTarget[] {
  const byUrl = new Map<string, string>();
  for (const kind of PROBED_KINDS) {
    const extract = URL_FIELDS[kind]!;
    for (const resource of ofKind(inventory, kind)) {
      if (resource.platform !== 'twilio') continue;
      for (const { url } of extract(resource)) {
        if (!isHttps(url)) continue;
        const known = byUrl.get(url);
        if (known === undefined || resource.account < known) byUrl.set(url, resource.account);
      }
    }
  }
  // Sorted so probe records (and their ids) come out the same run to run.
  return [...byUrl].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([url, account]) => ({ url, account }));
}
