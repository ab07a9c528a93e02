// Accounts API: PKCV public keys.
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const accountsCollector: Collector = {
  area: 'accounts',
  kinds: ['accounts.public_key'],
  async collect(ctx) {
    await ctx.kind('accounts.public_key', () => listAll(ctx.client, twilioUrl('accounts', '/v1/Credentials/PublicKeys'), 'credentials'));
  },
};
