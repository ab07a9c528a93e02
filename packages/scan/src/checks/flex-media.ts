// TW-FLEX-CUSTOM-MEDIA: custom media URLs attached to conversations are secured. The Flex
// Configuration resource (flex v1 schema) has no dedicated media field: custom media and
// attachment endpoints live in the free-form JSON settings (ui_attributes, attributes,
// channel_configs...). Every absolute URL there must be https (the scan side); whether the
// media store behind it is access-controlled no API shows, so an all-https configuration
// stays `manual` for a person to attest, never `pass`. The top-level webhook URLs are
// TW-HTTPS's, not repeated here.
import type { Check } from '../check.ts';
import type { InventoryResource } from '../types.ts';
import { isHttps, parseMaybeJson, urlEvidence } from './evidence.ts';
import { FLEX_JSON_FIELDS } from './flex-fields.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

function urlsIn(value: unknown, path: string, out: { path: string; url: string }[]): void {
  const parsed = parseMaybeJson(value);
  if (typeof parsed === 'string') {
    if (ABSOLUTE_URL.test(parsed.trim())) out.push({ path, url: parsed.trim() });
  } else if (Array.isArray(parsed)) {
    parsed.forEach((v, i) => urlsIn(v, `${path}[${i}]`, out));
  } else if (parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(parsed)) urlsIn(v, `${path}.${k}`, out);
  }
}

export function customMediaUrls(r: InventoryResource): { path: string; url: string }[] {
  const out: { path: string; url: string }[] = [];
  for (const field of FLEX_JSON_FIELDS) urlsIn(r.fields[field], field, out);
  return out;
}

export const flexCustomMedia: Check = {
  name: 'flex-custom-media-https',
  control: 'TW-FLEX-CUSTOM-MEDIA',
  needs: ['flex.configuration'],
  run: (inventory) =>
    ofKind(inventory, 'flex.configuration').map((r) => {
      const urls = customMediaUrls(r);
      const insecure = urls.filter((u) => !isHttps(u.url));
      if (insecure.length > 0) return resourceFinding('TW-FLEX-CUSTOM-MEDIA', 'fail', r, `not https: ${insecure.map((u) => urlEvidence(u.path, u.url)).join('; ')}`);
      const seen = urls.length > 0 ? `${urls.length} custom URL(s) in the Flex configuration use https` : 'no custom URL in the Flex configuration';
      return resourceFinding('TW-FLEX-CUSTOM-MEDIA', 'manual', r, `${seen}; attest in chaperone.yaml that media behind them is access-controlled`);
    }),
};
