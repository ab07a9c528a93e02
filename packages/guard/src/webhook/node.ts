import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { WebhookParams } from './form.ts';
import type { HeaderBag } from './headers.ts';
import { assertPublicUrlOption, rebuildPublicUrl, type PublicUrlOptions } from './public-url.ts';
import { readBodyLimited } from './read-body.ts';
import { rejectionResponse } from './rejection.ts';
import { resolveWebhookGuard, verifyWebhook, type ResolvedWebhookGuard, type SettleWebhook, type WebhookGuardOptions, type WebhookVerdict } from './verify.ts';
import { emit } from '../sink.ts';

export interface TwilioWebhookOptions extends WebhookGuardOptions, PublicUrlOptions {}

export interface VerifiedWebhook {
  params: WebhookParams;
  json?: unknown;
  /** The signed body bytes (empty for GET, whose signature covers the URL alone; a GET with a body is refused). */
  rawBody: Buffer;
}

export type NodeVerdict = (WebhookVerdict & { ok: false }) | (WebhookVerdict & { ok: true; rawBody: Buffer });

/** The public URL of a node:http request (shared by the Express and Fastify adapters). */
export function publicUrlOf(req: IncomingMessage, pathAndQuery: string, options: PublicUrlOptions): string | undefined {
  const encrypted = (req.socket as Partial<TLSSocket> | undefined)?.encrypted === true;
  return rebuildPublicUrl({ pathAndQuery, headers: req.headers as HeaderBag, encrypted }, options);
}

/** Reads (bounded) and verifies one node:http request. The caller answers the rejection. */
export async function verifyNodeRequest(req: IncomingMessage, guard: ResolvedWebhookGuard, urlOptions: PublicUrlOptions, pathAndQuery = req.url ?? ''): Promise<NodeVerdict> {
  const url = publicUrlOf(req, pathAndQuery, urlOptions);
  const read = await readBodyLimited(req, guard.maxBodyBytes, req.headers['content-length']);
  if (!read.ok) {
    const reason = read.reason === 'body-too-large' ? 'body-too-large' : 'malformed-body';
    emit(guard.options.sink, 'warn', { event: 'twilio.webhook.rejected', reason, status: 403, controlId: guard.shape?.signatureControlId ?? 'TW-WEBHOOK-SIGNATURE', method: req.method, path: pathOnly(pathAndQuery) });
    return { ok: false, status: 403, reason };
  }
  const verdict = await verifyWebhook({ method: req.method ?? '', url, headers: req.headers as HeaderBag, rawBody: read.body }, guard);
  if (!verdict.ok) return verdict;
  // Only signed bytes go on: a GET signature covers the URL, never a body.
  return { ...verdict, rawBody: req.method?.toUpperCase() === 'GET' ? Buffer.alloc(0) : read.body };
}

export function pathOnly(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  return q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
}

/** Writes the rejection (403, 401 with a challenge, 503) or the replay acknowledgement; nothing echoed back. */
export function writeRejection(res: ServerResponse, verdict: WebhookVerdict & { ok: false }): void {
  if (res.headersSent) return;
  const answer = rejectionResponse(verdict);
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.end(answer.body);
}

/**
 * Settles the replay claim once the app answered: below 500 the event was handled; a 5xx,
 * or a connection closed before the answer finished, means the handler failed and Twilio's
 * retry must run it again (shared by the node:http and Express adapters).
 */
export function settleWhenAnswered(res: ServerResponse, settle: SettleWebhook): void {
  res.once('finish', () => void settle(res.statusCode < 500 ? 'handled' : 'failed'));
  res.once('close', () => {
    if (!res.writableFinished) void settle('failed');
  });
}

/**
 * A node:http request listener that verifies the request, answers rejections itself and
 * calls `handler` only for genuine Twilio requests.
 */
export function twilioWebhookListener(
  options: TwilioWebhookOptions,
  handler: (req: IncomingMessage, res: ServerResponse, webhook: VerifiedWebhook) => void | Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const guard = resolveWebhookGuard(options);
  assertPublicUrlOption(options);
  return (req, res) => {
    void verifyNodeRequest(req, guard, options).then(
      async (verdict) => {
        if (!verdict.ok) return writeRejection(res, verdict);
        settleWhenAnswered(res, verdict.settle);
        await handler(req, res, { params: verdict.params, json: verdict.json, rawBody: verdict.rawBody });
      },
      () => writeRejection(res, { ok: false, status: 403, reason: 'bad-signature' }),
    ).catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  };
}
