// One HEAD without credentials to a Twilio media URL (TW-VOICE-RECORDING-AUTH,
// TW-MMS-MEDIA-AUTH): what anyone holding the URL gets. Written on fetch rather than the
// SDK: the SDK always authenticates, and here the absence of credentials is the test.
// HEAD, no redirect followed, the body never read: no media is downloaded. Only
// api.twilio.com media paths are allowed, so this reaches nothing but Twilio.
import { rewriteTwilioUrl } from '@chaperone/twin/base-url';
import type { MediaProbe } from '../collect/media-auth.ts';

const MEDIA_URL = /^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC[0-9a-fA-F]{32}\/(Recordings\/RE[0-9a-fA-F]{32}(\.mp3|\.wav)?|Messages\/(MM|SM)[0-9a-fA-F]{32}\/Media\/ME[0-9a-fA-F]{32})$/;

export interface UnauthenticatedHeadOptions {
  /** CHAPERONE_TWILIO_BASE_URL (the twin). */
  baseUrl?: string;
  timeoutMs: number;
  onRequest?: () => void;
}

export async function headUnauthenticated(url: string, options: UnauthenticatedHeadOptions): Promise<MediaProbe> {
  if (!MEDIA_URL.test(url)) return { error: 'NOT_A_TWILIO_MEDIA_URL' };
  const target = options.baseUrl ? rewriteTwilioUrl(url, options.baseUrl) : url;
  options.onRequest?.();
  try {
    const response = await fetch(target, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown }; name?: unknown } | null) ?? {};
    const code = typeof cause.cause?.code === 'string' ? cause.cause.code : typeof cause.name === 'string' ? cause.name : 'REQUEST_FAILED';
    return { error: /^[A-Za-z0-9_]+$/.test(code) ? code : 'REQUEST_FAILED' };
  }
}
