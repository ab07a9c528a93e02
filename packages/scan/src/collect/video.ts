// Programmable Video: rooms (type), recording and composition settings, composition hooks.
// `GET /v1/Rooms` without Status lists in-progress rooms only (the spec: "`in-progress`
// (default)"), so rooms are listed once per status of Twilio's enum: a completed
// peer-to-peer room is as much a violation as a live one.
import type { Collector } from './context.ts';
import { fetchOne, listAll, twilioUrl } from './list.ts';

/** room_enum_room_status in twilio_video_v1.json. */
export const ROOM_STATUSES = ['in-progress', 'completed', 'failed'] as const;

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
      ctx.kind('video.room', async () => (await Promise.all(ROOM_STATUSES.map((status) => listAll(ctx.client, url(`/v1/Rooms?Status=${status}`), 'rooms')))).flat()),
      settings('video.recording_settings', '/v1/RecordingSettings/Default'),
      settings('video.composition_settings', '/v1/CompositionSettings/Default'),
      ctx.kind('video.composition_hook', () => listAll(ctx.client, url('/v1/CompositionHooks'), 'composition_hooks')),
    ]);
  },
};
