// TW-HTTP-AUTH (recommended): webhook URLs carry HTTP basic/digest credentials
// (`https://user:pass@host`). A recommendation, not a requirement: URLs without them are
// `manual` (a person decides), never `fail`. The credentials never reach the evidence.
import type { Check } from '../check.ts';
import { hasUserinfo, urlEvidence } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';
import { URL_FIELDS } from './url-fields.ts';

export const httpAuthChecks: Check[] = Object.entries(URL_FIELDS).map(([kind, extract]) => ({
  name: `http-auth-${kind}`,
  control: 'TW-HTTP-AUTH',
  needs: [kind],
  run(inventory) {
    return ofKind(inventory, kind).flatMap((r) => {
      const urls = extract(r);
      if (urls.length === 0) return [];
      const open = urls.filter((u) => !hasUserinfo(u.url));
      return open.length > 0
        ? [resourceFinding('TW-HTTP-AUTH', 'manual', r, `recommended HTTP auth not configured (confirm the app validates X-Twilio-Signature): ${open.map((u) => urlEvidence(u.path, u.url)).join('; ')}`)]
        : [resourceFinding('TW-HTTP-AUTH', 'pass', r, `${urls.length} URL(s) carry HTTP auth credentials`)];
    });
  },
}));
