// Verify: services (WhatsApp channel configuration) and their webhooks.
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const verifyCollector: Collector = {
  area: 'verify',
  kinds: ['verify.service', 'verify.webhook'],
  async collect(ctx) {
    const services = await ctx.kind('verify.service', () => listAll(ctx.client, twilioUrl('verify', '/v2/Services'), 'services'));
    await ctx.perParent('verify.webhook', 'verify.service', services, (s) =>
      listAll(ctx.client, twilioUrl('verify', `/v2/Services/${String(s.sid)}/Webhooks`), 'webhooks'),
    );
  },
};
