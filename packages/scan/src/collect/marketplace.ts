// Marketplace: installed add-ons (none is HIPAA eligible).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const marketplaceCollector: Collector = {
  area: 'marketplace',
  kinds: ['marketplace.installed_add_on'],
  async collect(ctx) {
    await ctx.kind('marketplace.installed_add_on', () => listAll(ctx.client, twilioUrl('marketplace', '/v1/InstalledAddOns'), 'installed_add_ons'));
  },
};
