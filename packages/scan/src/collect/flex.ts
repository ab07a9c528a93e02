// Flex: configuration (attributes, URLs), Flex Flows (channel types) and plugins.
import type { Collector } from './context.ts';
import { fetchOne, listAll, twilioUrl } from './list.ts';

export const flexCollector: Collector = {
  area: 'flex',
  kinds: ['flex.configuration', 'flex.flex_flow', 'flex.plugin'],
  async collect(ctx) {
    const url = (path: string) => twilioUrl('flex-api', path);
    await Promise.all([
      ctx.kind(
        'flex.configuration',
        async () => {
          // Accounts without Flex answer 404: there is no configuration to check.
          const config = await fetchOne(ctx.client, url('/v1/Configuration'), true);
          return config ? [config] : [];
        },
        { sidOf: () => `${ctx.account}/flex-configuration` },
      ),
      ctx.kind('flex.flex_flow', () => listAll(ctx.client, url('/v1/FlexFlows'), 'flex_flows')),
      ctx.kind('flex.plugin', () => listAll(ctx.client, url('/v1/PluginService/Plugins'), 'plugins')),
    ]);
  },
};
