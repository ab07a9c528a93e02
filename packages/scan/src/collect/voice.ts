// Voice: dialing permissions by country and BYOC trunks (webhooks).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const voiceCollector: Collector = {
  area: 'voice',
  kinds: ['voice.dialing_permissions_country', 'voice.byoc_trunk'],
  async collect(ctx) {
    await Promise.all([
      ctx.kind('voice.dialing_permissions_country', () => listAll(ctx.client, twilioUrl('voice', '/v1/DialingPermissions/Countries'), 'content'), {
        sidOf: (c) => String(c.iso_code),
      }),
      ctx.kind('voice.byoc_trunk', () => listAll(ctx.client, twilioUrl('voice', '/v1/ByocTrunks'), 'byoc_trunks')),
    ]);
  },
};
