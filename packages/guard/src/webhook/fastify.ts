import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { WebhookParams } from './form.ts';
import type { HeaderBag } from './headers.ts';
import { pathOnly, publicUrlOf, type TwilioWebhookOptions } from './node.ts';
import { readBodyLimited } from './read-body.ts';
import { rejectionResponse } from './rejection.ts';
import { assertPublicUrlOption } from './public-url.ts';
import { resolveWebhookGuard, verifyWebhook, type SettleWebhook, type WebhookVerdict } from './verify.ts';
import { emit } from '../sink.ts';

// Structural views of Fastify's request and reply, so `fastify` stays an optional peer.
interface FastifyLikeRequest {
  raw: IncomingMessage;
  method: string;
  twilio?: { params: WebhookParams; json?: unknown };
  [RAW_BODY]?: Buffer;
  [SETTLE]?: SettleWebhook;
}
interface FastifyLikeReply {
  statusCode: number;
  code(status: number): FastifyLikeReply;
  header(name: string, value: string): FastifyLikeReply;
  send(payload: string): FastifyLikeReply;
}

const RAW_BODY = Symbol('chaperone.rawBody');
const SETTLE = Symbol('chaperone.settleReplay');

/**
 * Route hooks for Fastify: `app.post('/sms', { ...twilioWebhookFastify(options) }, handler)`.
 * `preParsing` keeps a bounded copy of the raw bytes (any body parser still runs, e.g.
 * @fastify/formbody); `preHandler` verifies and sets `request.twilio`; `onResponse` tells
 * the replay store whether the handler answered (below 500) or failed, so a failed event's
 * retry is handled again. Spread all three into the route options.
 */
export function twilioWebhookFastify(options: TwilioWebhookOptions) {
  const guard = resolveWebhookGuard(options);
  assertPublicUrlOption(options);
  return {
    preParsing: async (request: FastifyLikeRequest, reply: FastifyLikeReply, payload: Readable): Promise<Readable | FastifyLikeReply> => {
      const read = await readBodyLimited(payload, guard.maxBodyBytes, request.raw.headers['content-length']);
      if (!read.ok) {
        const reason = read.reason === 'body-too-large' ? 'body-too-large' : 'malformed-body';
        emit(guard.options.sink, 'warn', { event: 'twilio.webhook.rejected', reason, status: 403, controlId: guard.shape?.signatureControlId ?? 'TW-WEBHOOK-SIGNATURE', method: request.method, path: pathOnly(request.raw.url ?? '') });
        return reject(reply, { ok: false, status: 403, reason });
      }
      request[RAW_BODY] = read.body;
      const replay = Readable.from([read.body]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = read.body.length;
      return replay;
    },
    preHandler: async (request: FastifyLikeRequest, reply: FastifyLikeReply): Promise<FastifyLikeReply | void> => {
      const pathAndQuery = request.raw.url ?? '';
      const url = publicUrlOf(request.raw, pathAndQuery, options);
      const rawBody = request[RAW_BODY] ?? Buffer.alloc(0);
      const verdict = await verifyWebhook({ method: request.method, url, headers: request.raw.headers as HeaderBag, rawBody }, guard);
      if (!verdict.ok) return reject(reply, verdict);
      request.twilio = { params: verdict.params, json: verdict.json };
      request[SETTLE] = verdict.settle;
    },
    onResponse: async (request: FastifyLikeRequest, reply: FastifyLikeReply): Promise<void> => {
      await request[SETTLE]?.(reply.statusCode < 500 ? 'handled' : 'failed');
    },
  };
}

function reject(reply: FastifyLikeReply, verdict: WebhookVerdict & { ok: false }): FastifyLikeReply {
  const answer = rejectionResponse(verdict);
  reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  return reply.send(answer.body);
}
