// Elastic SIP Trunking: trunks (secure flag, disaster recovery URL).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const trunkingCollector: Collector = {
  area: 'trunking',
  kinds: ['trunking.trunk'],
  async collect(ctx) {
    await ctx.kind('trunking.trunk', () => listAll(ctx.client, twilioUrl('trunking', '/v1/Trunks'), 'trunks'));
  },
};
