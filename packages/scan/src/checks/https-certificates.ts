// TW-HTTPS, the guide's "Twilio cannot handle self-signed certificates": only the opt-in
// probe sees a webhook's certificate, so these checks read its records (`probe.webhook`)
// and fail each resource whose https URL presented a certificate no public CA vouches for.
// Other TLS errors (expired, wrong host) and every other URL add nothing here: TW-HTTPS's
// scheme checks judge the URLs, and the signature check reports the probe's other answers.
import type { Check } from '../check.ts';
import { PROBE_KIND, type ProbeFields } from '../probe/collect.ts';
import { PROBED_KINDS } from '../probe/targets.ts';
import { isHttps, urlEvidence } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';
import { URL_FIELDS } from './url-fields.ts';

/** Node's TLS error codes for a self-signed or privately issued certificate. */
export const UNTRUSTED_CERTIFICATE_ERRORS: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

export const httpsCertificateChecks: Check[] = PROBED_KINDS.map((kind) => ({
  name: `https-certificate-${kind}`,
  control: 'TW-HTTPS',
  needs: [kind, PROBE_KIND],
  run(inventory) {
    const errors = new Map<string, string>();
    for (const record of ofKind(inventory, PROBE_KIND)) {
      const fields = record.fields as unknown as ProbeFields;
      if (typeof fields.url === 'string' && fields.error && UNTRUSTED_CERTIFICATE_ERRORS.has(fields.error)) errors.set(fields.url, fields.error);
    }
    if (errors.size === 0) return [];
    return ofKind(inventory, kind).flatMap((r) => {
      const bad = URL_FIELDS[kind]!(r).filter((u) => isHttps(u.url) && errors.has(u.url));
      if (bad.length === 0) return [];
      const evidence = bad.map((u) => `${urlEvidence(u.path, u.url)}: certificate not trusted (${errors.get(u.url)!}); Twilio cannot reach self-signed certificates`).join('; ');
      return [resourceFinding('TW-HTTPS', 'fail', r, evidence)];
    });
  },
}));
