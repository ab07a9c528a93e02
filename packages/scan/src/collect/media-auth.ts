// Media HTTP auth (TW-VOICE-RECORDING-AUTH, TW-MMS-MEDIA-AUTH): the Console setting "Enforce
// HTTP Auth on Media URLs" has no REST field, but it shows in how Twilio answers a media URL
// without credentials. Per account, one recording and one MMS media item (the newest a
// single page shows) get one unauthenticated HEAD each: HEAD, so no media is ever
// downloaded, and no credentials, so the answer is what anyone holding the URL gets. The
// record keeps the status only. Listing uses the account's client (one page, nothing
// stored: messages hold PHI); the HEAD goes through `ctx.headUnauthenticated`.
import type { Collector } from './context.ts';
import { fetchOne, twilioUrl, type Json } from './list.ts';

export const RECORDING_AUTH_KIND = 'media.recording_auth';
export const MMS_AUTH_KIND = 'media.mms_auth';

/** What the unauthenticated HEAD got: a status, or an error code when no answer came. */
export interface MediaProbe {
  status?: number;
  error?: string;
}

const api = (path: string) => twilioUrl('api', `/2010-04-01${path}`);

function firstOf(page: Json | undefined, key: string): Json | undefined {
  const list = page?.[key];
  return Array.isArray(list) ? (list.find((item) => item && typeof item === 'object') as Json | undefined) : undefined;
}

export const mediaAuthCollector: Collector = {
  area: 'media',
  kinds: [RECORDING_AUTH_KIND, MMS_AUTH_KIND],
  async collect(ctx) {
    const account = `/Accounts/${ctx.account}`;
    const recording = ctx.kind(RECORDING_AUTH_KIND, async () => {
      const item = firstOf(await fetchOne(ctx.client, api(`${account}/Recordings.json?PageSize=1`)), 'recordings');
      if (!item) return [];
      const sid = String(item.sid);
      // The media URL is the recording's URI without `.json` (Twilio's `media_url`).
      const url = typeof item.media_url === 'string' && item.media_url ? item.media_url : api(`${account}/Recordings/${sid}`);
      return [{ sid, ...(await ctx.headUnauthenticated(url)) }];
    });
    const mms = ctx.kind(MMS_AUTH_KIND, async () => {
      // Messages are PHI (body, numbers): one page is read for a SID with media, nothing is kept.
      const page = await fetchOne(ctx.client, api(`${account}/Messages.json?PageSize=50`));
      const messages = Array.isArray(page?.messages) ? (page.messages as Json[]) : [];
      const withMedia = messages.find((m) => Number(m.num_media ?? 0) > 0);
      if (!withMedia) return [];
      const message = String(withMedia.sid);
      const media = firstOf(await fetchOne(ctx.client, api(`${account}/Messages/${message}/Media.json?PageSize=1`)), 'media_list');
      if (!media) return [];
      const sid = String(media.sid);
      return [{ sid, message, ...(await ctx.headUnauthenticated(api(`${account}/Messages/${message}/Media/${sid}`))) }];
    });
    await Promise.all([recording, mms]);
  },
};
