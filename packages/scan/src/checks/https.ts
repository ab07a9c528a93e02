// TW-HTTPS: every URL Twilio calls is https. One check per kind, so an API that could
// not be read makes only its own URLs unknown.
import type { Check } from '../check.ts';
import { isHttps, urlEvidence } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';
import { URL_FIELDS } from './url-fields.ts';

export const httpsChecks: Check[] = Object.entries(URL_FIELDS).map(([kind, extract]) => ({
  name: `https-${kind}`,
  control: 'TW-HTTPS',
  needs: [kind],
  run(inventory) {
    return ofKind(inventory, kind).flatMap((r) => {
      const urls = extract(r);
      if (urls.length === 0) return [];
      const insecure = urls.filter((u) => !isHttps(u.url));
      return insecure.length > 0
        ? [resourceFinding('TW-HTTPS', 'fail', r, insecure.map((u) => urlEvidence(u.path, u.url)).join('; '))]
        : [resourceFinding('TW-HTTPS', 'pass', r, `${urls.length} URL(s) use https`)];
    });
  },
}));
