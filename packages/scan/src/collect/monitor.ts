// Debugger alerts: the list has alert_text; request_variables and response_body only
// come with a fetch of each alert.
import type { Collector } from './context.ts';
import { fetchOne, listAll, twilioUrl } from './list.ts';

export const monitorCollector: Collector = {
  area: 'monitor',
  kinds: ['monitor.alert'],
  async collect(ctx) {
    await ctx.kind('monitor.alert', async () => {
      const alerts = await listAll(ctx.client, twilioUrl('monitor', '/v1/Alerts'), 'alerts');
      return Promise.all(alerts.map(async (a) => (await fetchOne(ctx.client, twilioUrl('monitor', `/v1/Alerts/${String(a.sid)}`))) ?? a));
    });
  },
};
