// TW-WEBHOOK-SIGNATURE, from the opt-in probe's records (`probe.webhook`): an unsigned
// request to each webhook must be refused. 2xx/3xx = the app accepted it (fail); 401/403
// from the app = refused (pass); a refusal that cannot be the signature check (an HTML
// page, a CDN's or WAF's headers: an IP filter or firewall in front of the app answered;
// a Basic challenge to a URL without credentials: an auth layer answered) and anything
// else (404, 405, 5xx, no answer, TLS error, not probed) says nothing about the signature
// and is unknown, never pass. Only registered when the scan
// probes; without the probe the control stays `manual`. One check per kind, like TW-HTTPS.
import type { Check } from '../check.ts';
import { PROBE_KIND, type ProbeFields } from '../probe/collect.ts';
import { PROBED_KINDS } from '../probe/targets.ts';
import { redactUrl } from '../http/sanitize.ts';
import type { FindingStatus, Inventory } from '../types.ts';
import { isHttps } from './evidence.ts';
import { resourceFinding } from './finding.ts';
import { ofKind } from './resources.ts';
import { URL_FIELDS } from './url-fields.ts';

interface Verdict {
  status: Exclude<FindingStatus, 'manual' | 'attested' | 'muted'>;
  evidence: string;
}

export function probeVerdict(url: string, probe: ProbeFields | undefined): Verdict {
  const sent = `POST ${redactUrl(url)} without X-Twilio-Signature`;
  if (!isHttps(url)) return { status: 'unknown', evidence: `${redactUrl(url)} not probed: only https URLs are probed (see TW-HTTPS)` };
  if (!probe) return { status: 'unknown', evidence: `${redactUrl(url)} not probed` };
  if (probe.error === 'PRIVATE_ADDRESS') return { status: 'unknown', evidence: `${redactUrl(url)} not probed: its host is a private or loopback address, which Twilio cannot reach either` };
  const status = probe.status;
  if (status === undefined) return { status: 'unknown', evidence: `${sent} got no answer (${probe.error ?? 'no status'})` };
  if (status >= 200 && status < 300) return { status: 'fail', evidence: `${sent} answered ${status}` };
  if (status >= 300 && status < 400) return { status: 'fail', evidence: `${sent} answered ${status} (redirect not followed; the request was not refused)` };
  // The probe sends basic auth only: a Digest challenge to a URL whose credentials were
  // sent is the auth layer speaking, not the signature check.
  if (status === 401 && probe.basicAuth && probe.challenge === 'digest') {
    return { status: 'unknown', evidence: `${sent} answered 401 asking for Digest auth, which the probe does not do: the signature check was not reached` };
  }
  if (status === 401 && !probe.basicAuth && probe.challenge === 'basic') {
    return { status: 'unknown', evidence: `${sent} answered 401 asking for Basic auth the URL does not carry: an auth layer refused it before any signature check` };
  }
  if ((status === 401 || status === 403) && probe.edge) {
    return { status: 'unknown', evidence: `${sent} was refused (${status}) by ${probe.edge} in front of the app (CDN/WAF headers): the app's signature check was not reached; let the probe through or verify with the guard` };
  }
  if ((status === 401 || status === 403) && probe.contentType === 'text/html') {
    return { status: 'unknown', evidence: `${sent} was refused (${status}) with an HTML page, the answer of a web server, firewall or IP filter rather than a signature check: the app's check was not reached` };
  }
  if (status === 401 || status === 403) return { status: 'pass', evidence: `${sent} was refused (${status})` };
  return { status: 'unknown', evidence: `${sent} answered ${status}, which neither accepts nor refuses it` };
}

function probesByUrl(inventory: Inventory): Map<string, ProbeFields> {
  const byUrl = new Map<string, ProbeFields>();
  for (const record of ofKind(inventory, PROBE_KIND)) {
    const fields = record.fields as unknown as ProbeFields;
    if (typeof fields.url === 'string') byUrl.set(fields.url, fields);
  }
  return byUrl;
}

const WORST_FIRST: Verdict['status'][] = ['fail', 'unknown', 'pass'];

export const webhookSignatureChecks: Check[] = PROBED_KINDS.map((kind) => ({
  name: `webhook-signature-${kind}`,
  control: 'TW-WEBHOOK-SIGNATURE',
  needs: [kind, PROBE_KIND],
  run(inventory) {
    const probes = probesByUrl(inventory);
    return ofKind(inventory, kind).flatMap((r) => {
      const verdicts = URL_FIELDS[kind]!(r).map((u) => {
        const v = probeVerdict(u.url, probes.get(u.url));
        return { ...v, evidence: `${u.path}: ${v.evidence}` };
      });
      if (verdicts.length === 0) return [];
      const status = WORST_FIRST.find((s) => verdicts.some((v) => v.status === s))!;
      // Evidence names the URLs that decided the status (all of them when every one passed).
      const shown = verdicts.filter((v) => v.status === status);
      return [resourceFinding('TW-WEBHOOK-SIGNATURE', status, r, shown.map((v) => v.evidence).join('; '))];
    });
  },
}));
