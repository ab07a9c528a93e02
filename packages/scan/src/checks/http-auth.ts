// TW-HTTP-AUTH (recommended): webhook URLs carry HTTP basic/digest credentials
// (`https://user:pass@host`). Twilio sends basic auth only when the configured URL carries
// the credentials, so a URL without userinfo means the recommendation is not followed:
// `fail`, at the catalog's (low) severity. The credentials never reach the evidence.
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
        ? [resourceFinding('TW-HTTP-AUTH', 'fail', r, `URL(s) without HTTP auth credentials, so Twilio sends no basic auth: ${open.map((u) => urlEvidence(u.path, u.url)).join('; ')}`)]
        : [resourceFinding('TW-HTTP-AUTH', 'pass', r, `${urls.length} URL(s) carry HTTP auth credentials`)];
    });
  },
}));
