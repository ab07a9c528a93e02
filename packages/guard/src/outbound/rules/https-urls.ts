import type { Decision, Rule } from '../decision.ts';
import { isWrite, type OutboundRequest } from '../request.ts';

// Any parameter that names a URL Twilio will call or fetch: `Url`, `StatusCallback`,
// `VoiceFallbackUrl`, `Webhook.Url`, `MediaUrl`, `PreWebhookUrl`, `CallbackUrl`...
const URL_PARAM = /(^|\.)(Url|Uri|[A-Za-z]*Url|[A-Za-z]*Callback|[A-Za-z]*CallbackUrl|[A-Za-z]*Uri|Destination)$/;

/** Is `value` an acceptable URL for Twilio to call? Empty means "no URL" and is fine. */
export function httpsOrEmpty(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  try {
    return new URL(trimmed).protocol === 'https:';
  } catch {
    return false;
  }
}

const STREAMS_PATH = /^\/2010-04-01\/Accounts\/[^/]+\/Calls\/[^/]+\/Streams(\.json)?$/;

/** `POST .../Calls/{CallSid}/Streams.json`: starts a Media Stream to the WebSocket `Url`. */
export function isMediaStreamCreate(request: OutboundRequest): boolean {
  return request.product === 'api' && isWrite(request) && STREAMS_PATH.test(request.path);
}

export const httpsUrlsRule: Rule = {
  name: 'https-urls',
  controlId: 'TW-HTTPS',
  check(request: OutboundRequest): Decision | undefined {
    if (request.url.protocol !== 'https:') {
      return { controlId: 'TW-HTTPS', reason: 'the request to Twilio itself is not https', fix: 'call Twilio over https (the SDK default); do not override the API base URL with http' };
    }
    for (const [name, values] of request.params) {
      for (const value of values) {
        // A Media Streams `Url` is a WebSocket URL (wss): the media-streams rule judges it.
        if (name === 'Url' && isMediaStreamCreate(request)) continue;
        if (URL_PARAM.test(name) && !httpsOrEmpty(value)) return deny(`parameter ${name} is not an https URL`);
        // JSON-valued parameters (Event Streams SinkConfiguration, Studio Definition,
        // Conversations Configuration) carry URLs one level down.
        const nested = insecureNestedUrl(value);
        if (nested) return deny(`parameter ${name} holds a non-https URL in its "${nested}" field`);
      }
    }
    return undefined;
  },
};

function deny(reason: string): Decision {
  return { controlId: 'TW-HTTPS', reason, fix: 'use an https URL with a certificate from a public CA for every webhook, callback and media URL Twilio calls' };
}

const NESTED_URL_KEY = /(url|uri|callback|destination)$/i;

function insecureNestedUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const stack: unknown[] = [parsed];
  let visited = 0;
  while (stack.length > 0 && visited++ < 10_000) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (typeof child === 'string' && NESTED_URL_KEY.test(key) && /^[a-z][a-z0-9+.-]*:/i.test(child.trim()) && !httpsOrEmpty(child)) return key;
        if (typeof child === 'object') stack.push(child);
      }
    }
  }
  return undefined;
}
