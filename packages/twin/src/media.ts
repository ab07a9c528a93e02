// Media URLs (a recording's `media_url`, an MMS Media item's URI without `.json`), served
// with the account's "Enforce HTTP Auth on Media URLs" setting, as Twilio serves them:
// - enforced: the account's (or its master's) credentials are required; without them 401;
// - not enforced: a recording answers 200 (audio) and an MMS item redirects (307) to a
//   public pre-signed location, to anyone holding the URL.
// With credentials, a recording answers 200 and an MMS item redirects to the short-lived
// CDN URL. The body is a few bytes of nothing: the twin holds no media.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TwinState } from './state.ts';

const RECORDING = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/(RE[0-9a-f]{32})(\.mp3|\.wav)?$/;
const MMS = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/((?:MM|SM)[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})$/;

export interface MediaRoute {
  product: 'voice' | 'messaging';
  accountSid: string;
  /** Collection kind and scope that hold the item. */
  kind: string;
  scope: string[];
  sid: string;
}

/** Whether `sub` + `path` address a media URL (not the `.json` resource). */
export function matchMedia(sub: string, path: string): MediaRoute | undefined {
  if (sub !== 'api') return undefined;
  const recording = RECORDING.exec(path);
  if (recording) return { product: 'voice', accountSid: recording[1]!, kind: 'api.recordings', scope: [recording[1]!], sid: recording[2]! };
  const mms = MMS.exec(path);
  if (mms) return { product: 'messaging', accountSid: mms[1]!, kind: 'api.messages.media', scope: [mms[1]!, mms[2]!], sid: mms[3]! };
  return undefined;
}

/**
 * Twilio's default when a fixture does not state it: recording media auth is enforced for
 * accounts created from 31 July 2023 on (and cannot be turned off there); MMS media auth is
 * off unless enabled.
 */
const VOICE_ENFORCED_FROM = Date.parse('2023-07-31T00:00:00Z');

export function mediaAuthEnforced(state: TwinState, accountSid: string, product: 'voice' | 'messaging'): boolean {
  const account = state.accounts.get(accountSid);
  const stated = account?.mediaHttpAuth?.[product];
  if (stated !== undefined) return stated;
  if (product === 'messaging') return false;
  const created = account?.dateCreated ? Date.parse(account.dateCreated) : Number.NaN;
  return !Number.isNaN(created) && created >= VOICE_ENFORCED_FROM;
}

/** Answers a media request. `caller` is the account the credentials act for, if any. */
export function serveMedia(state: TwinState, route: MediaRoute, caller: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  const kind = state.catalog.kinds.get(route.kind);
  const exists = kind !== undefined && state.accounts.has(route.accountSid) && state.collection(kind, route.accountSid, route.scope)?.items.has(route.sid) === true;
  const authorised = caller !== undefined && state.canReach(caller, route.accountSid);
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) return void end(res, 405, { allow: 'GET, HEAD' });
  if (mediaAuthEnforced(state, route.accountSid, route.product) && !authorised) {
    return void end(res, 401, { 'www-authenticate': 'Basic realm="Twilio API"', 'content-type': 'application/json' }, head ? '' : '{"code":20003,"message":"Authenticate","status":401}');
  }
  if (!exists) return void end(res, 404, { 'content-type': 'application/json' }, head ? '' : '{"code":20404,"message":"The requested resource was not found","status":404}');
  if (route.product === 'voice') return void end(res, 200, { 'content-type': 'audio/x-wav' }, head ? '' : 'RIFF');
  const location = authorised ? `https://mms.twiliocdn.com/${route.accountSid}/${route.sid}` : `https://s3-external-1.amazonaws.com/media.twiliocdn.com/${route.accountSid}/${route.sid}`;
  end(res, 307, { location });
}

function end(res: ServerResponse, status: number, headers: Record<string, string>, body = ''): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
