import twilio from 'twilio';
import type { ControlId } from '@chaperone/controls';
import { emit, type GuardSink } from '../sink.ts';
import { basicAuthChallenge, checkBasicAuth, type BasicAuthCredentials } from './basic-auth.ts';
import { parseFormBody, type WebhookParams } from './form.ts';
import { singleHeader, type HeaderBag } from './headers.ts';
import { controlIdOf } from './rejection.ts';
import { MemoryReplayStore, ReplayStoreFullError, type ReplayStore } from './replay.ts';

export type RejectReason =
  | 'method-not-allowed'
  | 'bad-url'
  | 'insecure-scheme'
  | 'body-too-large'
  | 'missing-credentials'
  | 'bad-credentials'
  | 'missing-signature'
  | 'bad-signature'
  | 'unsupported-content-type'
  | 'malformed-body'
  | 'unverifiable-json-body'
  | 'unsigned-get-body'
  | 'missing-idempotency-token'
  | 'replayed'
  | 'replay-in-flight'
  | 'replay-store-full'
  | 'replay-store-unavailable'
  | 'frontline-v1-callback'
  | 'frontline-unknown-location'
  | 'json-body-unverifiable-on-functions';

/**
 * What to answer when an idempotency token comes back. `acknowledge` (the default) answers
 * 200 with an empty TwiML document and does not run the handler; `reject` answers 403.
 */
export type ReplayPolicy = 'acknowledge' | 'reject';

/**
 * Extra shape rules for one family of callbacks (see frontline.ts), run by the same
 * verifier: `beforeSignature` sees only the URL and headers, `afterSignature` the verified
 * parameters. Each returns a reason to refuse, or undefined.
 */
export interface CallbackShape {
  /** The control a shape refusal falls under. */
  controlId: ControlId;
  /** The control signature refusals fall under (default TW-WEBHOOK-SIGNATURE). */
  signatureControlId?: ControlId;
  beforeSignature?(request: InboundWebhook, url: URL): RejectReason | undefined;
  afterSignature?(params: WebhookParams): RejectReason | undefined;
}

export interface WebhookGuardOptions {
  /** Auth token(s) Twilio signs with; pass two while rotating the token. */
  authToken: string | readonly string[];
  /** Optional HTTP basic auth, the guide's recommended protection for TwiML URLs (TW-HTTP-AUTH). */
  basicAuth?: BasicAuthCredentials;
  /** Largest body accepted, in bytes. Default 256 KiB. */
  maxBodyBytes?: number;
  /** Replay protection store; `false` turns it off. Default: in memory. */
  replayStore?: ReplayStore | false;
  /** How long the idempotency token of a handled event is remembered. Default one hour. */
  replayTtlMs?: number;
  /**
   * How long a token is held while its handler runs (default 60 s, four times Twilio's
   * longest webhook timeout). Another delivery of the same event meanwhile answers 503
   * (`replay-in-flight`): it is not known yet whether the first one will be handled. A claim
   * whose process died before answering lapses after this time, and the next retry runs.
   */
  inFlightTtlMs?: number;
  /** Refuse requests without `I-Twilio-Idempotency-Token`. Default false. */
  requireIdempotencyToken?: boolean;
  /**
   * A token already handled means Twilio is retrying an event this app already processed
   * (a connection-override retry `#rc=`, or a timeout). The token counts as handled only
   * once the handler answered below 500: when it throws or answers 5xx the claim is
   * released, and Twilio's retry runs the handler again. Default `acknowledge`: answer 200
   * with empty TwiML and skip the handler, so the event is processed at most once AND
   * Twilio sees a success. A 403 would make Twilio log error 11200, count a failure and,
   * for Voice and Messaging, call the fallback URL, which may process the same event again
   * elsewhere; Twilio's Event Streams docs likewise ask receivers to answer duplicates 200.
   * The first response is not cached because TwiML can carry PHI. `reject` answers 403.
   */
  onReplay?: ReplayPolicy;
  /** Shape rules for a callback family (frontlineV2Shape()). */
  callbackShape?: CallbackShape;
  /** Receives `twilio.webhook.rejected` / `twilio.webhook.accepted` events (never bodies). */
  sink?: GuardSink;
}

/** One inbound request, framework-neutral. Header names are lower case. */
export interface InboundWebhook {
  method: string;
  /** The public URL Twilio requested (see rebuildPublicUrl); undefined if it could not be rebuilt. */
  url: string | undefined;
  headers: HeaderBag;
  /** Raw body bytes, when the adapter has them. */
  rawBody?: Buffer;
  /** Parameters a framework already parsed, used only when rawBody is absent (form bodies). */
  parsedParams?: WebhookParams;
}

/**
 * Reports how the handler of an accepted request did: `handled` (it answered below 500) keeps
 * the idempotency token as done for `replayTtlMs`; `failed` (it threw or answered 5xx) forgets
 * it so Twilio's retry is handled. The adapters call it; a caller of verifyWebhook must too,
 * or the token lapses after `inFlightTtlMs`. Safe to call more than once (the first counts).
 */
export type SettleWebhook = (outcome: 'handled' | 'failed') => Promise<void>;

export type WebhookVerdict =
  | { ok: true; params: WebhookParams; json?: unknown; settle: SettleWebhook }
  | { ok: false; status: 401 | 403 | 503; reason: RejectReason; wwwAuthenticate?: string; settle?: undefined }
  /** A replay acknowledged under `onReplay: 'acknowledge'`: answer 200, do not run the handler. */
  | { ok: false; status: 200; reason: 'replayed'; wwwAuthenticate?: undefined; settle?: undefined };

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const DEFAULT_REPLAY_TTL_MS = 60 * 60 * 1000;
const DEFAULT_IN_FLIGHT_TTL_MS = 60 * 1000;

/** Options resolved once per middleware, so each request pays only for the checks. */
export interface ResolvedWebhookGuard {
  tokens: readonly string[];
  options: WebhookGuardOptions;
  maxBodyBytes: number;
  replayStore: ReplayStore | undefined;
  replayTtlMs: number;
  inFlightTtlMs: number;
  onReplay: ReplayPolicy;
  shape: CallbackShape | undefined;
}

export function resolveWebhookGuard(options: WebhookGuardOptions): ResolvedWebhookGuard {
  const tokens = typeof options.authToken === 'string' ? [options.authToken] : [...options.authToken];
  if (tokens.length === 0 || tokens.some((t) => typeof t !== 'string' || t.length === 0)) {
    throw new TypeError('webhook guard: authToken is empty; pass your Twilio auth token (TWILIO_AUTH_TOKEN)');
  }
  return {
    tokens,
    options,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    replayStore: options.replayStore === false ? undefined : (options.replayStore ?? new MemoryReplayStore()),
    replayTtlMs: options.replayTtlMs ?? DEFAULT_REPLAY_TTL_MS,
    inFlightTtlMs: options.inFlightTtlMs ?? DEFAULT_IN_FLIGHT_TTL_MS,
    onReplay: resolveReplayPolicy(options.onReplay),
    shape: options.callbackShape,
  };
}

function resolveReplayPolicy(policy: ReplayPolicy | undefined): ReplayPolicy {
  if (policy === undefined) return 'acknowledge';
  if (policy !== 'acknowledge' && policy !== 'reject') {
    throw new TypeError(`webhook guard: onReplay must be 'acknowledge' or 'reject', got ${JSON.stringify(String(policy))}`);
  }
  return policy;
}

type SignatureVerdict = { ok: true; params: WebhookParams; json?: unknown } | { ok: false; status: 401 | 403; reason: RejectReason; wwwAuthenticate?: string };

/**
 * Everything but replay protection, synchronously: method, https, size, basic auth and
 * the signature (through the twilio SDK's own validateRequest / validateRequestWithBody).
 */
export function checkWebhookSignature(request: InboundWebhook, guard: ResolvedWebhookGuard): SignatureVerdict {
  const method = request.method.toUpperCase();
  if (method !== 'POST' && method !== 'GET') return reject('method-not-allowed');
  if (request.url === undefined) return reject('bad-url');
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(request.url);
  } catch {
    return reject('bad-url');
  }
  if (parsedUrl.protocol !== 'https:') return reject('insecure-scheme');
  if (bodyTooLarge(request, guard.maxBodyBytes)) return reject('body-too-large');
  // A GET signature covers the URL only: a body beside it is unsigned bytes, never handed on.
  if (method === 'GET' && hasBody(request)) return reject('unsigned-get-body');

  const { basicAuth } = guard.options;
  if (basicAuth) {
    const auth = singleHeader(request.headers, 'authorization');
    const result = checkBasicAuth(auth === 'duplicate' ? 'duplicate' : auth, basicAuth);
    if (result === 'missing') return { ok: false, status: 401, reason: 'missing-credentials', wwwAuthenticate: basicAuthChallenge(basicAuth) };
    if (result === 'wrong') return reject('bad-credentials');
  }

  const shape = guard.shape;
  if (shape?.beforeSignature) {
    const refused = shape.beforeSignature(request, parsedUrl);
    if (refused) return reject(refused);
  }

  const signature = singleHeader(request.headers, 'x-twilio-signature');
  if (signature === undefined || signature === '') return reject('missing-signature');
  if (signature === 'duplicate') return reject('bad-signature');

  const bodyHash = parsedUrl.searchParams.get('bodySHA256');
  if (bodyHash !== null) {
    const verdict = checkJsonBody(request, guard, signature);
    const refused = verdict.ok ? shape?.afterSignature?.(verdict.params) : undefined;
    return refused ? reject(refused) : verdict;
  }

  let params: WebhookParams;
  if (method === 'GET') {
    // A GET webhook carries its parameters in the signed URL itself.
    params = Object.create(null) as WebhookParams;
  } else if (request.rawBody !== undefined) {
    const contentType = singleHeader(request.headers, 'content-type');
    const mediaType = typeof contentType === 'string' ? contentType.split(';')[0]!.trim().toLowerCase() : '';
    if (mediaType === 'application/json') return reject('unverifiable-json-body');
    if (request.rawBody.length > 0 && mediaType !== 'application/x-www-form-urlencoded') return reject('unsupported-content-type');
    params = parseFormBody(request.rawBody.toString('utf8'));
  } else if (request.parsedParams !== undefined) {
    params = request.parsedParams;
  } else {
    return reject('unsupported-content-type');
  }

  const url = request.url;
  const valid = guard.tokens.some((token) => safely(() => twilio.validateRequest(token, signature, url, params)));
  if (!valid) return reject('bad-signature');
  const verified = method === 'GET' ? parseFormBody(parsedUrl.search.slice(1)) : params;
  if (shape?.afterSignature) {
    const refused = shape.afterSignature(verified);
    if (refused) return reject(refused);
  }
  return { ok: true, params: verified };
}

/**
 * The size limit holds whoever read the body. With the raw bytes it is their length; when a
 * body parser ran first (`express.urlencoded`), the declared Content-Length, and for a
 * chunked body the size of the parsed parameters form-encoded again (within a few bytes of
 * what was sent: the parser may have decoded `%20` that came as `+`).
 */
function bodyTooLarge(request: InboundWebhook, limit: number): boolean {
  if (request.rawBody !== undefined) return request.rawBody.length > limit;
  const declared = singleHeader(request.headers, 'content-length');
  if (typeof declared === 'string' && declared.trim() !== '') {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0 || length > limit) return true;
  }
  return request.parsedParams !== undefined && formEncodedLength(request.parsedParams) > limit;
}

function formEncodedLength(params: WebhookParams): number {
  let length = 0;
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) length += Buffer.byteLength(new URLSearchParams({ [key]: v }).toString()) + 1;
  }
  return Math.max(0, length - 1);
}

function hasBody(request: InboundWebhook): boolean {
  if (request.rawBody !== undefined) return request.rawBody.length > 0;
  return request.parsedParams !== undefined && Object.keys(request.parsedParams).length > 0;
}

function checkJsonBody(request: InboundWebhook, guard: ResolvedWebhookGuard, signature: string): SignatureVerdict {
  // The body hash in the URL is only meaningful against the exact bytes received.
  if (request.rawBody === undefined) return reject('unverifiable-json-body');
  const body = request.rawBody.toString('utf8');
  const url = request.url!;
  const valid = guard.tokens.some((token) => safely(() => twilio.validateRequestWithBody(token, signature, url, body)));
  if (!valid) return reject('bad-signature');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { ok: true, params: Object.create(null) as WebhookParams, json };
}

// The SDK throws on URLs `new URL()` rejects; a request we cannot check is a forged one.
function safely(check: () => boolean): boolean {
  try {
    return check() === true;
  } catch {
    return false;
  }
}

function reject(reason: RejectReason): { ok: false; status: 403; reason: RejectReason } {
  return { ok: false, status: 403, reason };
}

/** The full check, replay protection included; logs the outcome without body, numbers or signature. */
export async function verifyWebhook(request: InboundWebhook, guard: ResolvedWebhookGuard): Promise<WebhookVerdict> {
  const verdict = await decide(request, guard);
  const path = pathOf(request.url);
  if (verdict.ok) {
    emit(guard.options.sink, 'debug', { event: 'twilio.webhook.accepted', method: request.method, path, ...sidsOf(verdict.params) });
  } else {
    const controlId = controlIdOf(verdict.reason, guard.shape?.signatureControlId ?? 'TW-WEBHOOK-SIGNATURE', guard.shape?.controlId);
    if (verdict.status === 200) {
      emit(guard.options.sink, 'info', { event: 'twilio.webhook.replay-acknowledged', reason: verdict.reason, status: 200, controlId, method: request.method, path });
    } else {
      emit(guard.options.sink, 'warn', { event: 'twilio.webhook.rejected', reason: verdict.reason, status: verdict.status, controlId, method: request.method, path });
    }
  }
  return verdict;
}

const NOTHING_TO_SETTLE: SettleWebhook = async () => {};

async function decide(request: InboundWebhook, guard: ResolvedWebhookGuard): Promise<WebhookVerdict> {
  const checked = checkWebhookSignature(request, guard);
  if (!checked.ok) return checked;
  const verdict = { ...checked, settle: NOTHING_TO_SETTLE };
  const token = singleHeader(request.headers, 'i-twilio-idempotency-token');
  if (token === 'duplicate') return reject('replayed');
  if (token === undefined || token === '') {
    return guard.options.requireIdempotencyToken ? reject('missing-idempotency-token') : verdict;
  }
  const store = guard.replayStore;
  if (!store) return verdict;
  let claim: Awaited<ReturnType<ReplayStore['claim']>>;
  try {
    claim = await store.claim(token, guard.inFlightTtlMs);
  } catch (error) {
    // Fail closed, but with 503 so Twilio retries or uses the fallback URL.
    return { ok: false, status: 503, reason: error instanceof ReplayStoreFullError ? 'replay-store-full' : 'replay-store-unavailable' };
  }
  if (claim.outcome === 'claimed' && claim.claimId !== undefined) return { ...verdict, settle: settlerOf(store, token, claim.claimId, request, guard) };
  // Still in flight: the first delivery may yet fail, so this one is neither run nor acknowledged.
  if (claim.outcome === 'in-flight') return { ok: false, status: 503, reason: 'replay-in-flight' };
  return guard.onReplay === 'acknowledge' ? { ok: false, status: 200, reason: 'replayed' } : reject('replayed');
}

function settlerOf(store: ReplayStore, token: string, claimId: string, request: InboundWebhook, guard: ResolvedWebhookGuard): SettleWebhook {
  let settled = false;
  return async (outcome) => {
    if (settled) return;
    settled = true;
    try {
      if (outcome === 'handled') await store.complete(token, claimId, guard.replayTtlMs);
      else await store.release(token, claimId);
    } catch {
      // The claim lapses after inFlightTtlMs either way; until then a retry answers 503.
      emit(guard.options.sink, 'warn', { event: 'twilio.webhook.replay-settle-failed', outcome, method: request.method, path: pathOf(request.url) });
    }
  };
}

// Only the path: query strings of GET webhooks carry numbers and bodies.
function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

const SID_PARAMS = ['AccountSid', 'MessageSid', 'CallSid', 'SmsSid', 'RecordingSid', 'ConversationSid'] as const;

function sidsOf(params: WebhookParams): Record<string, string> {
  const sids: Record<string, string> = {};
  for (const name of SID_PARAMS) {
    const value = params[name];
    if (typeof value === 'string' && /^[A-Z]{2}[0-9a-f]{32}$/.test(value)) sids[name] = value;
  }
  return sids;
}
