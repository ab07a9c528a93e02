// API keys of each account (/2010-04-01/Accounts/{sid}/Keys.json) for TW-KEYS-ROTATION.
// The list never carries a secret (Twilio shows it once, at creation); the collector
// still keeps only the fields the check reads, so nothing else a future API version adds
// can reach a report.
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const KEY_KIND = 'api.key';

const KEPT_FIELDS = ['sid', 'friendly_name', 'date_created'] as const;

export const keysCollector: Collector = {
  area: 'keys',
  kinds: [KEY_KIND],
  async collect(ctx) {
    await ctx.kind(KEY_KIND, async () => {
      const keys = await listAll(ctx.client, twilioUrl('api', `/2010-04-01/Accounts/${ctx.account}/Keys.json`), 'keys');
      return keys.map((key) => Object.fromEntries(KEPT_FIELDS.filter((field) => key[field] !== undefined).map((field) => [field, key[field]])));
    });
  },
};
