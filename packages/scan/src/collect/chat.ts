// Programmable Chat (sunset): services (webhooks) and their channels (public/private).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const chatCollector: Collector = {
  area: 'chat',
  kinds: ['chat.service', 'chat.channel'],
  async collect(ctx) {
    const services = await ctx.kind('chat.service', () => listAll(ctx.client, twilioUrl('chat', '/v2/Services'), 'services'));
    await ctx.perParent('chat.channel', 'chat.service', services, (s) =>
      listAll(ctx.client, twilioUrl('chat', `/v2/Services/${String(s.sid)}/Channels`), 'channels'),
    );
  },
};
