// Programmable Chat: public channels (TW-CHAT-PRIVATE), the product's sunset
// (TW-CHAT-SUNSET), third-party webhook hosts to review (TW-CHAT-INTEGRATIONS).
import type { Check } from '../check.ts';
import { phiEvidence } from './evidence.ts';
import { accountFinding, resourceFinding } from './finding.ts';
import { jsonHits } from './phi-metadata.ts';
import { byAccount, ofKind } from './resources.ts';
import { URL_FIELDS } from './url-fields.ts';

export const chatPrivateChannels: Check = {
  name: 'chat-private-channels',
  control: 'TW-CHAT-PRIVATE',
  needs: ['chat.channel'],
  run: (inventory) =>
    ofKind(inventory, 'chat.channel').map((c) => {
      if (c.fields.type === 'private') return resourceFinding('TW-CHAT-PRIVATE', 'pass', c, 'type = private');
      // A public channel's attributes reach every user of the service: name any PHI in them.
      const hits = jsonHits(c.fields.attributes, 'attributes');
      const phi = hits.length > 0 ? `; PHI in ${phiEvidence(hits)}` : '';
      return resourceFinding('TW-CHAT-PRIVATE', 'fail', c, `type = ${String(c.fields.type)}${phi}`);
    }),
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
      if (hosts.length === 0) return [];
      const thirdParty = hosts.filter(isKnownThirdParty);
      return thirdParty.length > 0
        ? [resourceFinding('TW-CHAT-INTEGRATIONS', 'fail', s, `webhooks to third-party ${thirdParty.join(', ')}: PHI leaves for a service without a BAA`)]
        : [resourceFinding('TW-CHAT-INTEGRATIONS', 'manual', s, `webhooks to ${hosts.join(', ')}: confirm each is HIPAA compliant`)];
    }),
};

/**
 * Collaboration and automation services the guide's example names (Slack, Salesforce...)
 * and their like, reached straight from Chat webhooks: none is covered by Twilio's BAA.
 */
const THIRD_PARTY_HOSTS = ['slack.com', 'discord.com', 'zapier.com', 'ifttt.com', 'make.com', 'salesforce.com', 'office.com', 'webhook.site', 'pipedream.net'];

function isKnownThirdParty(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return THIRD_PARTY_HOSTS.some((h) => name === h || name.endsWith(`.${h}`));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparseable)';
  }
}
