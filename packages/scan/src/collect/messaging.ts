// Messaging: services (webhooks), their phone numbers and senders, and the v2 channel
// senders (WhatsApp...).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const messagingCollector: Collector = {
  area: 'messaging',
  kinds: ['messaging.service', 'messaging.phone_number', 'messaging.channel_sender'],
  async collect(ctx) {
    const services = ctx.kind('messaging.service', () => listAll(ctx.client, twilioUrl('messaging', '/v1/Services'), 'services'));
    // Senders of every service plus the account-wide v2 channel senders, as one kind:
    // a check on senders is only sound when both lists were read.
    const senders = services.then((parents) =>
      parents
        ? ctx.kind('messaging.channel_sender', async () => {
            const perService = await Promise.all(
              parents.map(async (s) =>
                (await listAll(ctx.client, twilioUrl('messaging', `/v1/Services/${String(s.sid)}/ChannelSenders`), 'senders')).map((x) => ({
                  ...x,
                  __parent: String(s.sid),
                })),
              ),
            );
            // The Senders API requires the channel; WhatsApp is the one it serves.
            const v2 = await listAll(ctx.client, twilioUrl('messaging', '/v2/Channels/Senders?Channel=whatsapp'), 'senders');
            return [...perService.flat(), ...v2.map((x) => ({ ...x, sender: x.sender_id, api_version: 'v2' }))];
          })
        : ctx.perParent('messaging.channel_sender', 'messaging.service', undefined, async () => []),
    );
    const numbers = services.then((parents) =>
      ctx.perParent('messaging.phone_number', 'messaging.service', parents, (s) =>
        listAll(ctx.client, twilioUrl('messaging', `/v1/Services/${String(s.sid)}/PhoneNumbers`), 'phone_numbers'),
      ),
    );
    await Promise.all([services, senders, numbers]);
  },
};
