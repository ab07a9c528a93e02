// Studio: flows with their definitions (the list omits the definition; fetch each).
import type { Collector } from './context.ts';
import { fetchOne, listAll, twilioUrl } from './list.ts';

export const studioCollector: Collector = {
  area: 'studio',
  kinds: ['studio.flow'],
  async collect(ctx) {
    await ctx.kind('studio.flow', async () => {
      const flows = await listAll(ctx.client, twilioUrl('studio', '/v2/Flows'), 'flows');
      return Promise.all(
        flows.map(async (flow) =>
          flow.definition && typeof flow.definition === 'object' ? flow : ((await fetchOne(ctx.client, twilioUrl('studio', `/v2/Flows/${String(flow.sid)}`))) ?? flow),
        ),
      );
    });
  },
};
