// Conversations: account and per-service webhook configuration, address configurations,
// and for each conversation its participants (bindings) and scoped webhooks.
import type { Collector } from './context.ts';
import { fetchOne, listAll, twilioUrl } from './list.ts';

export const conversationsCollector: Collector = {
  area: 'conversations',
  kinds: [
    'conversations.configuration_webhook',
    'conversations.address',
    'conversations.service',
    'conversations.service_webhook',
    'conversations.conversation',
    'conversations.participant',
    'conversations.conversation_webhook',
  ],
  async collect(ctx) {
    const url = (path: string) => twilioUrl('conversations', path);
    const webhook = ctx.kind(
      'conversations.configuration_webhook',
      async () => {
        const config = await fetchOne(ctx.client, url('/v1/Configuration/Webhooks'), true);
        return config ? [config] : [];
      },
      { sidOf: () => `${ctx.account}/conversations-webhooks` },
    );
    const addresses = ctx.kind('conversations.address', () => listAll(ctx.client, url('/v1/Configuration/Addresses'), 'address_configurations'));
    // Each Conversations service can override the account's webhooks with its own.
    const serviceHooks = ctx
      .kind('conversations.service', () => listAll(ctx.client, url('/v1/Services'), 'services'))
      .then((services) =>
        ctx.perParent(
          'conversations.service_webhook',
          'conversations.service',
          services,
          async (s) => {
            const config = await fetchOne(ctx.client, url(`/v1/Services/${String(s.sid)}/Configuration/Webhooks`), true);
            return config ? [config] : [];
          },
          { sidOf: (w) => `${String(w.__parent)}/webhooks` },
        ),
      );
    const conversations = await ctx.kind('conversations.conversation', () => listAll(ctx.client, url('/v1/Conversations'), 'conversations'));
    const participants = ctx.perParent('conversations.participant', 'conversations.conversation', conversations, (c) =>
      listAll(ctx.client, url(`/v1/Conversations/${String(c.sid)}/Participants`), 'participants'),
    );
    const hooks = ctx.perParent('conversations.conversation_webhook', 'conversations.conversation', conversations, (c) =>
      listAll(ctx.client, url(`/v1/Conversations/${String(c.sid)}/Webhooks`), 'webhooks'),
    );
    await Promise.all([webhook, addresses, serviceHooks, participants, hooks]);
  },
};
