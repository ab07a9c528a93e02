// Programmable Chat (sunset): services (webhooks), their channels (public/private, attributes)
// and users (attributes, read for PHI).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const chatCollector: Collector = {
  area: 'chat',
  kinds: ['chat.service', 'chat.channel', 'chat.user'],
  async collect(ctx) {
    const services = await ctx.kind('chat.service', () => listAll(ctx.client, twilioUrl('chat', '/v2/Services'), 'services'));
    await Promise.all([
      ctx.perParent('chat.channel', 'chat.service', services, (s) => listAll(ctx.client, twilioUrl('chat', `/v2/Services/${String(s.sid)}/Channels`), 'channels')),
      ctx.perParent('chat.user', 'chat.service', services, (s) => listAll(ctx.client, twilioUrl('chat', `/v2/Services/${String(s.sid)}/Users`), 'users')),
    ]);
  },
};
