// Conversations: account and per-service webhook configuration, address configurations,
// and for each conversation its participants (bindings) and scoped webhooks. Conversations
// are read from every Conversations service (`/v1/Services/{ChatServiceSid}/Conversations`;
// Frontline and Flex run their own), not only the default one `/v1/Conversations` lists.
// The default service's conversations appear under both paths: each is kept once.
import type { Collector } from './context.ts';
import { fetchOne, listAll, twilioUrl, type Json } from './list.ts';

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
    const services = ctx.kind('conversations.service', () => listAll(ctx.client, url('/v1/Services'), 'services'));
    // Each Conversations service can override the account's webhooks with its own.
    const serviceHooks = services.then((services) =>
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
    // Where each conversation lives, so its participants and webhooks are read from there.
    const base = new Map<string, string>();
    const listedServices = await services;
    const conversations = await ctx.kind('conversations.conversation', async () => {
      if (!listedServices) throw new Error('not collected: conversations.service could not be listed');
      const lists = await Promise.all([
        listAll(ctx.client, url('/v1/Conversations'), 'conversations').then((items) => items.map((c) => ({ c, path: `/v1/Conversations/${String(c.sid)}` }))),
        ...listedServices.map(async (s) =>
          (await listAll(ctx.client, url(`/v1/Services/${String(s.sid)}/Conversations`), 'conversations')).map((c) => ({ c, path: `/v1/Services/${String(s.sid)}/Conversations/${String(c.sid)}` })),
        ),
      ]);
      const unique: Json[] = [];
      for (const { c, path } of lists.flat()) {
        const sid = String(c.sid);
        if (base.has(sid)) continue;
        base.set(sid, path);
        unique.push(c);
      }
      return unique;
    });
    const participants = ctx.perParent('conversations.participant', 'conversations.conversation', conversations, (c) =>
      listAll(ctx.client, url(`${base.get(String(c.sid))!}/Participants`), 'participants'),
    );
    const hooks = ctx.perParent('conversations.conversation_webhook', 'conversations.conversation', conversations, (c) =>
      listAll(ctx.client, url(`${base.get(String(c.sid))!}/Webhooks`), 'webhooks'),
    );
    await Promise.all([webhook, addresses, serviceHooks, participants, hooks]);
  },
};
