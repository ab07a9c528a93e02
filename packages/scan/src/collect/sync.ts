// Sync: services (acl_enabled, webhook_url).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const syncCollector: Collector = {
  area: 'sync',
  kinds: ['sync.service'],
  async collect(ctx) {
    await ctx.kind('sync.service', () => listAll(ctx.client, twilioUrl('sync', '/v1/Services'), 'services'));
  },
};
