// TaskRouter: workspaces (event callback), workflows (assignment callbacks), workers and
// tasks (attributes that Flex Insights preserves).
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const taskrouterCollector: Collector = {
  area: 'taskrouter',
  kinds: ['taskrouter.workspace', 'taskrouter.workflow', 'taskrouter.worker', 'taskrouter.task'],
  async collect(ctx) {
    const url = (path: string) => twilioUrl('taskrouter', path);
    const workspaces = await ctx.kind('taskrouter.workspace', () => listAll(ctx.client, url('/v1/Workspaces'), 'workspaces'));
    const under = (kind: string, path: string, key: string) =>
      ctx.perParent(kind, 'taskrouter.workspace', workspaces, (w) => listAll(ctx.client, url(`/v1/Workspaces/${String(w.sid)}/${path}`), key));
    await Promise.all([
      under('taskrouter.workflow', 'Workflows', 'workflows'),
      under('taskrouter.worker', 'Workers', 'workers'),
      under('taskrouter.task', 'Tasks', 'tasks'),
    ]);
  },
};
