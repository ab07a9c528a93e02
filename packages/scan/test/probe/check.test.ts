// TW-WEBHOOK-SIGNATURE as a pure function of probe records, and the probe step's
// target selection and concurrency (with the request replaced).
import { describe, expect, it } from 'vitest';
import { httpsCertificateChecks } from '../../src/checks/https-certificates.ts';
import { webhookSignatureChecks } from '../../src/checks/webhook-signature.ts';
import { PROBE_KIND, probeWebhooks, type ProbeFields } from '../../src/probe/collect.ts';
import type { ProbeResponse } from '../../src/probe/request.ts';
import type { Inventory, InventoryResource } from '../../src/types.ts';
import { MASTER, SUB, inventory, res, run } from '../checks/helpers.ts';

const URL_A = 'https://twilio:hunter2@app.example/voice?token=q-secret';

function withProbes(resources: InventoryResource[], probes: ProbeFields[], accounts = [{ platform: 'twilio' as const, sid: MASTER }]): Inventory {
  const inv = inventory([...resources, ...probes.map((fields, i) => res(PROBE_KIND, `probe-${i + 1}`, { ...fields }))], { accounts });
  inv.collections.push(...accounts.map((a) => ({ platform: 'twilio' as const, account: a.sid, kind: PROBE_KIND, ok: true })));
  return inv;
}

const verdict = (probe: Partial<ProbeFields>, url = URL_A) => run(webhookSignatureChecks, withProbes([res('api.incoming_phone_number', 'PN1', { voice_url: url })], [{ url, basicAuth: false, ...probe }]));

describe('TW-WEBHOOK-SIGNATURE check', () => {
  it('2xx and 3xx answers to the unsigned request fail, with the redacted URL and the status', () => {
    const [accepted] = verdict({ status: 200 });
    expect(accepted).toMatchObject({ control: 'TW-WEBHOOK-SIGNATURE', status: 'fail', resource: { kind: 'api.incoming_phone_number', sid: 'PN1' } });
    expect(accepted!.evidence).toBe('voice_url: POST https://***@app.example/voice?*** without X-Twilio-Signature answered 200');
    expect(verdict({ status: 302 })[0]!.status).toBe('fail');
  });

  it('401 and 403 pass', () => {
    expect(verdict({ status: 401 })[0]!.status).toBe('pass');
    expect(verdict({ status: 403 })[0]!.evidence).toContain('refused (403)');
  });

  it('404, 405, 5xx, timeouts, refused connections and TLS errors are unknown, never pass', () => {
    for (const probe of [{ status: 404 }, { status: 405 }, { status: 500 }, { status: 503 }, { error: 'ETIMEDOUT' }, { error: 'ECONNREFUSED' }, { error: 'CERT_HAS_EXPIRED' }]) {
      const [finding] = verdict(probe);
      expect(finding!.status, JSON.stringify(probe)).toBe('unknown');
    }
    expect(verdict({ error: 'ETIMEDOUT' })[0]!.evidence).toContain('ETIMEDOUT');
    expect(verdict({ error: 'PRIVATE_ADDRESS' })[0]).toMatchObject({ status: 'unknown', evidence: expect.stringContaining('private or loopback') });
  });

  it('a refusal that cannot be the signature check is unknown: a CDN/WAF in front, an HTML page, a Basic challenge the URL cannot answer', () => {
    const waf = verdict({ status: 403, contentType: 'text/html', edge: 'cloudflare' })[0]!;
    expect(waf.status).toBe('unknown');
    expect(waf.evidence).toContain('cloudflare');
    expect(verdict({ status: 403, edge: 'cloudfront', contentType: 'application/json' })[0]!.status).toBe('unknown');
    expect(verdict({ status: 403, contentType: 'text/html' })[0]!.status).toBe('unknown');
    expect(verdict({ status: 401, contentType: 'text/html' })[0]!.status).toBe('unknown');
    expect(verdict({ status: 401, challenge: 'basic', basicAuth: false }, 'https://app.example/voice')[0]!.status).toBe('unknown');
    // What the guard answers (text/plain, no edge) still proves the check.
    expect(verdict({ status: 403, contentType: 'text/plain' })[0]!.status).toBe('pass');
  });

  it('a Digest challenge after the URL’s basic credentials were sent is unknown: the signature check was not reached', () => {
    expect(verdict({ status: 401, challenge: 'digest', basicAuth: true })[0]!.status).toBe('unknown');
  });

  it('http:// URLs are not probed: unknown (TW-HTTPS fails them)', () => {
    const url = 'http://app.example/voice';
    const [finding] = run(webhookSignatureChecks, withProbes([res('api.incoming_phone_number', 'PN1', { voice_url: url })], []));
    expect(finding).toMatchObject({ status: 'unknown' });
    expect(finding!.evidence).toContain('not probed');
  });

  it('a URL with no probe record is unknown; a resource without URLs has no finding', () => {
    const inv = withProbes([res('api.incoming_phone_number', 'PN1', { voice_url: URL_A }), res('api.incoming_phone_number', 'PN2', {})], []);
    expect(run(webhookSignatureChecks, inv).map((f) => `${f.status} ${f.resource.sid}`)).toEqual(['unknown PN1']);
  });

  it('the worst URL decides the resource; evidence never shows credentials or query', () => {
    const ok = 'https://app.example/status';
    const inv = withProbes([res('api.incoming_phone_number', 'PN1', { voice_url: URL_A, status_callback: ok })], [
      { url: URL_A, status: 200, basicAuth: true },
      { url: ok, status: 403, basicAuth: false },
    ]);
    const [finding] = run(webhookSignatureChecks, inv);
    expect(finding!.status).toBe('fail');
    expect(finding!.evidence).not.toMatch(/hunter2|q-secret|twilio:/);
  });

  it('without a probe.webhook collection the control is unknown, not pass', () => {
    const inv = inventory([res('api.incoming_phone_number', 'PN1', { voice_url: URL_A })]);
    const statuses = run(webhookSignatureChecks, inv).map((f) => f.status);
    expect(statuses.length).toBe(webhookSignatureChecks.length);
    expect(new Set(statuses)).toEqual(new Set(['unknown']));
  });
});

describe('probeWebhooks (request replaced)', () => {
  it('probes each distinct https URL once, from the lowest account configuring it, at most 4 at a time', async () => {
    const urls = Array.from({ length: 10 }, (_, i) => `https://app.example/hook/${i}`);
    const inv = inventory(
      [
        ...urls.map((u, i) => res('api.incoming_phone_number', `PN${i}`, { voice_url: u, sms_url: u })),
        res('messaging.service', 'MG1', { inbound_request_url: urls[0] }, { account: SUB }),
        res('api.incoming_phone_number', 'PNX', { voice_url: 'http://app.example/plain' }),
        res('studio.flow', 'FW1', { definition: { states: [{ name: 'call', properties: { url: 'https://partner.example/api' } }] } }),
      ],
      { accounts: [{ platform: 'twilio', sid: MASTER }, { platform: 'twilio', sid: SUB, parent: MASTER }] },
    );
    const calls: { url: string; account: string }[] = [];
    let inFlight = 0;
    let peak = 0;
    const send = async (url: string, account: string): Promise<ProbeResponse> => {
      calls.push({ url, account });
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { status: 403, basicAuth: false };
    };
    const probed = await probeWebhooks(inv, { send });
    expect(calls.map((c) => c.url).sort()).toEqual([...urls].sort());
    expect(new Set(calls.map((c) => c.account))).toEqual(new Set([MASTER]));
    expect(peak).toBe(4);
    expect(probed.resources).toHaveLength(10);
    expect(probed.collections.map((c) => `${c.account} ${c.kind} ${c.ok}`).sort()).toEqual([`${MASTER} ${PROBE_KIND} true`, `${SUB} ${PROBE_KIND} true`]);
  });

  it('a request that throws becomes an error record, not a lost URL', async () => {
    const inv = inventory([res('api.incoming_phone_number', 'PN1', { voice_url: URL_A })]);
    const probed = await probeWebhooks(inv, { send: () => Promise.reject(new Error(`boom ${URL_A}`)) });
    expect(probed.resources.map((r) => r.fields.error)).toEqual(['REQUEST_FAILED']);
  });
});

describe('TW-HTTPS from the probe: self-signed certificates', () => {
  const url = 'https://pbx.clinic.example/voice';
  const probeOf = (error: string) => withProbes([res('api.incoming_phone_number', 'PN1', { voice_url: url }), res('api.incoming_phone_number', 'PN2', { voice_url: 'https://ok.example/v' })], [{ url, basicAuth: false, error }]);

  it('a self-signed or privately issued certificate fails TW-HTTPS for the resource using the URL', () => {
    for (const error of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
      const findings = run(httpsCertificateChecks, probeOf(error));
      expect(findings.map((f) => `${f.control} ${f.status} ${f.resource.sid}`)).toEqual(['TW-HTTPS fail PN1']);
      expect(findings[0]!.evidence).toContain(error);
    }
  });

  it('other TLS errors and answers add no TW-HTTPS finding', () => {
    expect(run(httpsCertificateChecks, probeOf('CERT_HAS_EXPIRED'))).toEqual([]);
    expect(run(httpsCertificateChecks, probeOf('ETIMEDOUT'))).toEqual([]);
  });
});
