import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export type TwilioCredentials = { accountSid: string; authToken: string } | { apiKeySid: string; apiKeySecret: string };

export interface FetchMediaOptions {
  /** Replaceable for tests and proxies; must behave like the global fetch. */
  fetch?: typeof fetch;
  /** Default 3: Twilio answers with one redirect to storage. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface TwilioMedia {
  status: number;
  contentType: string | undefined;
  contentLength: number | undefined;
  /** The media bytes, streamed. The pre-signed storage URL is not exposed anywhere. */
  body: Readable;
}

/** A media fetch failure. The message names a host kind and a status, never a URL. */
export class TwilioMediaError extends Error {
  override readonly name = 'TwilioMediaError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

const TWILIO_HOST = /(^|\.)twilio\.com$/i;

/**
 * Fetches a recording, composition or MMS media URL with HTTP basic auth (TW-VOICE-RECORDING-AUTH,
 * TW-MMS-MEDIA-AUTH, TW-VIDEO-MEDIA-AUTH) and follows Twilio's redirect to the pre-signed
 * storage URL itself. That URL works without authentication for up to an hour, so it is
 * never returned, logged or put in an error; credentials are sent only to twilio.com.
 */
export async function fetchTwilioMedia(mediaUrl: string, credentials: TwilioCredentials, options: FetchMediaOptions = {}): Promise<TwilioMedia> {
  const doFetch = options.fetch ?? fetch;
  let url: URL;
  try {
    url = new URL(mediaUrl);
  } catch {
    throw new TwilioMediaError('mediaUrl is not an absolute URL; pass the recording or media URL Twilio returned');
  }
  if (url.protocol !== 'https:' || !TWILIO_HOST.test(url.hostname)) {
    throw new TwilioMediaError('mediaUrl must be an https://*.twilio.com URL; credentials are only ever sent to Twilio');
  }
  const [user, secret] = 'accountSid' in credentials ? [credentials.accountSid, credentials.authToken] : [credentials.apiKeySid, credentials.apiKeySecret];
  const authorization = `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
  const maxRedirects = options.maxRedirects ?? 3;

  for (let hop = 0; ; hop++) {
    const onTwilio = TWILIO_HOST.test(url.hostname);
    const where = hop === 0 ? url.hostname : onTwilio ? url.hostname : 'the pre-signed storage URL';
    let response: Response;
    try {
      response = await doFetch(url, { headers: onTwilio ? { authorization } : {}, redirect: 'manual', signal: options.signal });
    } catch {
      // The fetch error's cause can carry the URL: replace it rather than wrap it.
      throw new TwilioMediaError(`media fetch failed: network error reaching ${where}`);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location || hop >= maxRedirects) throw new TwilioMediaError(`media fetch failed: unusable redirect from ${where}`, response.status);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new TwilioMediaError(`media fetch failed: unusable redirect from ${where}`, response.status);
      }
      if (next.protocol !== 'https:') throw new TwilioMediaError(`media fetch failed: ${where} redirected to a non-https URL`, response.status);
      url = next;
      continue;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new TwilioMediaError(`media fetch failed: HTTP ${response.status} from ${where}`, response.status);
    }
    const length = response.headers.get('content-length');
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      contentLength: length !== null && /^\d+$/.test(length) ? Number(length) : undefined,
      body: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    };
  }
}
