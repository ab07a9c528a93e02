import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { WebhookParams } from './form.ts';
import { lowerCaseHeaders } from './headers.ts';
import type { TwilioWebhookOptions } from './node.ts';
import { assertPublicUrlOption, rebuildPublicUrl } from './public-url.ts';
import { readBodyLimited } from './read-body.ts';
import { rejectionResponse } from './rejection.ts';
import { resolveWebhookGuard, verifyWebhook, type WebhookVerdict } from './verify.ts';
import { emit } from '../sink.ts';

// Structural view of Hono's Context, so `hono` stays an optional peer dependency.
interface HonoLikeContext {
  req: {
    url: string;
    method: string;
    raw: Request;
    bodyCache: Partial<Record<'arrayBuffer' | 'text' | 'json' | 'formData' | 'blob', Promise<unknown>>>;
  };
  env?: unknown;
  res: Response;
  set(key: 'twilio', value: { params: WebhookParams; json?: unknown }): void;
  body(data: string, status: number, headers: Record<string, string>): Response;
}

/**
 * Hono middleware. On @hono/node-server it uses the raw request line and socket; elsewhere
 * it trusts the runtime's request URL. The verified body stays readable downstream
 * (`c.req.parseBody()`), and the parameters are in `c.get('twilio')`.
 */
export function twilioWebhookHono(options: TwilioWebhookOptions) {
  const guard = resolveWebhookGuard(options);
  assertPublicUrlOption(options);
  return async (c: HonoLikeContext, next: () => Promise<void>): Promise<Response | void> => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const requestUrl = new URL(c.req.url);
    const pathAndQuery = incoming?.url ?? requestUrl.pathname + requestUrl.search;
    const encrypted = incoming ? (incoming.socket as Partial<TLSSocket>).encrypted === true : requestUrl.protocol === 'https:';
    const headers = lowerCaseHeaders(c.req.raw.headers.entries());
    const url = rebuildPublicUrl({ pathAndQuery, headers, encrypted }, options);

    let rawBody: Buffer = Buffer.alloc(0);
    if (c.req.raw.body) {
      const read = await readBodyLimited(c.req.raw.body, guard.maxBodyBytes, singleValue(headers['content-length']));
      if (!read.ok) {
        const reason = read.reason === 'body-too-large' ? 'body-too-large' : 'malformed-body';
        emit(guard.options.sink, 'warn', { event: 'twilio.webhook.rejected', reason, status: 403, controlId: guard.shape?.signatureControlId ?? 'TW-WEBHOOK-SIGNATURE', method: c.req.method, path: requestUrl.pathname });
        return rejection(c, { ok: false, status: 403, reason });
      }
      rawBody = read.body;
      // Hand the bytes we consumed back to Hono's body cache for the route handler.
      const copy = rawBody.buffer.slice(rawBody.byteOffset, rawBody.byteOffset + rawBody.byteLength);
      c.req.bodyCache = { arrayBuffer: Promise.resolve(copy) };
    }
    const verdict = await verifyWebhook({ method: c.req.method, url, headers, rawBody }, guard);
    if (!verdict.ok) return rejection(c, verdict);
    c.set('twilio', { params: verdict.params, json: verdict.json });
    try {
      await next();
    } catch (error) {
      await verdict.settle('failed');
      throw error;
    }
    // Hono turns a handler's throw into its error response (500) before next() returns.
    await verdict.settle(c.res.status < 500 ? 'handled' : 'failed');
  };
}

function singleValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function rejection(c: HonoLikeContext, verdict: WebhookVerdict & { ok: false }): Response {
  const answer = rejectionResponse(verdict);
  return c.body(answer.body, answer.status, answer.headers);
}
