// Programmable Video: rooms (type), recording and composition settings, composition hooks.
import type { Collector } from './context.ts';
import { fetchOne, listAll, twilioUrl } from './list.ts';

export const videoCollector: Collector = {
  area: 'video',
  kinds: ['video.room', 'video.recording_settings', 'video.composition_settings', 'video.composition_hook'],
  async collect(ctx) {
    const url = (path: string) => twilioUrl('video', path);
    const settings = (kind: string, path: string) =>
      ctx.kind(
        kind,
        async () => {
          // An account that never configured Video answers 404: there are no settings to judge.
          const found = await fetchOne(ctx.client, url(path), true);
          return found ? [found] : [];
        },
        { sidOf: () => `${ctx.account}/${kind.split('.')[1]}` },
      );
    await Promise.all([
      ctx.kind('video.room', () => listAll(ctx.client, url('/v1/Rooms'), 'rooms')),
      settings('video.recording_settings', '/v1/RecordingSettings/Default'),
      settings('video.composition_settings', '/v1/CompositionSettings/Default'),
      ctx.kind('video.composition_hook', () => listAll(ctx.client, url('/v1/CompositionHooks'), 'composition_hooks')),
    ]);
  },
};
