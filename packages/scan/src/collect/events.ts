// Event Streams: sinks (destination) and the event types each subscription sends.
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const eventsCollector: Collector = {
  area: 'events',
  kinds: ['events.sink', 'events.subscription', 'events.subscribed_event'],
  async collect(ctx) {
    const url = (path: string) => twilioUrl('events', path);
    const sinks = ctx.kind('events.sink', () => listAll(ctx.client, url('/v1/Sinks'), 'sinks'));
    const subscriptions = await ctx.kind('events.subscription', () => listAll(ctx.client, url('/v1/Subscriptions'), 'subscriptions'));
    const types = ctx.perParent(
      'events.subscribed_event',
      'events.subscription',
      subscriptions,
      (s) => listAll(ctx.client, url(`/v1/Subscriptions/${String(s.sid)}/SubscribedEvents`), 'types'),
      { sidOf: (t) => `${String(t.subscription_sid)}/${String(t.type)}` },
    );
    await Promise.all([sinks, types]);
  },
};
