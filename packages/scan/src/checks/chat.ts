// Programmable Chat: public channels (TW-CHAT-PRIVATE), the product's sunset
// (TW-CHAT-SUNSET), third-party webhook hosts to review (TW-CHAT-INTEGRATIONS).
import type { Check } from '../check.ts';
import { accountFinding, resourceFinding } from './finding.ts';
import { byAccount, ofKind } from './resources.ts';
import { URL_FIELDS } from './url-fields.ts';

export const chatPrivateChannels: Check = {
  name: 'chat-private-channels',
  control: 'TW-CHAT-PRIVATE',
  needs: ['chat.channel'],
  run: (inventory) =>
    ofKind(inventory, 'chat.channel').map((c) =>
      c.fields.type === 'private'
        ? resourceFinding('TW-CHAT-PRIVATE', 'pass', c, 'type = private')
        : resourceFinding('TW-CHAT-PRIVATE', 'fail', c, `type = ${String(c.fields.type)}`),
    ),
};

export const chatSunset: Check = {
  name: 'chat-sunset',
  control: 'TW-CHAT-SUNSET',
  needs: ['chat.service'],
  run: (inventory) =>
    [...byAccount(inventory, 'chat.service')].flatMap(([account, services]) =>
      services.length === 0
        ? [accountFinding('TW-CHAT-SUNSET', 'pass', account, 'no Programmable Chat service')]
        : services.map((s) => resourceFinding('TW-CHAT-SUNSET', 'fail', s, 'Programmable Chat service in use: migrate to Conversations')),
    ),
};

export const chatIntegrations: Check = {
  name: 'chat-integration-hosts',
  control: 'TW-CHAT-INTEGRATIONS',
  needs: ['chat.service'],
  run: (inventory) =>
    ofKind(inventory, 'chat.service').flatMap((s) => {
      const hosts = [...new Set(URL_FIELDS['chat.service']!(s).map((u) => hostOf(u.url)))];
      return hosts.length > 0 ? [resourceFinding('TW-CHAT-INTEGRATIONS', 'manual', s, `webhooks to ${hosts.join(', ')}: confirm each is HIPAA compliant`)] : [];
    }),
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparseable)';
  }
}
