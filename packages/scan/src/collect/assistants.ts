// AI Assistants (the successor of Autopilot): not HIPAA eligible.
import type { Collector } from './context.ts';
import { listAll, twilioUrl } from './list.ts';

export const assistantsCollector: Collector = {
  area: 'assistants',
  kinds: ['assistants.assistant'],
  async collect(ctx) {
    await ctx.kind('assistants.assistant', () => listAll(ctx.client, twilioUrl('assistants', '/v1/Assistants'), 'assistants'), {
      sidOf: (a) => String(a.id ?? a.sid),
    });
  },
};
