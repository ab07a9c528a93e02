// Where each kind keeps the URLs Twilio calls (controls.md, "URL fields that TW-HTTPS
// scans", checked against the twilio-oai specs). Empty or null URLs are skipped: an
// unset webhook is not a violation. Event Streams webhook sinks are judged by
// TW-EVENTS-SINKS, the control the guide gives them, so they are not counted twice.
import type { InventoryResource } from '../types.ts';
import { fieldAt, parseMaybeJson } from './evidence.ts';

export interface UrlField {
  path: string;
  url: string;
}

type Extractor = (r: InventoryResource) => UrlField[];

const fields =
  (...paths: string[]): Extractor =>
  (r) =>
    paths.flatMap((path) => {
      const value = fieldAt(r.fields, path);
      return typeof value === 'string' && value.trim() !== '' ? [{ path, url: value.trim() }] : [];
    });

/** Every `*url` string in the widget properties of a Studio flow definition. */
const studioUrls: Extractor = (r) => {
  const definition = parseMaybeJson(r.fields.definition) as { states?: unknown } | undefined;
  const states = Array.isArray(definition?.states) ? definition.states : [];
  const found: UrlField[] = [];
  for (const state of states as { name?: unknown; properties?: unknown }[]) {
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      else if (typeof value === 'string' && /url$/i.test(path) && value.trim() !== '') found.push({ path, url: value.trim() });
    };
    walk(state?.properties, `definition.states[${String(state?.name ?? '?')}].properties`);
  }
  return found;
};

/** Every `*url` / `*callback` string at any depth under `root` (Flex `integrations`: a list of objects). */
const nestedUrls =
  (root: string): Extractor =>
  (r) => {
    const found: UrlField[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      else if (typeof value === 'string' && /(url|callback)$/i.test(path) && value.trim() !== '') found.push({ path, url: value.trim() });
    };
    walk(parseMaybeJson(r.fields[root]), root);
    return found;
  };

const both =
  (...extractors: Extractor[]): Extractor =>
  (r) =>
    extractors.flatMap((e) => e(r));

export const URL_FIELDS: Readonly<Record<string, Extractor>> = {
  'api.incoming_phone_number': fields('voice_url', 'voice_fallback_url', 'sms_url', 'sms_fallback_url', 'status_callback'),
  'api.short_code': fields('sms_url', 'sms_fallback_url'),
  'api.application': fields('voice_url', 'voice_fallback_url', 'sms_url', 'sms_fallback_url', 'status_callback', 'sms_status_callback', 'message_status_callback'),
  'api.sip_domain': fields('voice_url', 'voice_fallback_url', 'voice_status_callback_url'),
  'messaging.service': fields('inbound_request_url', 'fallback_url', 'status_callback'),
  // v2 channel senders (WhatsApp) carry their webhooks in `webhook`; v1 service senders have none.
  'messaging.channel_sender': fields('webhook.callback_url', 'webhook.fallback_url', 'webhook.status_callback_url'),
  'trunking.trunk': fields('disaster_recovery_url'),
  'chat.service': fields('pre_webhook_url', 'post_webhook_url'),
  'conversations.configuration_webhook': fields('pre_webhook_url', 'post_webhook_url'),
  'conversations.service_webhook': fields('pre_webhook_url', 'post_webhook_url'),
  'conversations.conversation_webhook': fields('configuration.url'),
  'conversations.address': fields('auto_creation.webhook_url'),
  'sync.service': fields('webhook_url'),
  'taskrouter.workspace': fields('event_callback_url'),
  'taskrouter.workflow': fields('assignment_callback_url', 'fallback_assignment_callback_url'),
  'studio.flow': studioUrls,
  'video.room': fields('status_callback'),
  'video.composition_hook': fields('status_callback'),
  'verify.webhook': fields('webhook_url'),
  'voice.byoc_trunk': fields('voice_url', 'voice_fallback_url', 'status_callback_url'),
  'flex.flex_flow': fields('integration.url'),
  'flex.configuration': both(fields('call_recording_webhook_url', 'crm_callback_url', 'crm_fallback_url'), nestedUrls('integrations')),
};
