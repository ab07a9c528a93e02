// Serverless (Functions and Assets): services, function and asset versions (visibility),
// environment variables (run through the PHI detector by the checks).
import type { Collector } from './context.ts';
import { listAll, twilioUrl, type Json } from './list.ts';

export const serverlessCollector: Collector = {
  area: 'serverless',
  kinds: ['serverless.service', 'serverless.function_version', 'serverless.asset_version', 'serverless.variable'],
  async collect(ctx) {
    const list = (path: string, key: string) => listAll(ctx.client, twilioUrl('serverless', path), key);
    const services = await ctx.kind('serverless.service', () => list('/v1/Services', 'services'));
    // Two levels below the service (function -> versions); flattened per service.
    const nested = (kind: string, middle: string, middleKey: string, leaf: string, leafKey: string) =>
      ctx.perParent(kind, 'serverless.service', services, async (s) => {
        const root = `/v1/Services/${String(s.sid)}/${middle}`;
        const parents = await list(root, middleKey);
        const leaves = await Promise.all(parents.map((p: Json) => list(`${root}/${String(p.sid)}/${leaf}`, leafKey)));
        return leaves.flat();
      });
    await Promise.all([
      nested('serverless.function_version', 'Functions', 'functions', 'Versions', 'function_versions'),
      nested('serverless.asset_version', 'Assets', 'assets', 'Versions', 'asset_versions'),
      nested('serverless.variable', 'Environments', 'environments', 'Variables', 'variables'),
    ]);
  },
};
