import { describe, expect, it } from 'vitest';
import { getControl } from '@chaperone/controls';
import { httpsChecks } from '../../src/checks/https.ts';
import { httpAuthChecks } from '../../src/checks/http-auth.ts';
import { inventory, res, run, verdicts } from './helpers.ts';

describe('TW-HTTPS', () => {
  it('fails a resource with any http URL, passes one with only https, skips unset URLs', () => {
    const inv = inventory([
      res('api.incoming_phone_number', 'PN1', { voice_url: 'http://x.example/voice', sms_url: 'https://x.example/sms' }),
      res('api.incoming_phone_number', 'PN2', { voice_url: 'https://x.example/voice', sms_url: null, status_callback: '' }),
      res('api.incoming_phone_number', 'PN3', { voice_url: null }),
      res('messaging.service', 'MG1', { inbound_request_url: 'https://x.example/in', fallback_url: 'http://x.example/fb' }),
    ]);
    expect(verdicts(httpsChecks, inv)).toEqual(['fail MG1', 'fail PN1', 'pass PN2']);
  });

  it('reads nested URLs: Studio widget properties, Flex Flow integration, conversation webhooks', () => {
    const inv = inventory([
      res('studio.flow', 'FW1', { definition: { states: [{ name: 'http', properties: { url: 'http://ehr.example/in' } }, { name: 'fn', properties: { url: 'https://x.twil.io/a' } }] } }),
      res('flex.flex_flow', 'FO1', { integration: { url: 'http://flex.example/hook' } }),
      res('conversations.conversation_webhook', 'WH1', { configuration: { url: 'https://x.example/c' } }),
    ]);
    const findings = run(httpsChecks, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail FO1', 'fail FW1', 'pass WH1']);
    expect(findings.find((f) => f.resource.sid === 'FW1')!.evidence).toBe('definition.states[http].properties.url = http://ehr.example/in');
  });

  // The audit's d19: URL fields that were collected (or collectable) but never read.
  it('reads short-code SMS webhooks, Conversations address auto-creation, v2 sender webhooks and Flex integrations', () => {
    const inv = inventory([
      res('api.short_code', 'SC1', { sms_url: 'http://x.example/sc', sms_fallback_url: null }),
      res('api.short_code', 'SC2', { sms_url: 'https://x.example/sc' }),
      res('conversations.address', 'IG1', { type: 'sms', auto_creation: { enabled: true, type: 'webhook', webhook_url: 'http://x.example/auto' } }),
      res('messaging.channel_sender', 'XE1', { api_version: 'v2', webhook: { callback_url: 'https://x.example/in', status_callback_url: 'http://x.example/status' } }),
      res('flex.configuration', 'AC1/flex', { integrations: [{ name: 'crm', type: 'http', config: { callback_url: 'http://crm.example/hook' } }] }),
    ]);
    const findings = run(httpsChecks, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['fail AC1/flex', 'fail IG1', 'fail SC1', 'fail XE1', 'pass SC2']);
    expect(findings.find((f) => f.resource.sid === 'XE1')!.evidence).toBe('webhook.status_callback_url = http://x.example/status');
    expect(findings.find((f) => f.resource.sid === 'AC1/flex')!.evidence).toBe('integrations[0].config.callback_url = http://crm.example/hook');
  });

  it('strips credentials and query strings from evidence', () => {
    const inv = inventory([res('api.application', 'AP1', { voice_url: 'http://user:hunter2@x.example/v?token=abc' })]);
    const [finding] = run(httpsChecks, inv);
    expect(finding!.evidence).toBe('voice_url = http://***@x.example/v?***');
  });

  it('is unknown, never pass, where the kind was not collected', () => {
    const inv = inventory([res('api.incoming_phone_number', 'PN2', { voice_url: 'https://x.example/voice' })], { failed: ['api.incoming_phone_number'] });
    const findings = run(httpsChecks, inv).filter((f) => f.resource.kind === 'api.incoming_phone_number');
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
    expect(findings[0]!.evidence).toContain('HTTP 500');
  });
});

describe('TW-HTTP-AUTH', () => {
  it('passes a resource whose URLs all carry userinfo, fails one with any URL without, never shows the credentials', () => {
    const inv = inventory([
      res('api.incoming_phone_number', 'PN1', { voice_url: 'https://u:hunter2@x.example/voice', sms_url: 'https://u:hunter2@x.example/sms' }),
      res('api.incoming_phone_number', 'PN2', { voice_url: 'https://x.example/voice' }),
      res('api.incoming_phone_number', 'PN3', { voice_url: 'https://u:hunter2@x.example/voice', sms_url: 'https://x.example/sms?token=abc' }),
      res('api.incoming_phone_number', 'PN4', { voice_url: null }),
    ]);
    const findings = run(httpAuthChecks, inv);
    expect(findings.map((f) => `${f.status} ${f.resource.sid}`).sort()).toEqual(['advisory PN2', 'advisory PN3', 'pass PN1']);
    const pn3 = findings.find((f) => f.resource.sid === 'PN3')!;
    expect(pn3.evidence).toBe('URL(s) without HTTP auth credentials, so Twilio sends no basic auth: sms_url = https://x.example/sms?***');
    // A recommendation: the catalog's severity, not the TW-HTTPS one.
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set([getControl('TW-HTTP-AUTH').severity]));
    const text = JSON.stringify(findings);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('token=abc');
  });

  it('is unknown, never pass, where the kind was not collected', () => {
    const inv = inventory([res('api.incoming_phone_number', 'PN1', { voice_url: 'https://u:p@x.example/voice' })], { failed: ['api.incoming_phone_number'] });
    const findings = run(httpAuthChecks, inv).filter((f) => f.resource.kind === 'api.incoming_phone_number');
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
  });
});
