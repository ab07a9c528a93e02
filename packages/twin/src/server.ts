// The twin's HTTP front: plain node:http, `{base}/{host label}{path}` routing through the
// precompiled trie, Twilio's basic auth (Account SID + token, or API key + secret), fault
// injection, then the generic resource handlers or a registered extension.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { splitTwinPath } from './base-url.ts';
import { badParam, sendError, TwilioError, unauthorized, notFound } from './errors-http.ts';
import type { TwinExtension } from './extension.ts';
import { FaultInjector } from './faults.ts';
import { handleResource } from './handlers.ts';
import { matchMedia, serveMedia } from './media.ts';
import { matchRoute } from './spec/catalog.ts';
import type { ApiKeyType, TwinState } from './state.ts';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who is calling: the account the credentials act for, and the API key's type when a key is used. */
export interface Caller {
  accountSid: string;
  keyType?: ApiKeyType;
}

/** The account the credentials act for, or undefined when they are wrong. Never logs them. */
export function authenticate(state: TwinState, header: string | undefined): string | undefined {
  return identify(state, header)?.accountSid;
}

/** As Twilio: only a Main key (or the auth token) reaches the Account and Key resources. */
const MAIN_ONLY: ReadonlyArray<{ sub: string; path: RegExp }> = [
  { sub: 'api', path: /^\/2010-04-01\/Accounts(\.json|\/[^/]+(\.json)?)?$/ },
  { sub: 'api', path: /^\/2010-04-01\/Accounts\/[^/]+\/(Keys|SigningKeys)(\.json|\/.*)?$/ },
  { sub: 'iam', path: /^\/v1\/Keys(\/.*)?$/ },
];

export function requiresMainKey(sub: string, path: string): boolean {
  return MAIN_ONLY.some((rule) => rule.sub === sub && rule.path.test(path));
}

function identify(state: TwinState, header: string | undefined): Caller | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (user.startsWith('AC')) {
    const account = state.accounts.get(user);
    if (!account || account.status === 'closed' || !sameSecret(password, account.authToken)) return undefined;
    return { accountSid: account.sid };
  }
  if (user.startsWith('SK')) {
    const key = state.keys.get(user);
    if (!key || !sameSecret(password, key.secret)) return undefined;
    const account = state.accounts.get(key.accountSid);
    return account && account.status !== 'closed' ? { accountSid: account.sid, keyType: key.type } : undefined;
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw badParam('Invalid request body: not valid JSON');
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export interface ServeOptions {
  state: TwinState;
  faults: FaultInjector;
  extensions: TwinExtension[];
}

export function createTwinServer({ state, faults, extensions }: ServeOptions): Server {
  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://twin.local');
    const extension = extensions.find((e) => url.pathname === e.pathPrefix || url.pathname.startsWith(e.pathPrefix + '/'));
    const caller = extension ? undefined : identify(state, req.headers.authorization);
    const accountSid = caller?.accountSid;
    // Media URLs answer without credentials where the account does not enforce HTTP auth on
    // them: they are served before the API's own authentication (media.ts).
    const mediaPath = extension ? undefined : splitTwinPath(url.pathname);
    const media = mediaPath && matchMedia(mediaPath.sub, mediaPath.path);
    if (media) {
      req.resume();
      return serveMedia(state, media, accountSid, req, res);
    }
    if (!extension && !accountSid) {
      // Drain the body so a keep-alive connection stays usable.
      req.resume();
      return sendError(res, unauthorized());
    }
    const decision = faults.admit(accountSid);
    if (decision.action === 'throttle') {
      req.resume();
      return sendError(res, new TwilioError(429, 20429, 'Too Many Requests', { 'retry-after': String(decision.retryAfterSeconds) }));
    }
    let released = false;
    const release = () => {
      if (!released) faults.release(accountSid);
      released = true;
    };
    res.on('close', release);
    res.on('finish', release);
    await sleep(decision.delayMs);
    if (decision.action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (decision.action === 'error') {
      req.resume();
      return sendError(res, new TwilioError(500, 20500, 'Internal Server Error'));
    }
    if (extension) return extension.handle(req, res, url);

    const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : (req.resume(), '');
    const split = splitTwinPath(url.pathname);
    const match = split && matchRoute(state.catalog, split.sub, split.path);
    if (split && caller?.keyType !== undefined && caller.keyType !== 'main' && requiresMainKey(split.sub, split.path)) {
      // Twilio answers a Standard or Restricted key here as it answers bad credentials.
      return sendError(res, unauthorized());
    }
    if (!split || !match) return sendError(res, notFound(url.pathname));
    const isJson = /^application\/json\b/i.test(req.headers['content-type'] ?? '');
    const out = handleResource(state, match, {
      method: req.method ?? 'GET',
      path: split.path,
      query: url.searchParams,
      form: isJson ? new URLSearchParams() : new URLSearchParams(body),
      ...(isJson && body.trim() !== '' ? { json: parseJsonBody(body) } : {}),
      authAccountSid: accountSid!,
    });
    if (out.status === 204) {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(out.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out.body) });
    res.end(out.body);
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof TwilioError) return sendError(res, error);
      // Unexpected: answer Twilio's generic 500 without detail (details could carry request data).
      sendError(res, new TwilioError(500, 20500, 'Internal Server Error'));
    });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}
