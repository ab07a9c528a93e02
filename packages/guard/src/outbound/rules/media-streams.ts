import type { Decision, Rule } from '../decision.ts';
import { isMediaStreamCreate } from './https-urls.ts';

export interface MediaStreamOptions {
  /** Hosts a Media Stream may go to (exact host names), as for `<Stream url>`. Default: any wss:// host. */
  allowedStreamHosts?: readonly string[];
}

const FIX = 'stream media only to wss:// endpoints you run or a vendor under BAA runs (allowedStreamHosts)';

/**
 * The Streams REST API (`POST .../Calls/{CallSid}/Streams.json`) judged as TwiML's
 * `<Stream url>` is (twiml/check.ts): its `Url` is a WebSocket URL, so wss is what https is
 * elsewhere, and the host must be one the customer holds a BAA for (TW-VOICE-MEDIA-STREAMS).
 */
export function mediaStreamsRule(options: MediaStreamOptions = {}): Rule {
  return {
    name: 'media-streams',
    controlId: 'TW-VOICE-MEDIA-STREAMS',
    check(request): Decision | undefined {
      if (!isMediaStreamCreate(request)) return undefined;
      for (const value of request.params.get('Url') ?? []) {
        let url: URL | undefined;
        try {
          url = new URL(value.trim());
        } catch {
          url = undefined;
        }
        if (!url || url.protocol !== 'wss:') return { controlId: 'TW-VOICE-MEDIA-STREAMS', reason: 'parameter Url is not a wss:// URL', fix: FIX };
        if (options.allowedStreamHosts && !options.allowedStreamHosts.map((h) => h.toLowerCase()).includes(url.hostname.toLowerCase())) {
          return { controlId: 'TW-VOICE-MEDIA-STREAMS', reason: 'parameter Url points at a host that is not in allowedStreamHosts', fix: FIX };
        }
      }
      return undefined;
    },
  };
}
