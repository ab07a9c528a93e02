import type { IncomingMessage, ServerResponse } from 'node:http';
import { paramsFromParsedBody, type WebhookParams } from './form.ts';
import type { HeaderBag } from './headers.ts';
import { publicUrlOf, settleWhenAnswered, verifyNodeRequest, writeRejection, type NodeVerdict, type TwilioWebhookOptions } from './node.ts';
import { assertPublicUrlOption } from './public-url.ts';
import { resolveWebhookGuard, verifyWebhook } from './verify.ts';

// Structural types so the adapter does not make `express` (or its types) a dependency.
interface ExpressLikeRequest extends IncomingMessage {
  originalUrl?: string;
  body?: unknown;
  rawBody?: unknown;
  twilio?: { params: WebhookParams; json?: unknown };
}
type Next = (err?: unknown) => void;

/**
 * Express middleware. Mount it BEFORE body parsers on the webhook routes: it reads the
 * raw body itself (bounded), verifies it, then sets `req.body` to the parameters (or the
 * parsed JSON) and `req.twilio`. If a parser already ran, it verifies the parsed form
 * parameters (or `req.rawBody`, if the app kept it).
 */
export function twilioWebhook(options: TwilioWebhookOptions): (req: ExpressLikeRequest, res: ServerResponse, next: Next) => void {
  const guard = resolveWebhookGuard(options);
  assertPublicUrlOption(options);
  return (req, res, next) => {
    const pathAndQuery = req.originalUrl ?? req.url ?? '';
    void verifyExpressRequest(req, pathAndQuery).then(
      (verdict) => {
        if (!verdict.ok) return writeRejection(res, verdict);
        settleWhenAnswered(res, verdict.settle);
        req.twilio = { params: verdict.params, json: verdict.json };
        req.body = verdict.json !== undefined ? verdict.json : verdict.params;
        next();
      },
      (err: unknown) => next(err),
    );
  };

  async function verifyExpressRequest(req: ExpressLikeRequest, pathAndQuery: string): Promise<NodeVerdict> {
    if (!req.readableEnded && req.body === undefined) return verifyNodeRequest(req, guard, options, pathAndQuery);
    // A body parser ran first: the bytes are gone, use what it left behind.
    const url = publicUrlOf(req, pathAndQuery, options);
    const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : typeof req.rawBody === 'string' ? Buffer.from(req.rawBody) : undefined;
    const parsedParams = rawBody === undefined ? paramsFromParsedBody(req.body ?? {}) : undefined;
    const verdict = await verifyWebhook({ method: req.method ?? '', url, headers: req.headers as HeaderBag, rawBody, parsedParams }, guard);
    if (!verdict.ok) return verdict;
    return { ...verdict, rawBody: rawBody ?? Buffer.alloc(0) };
  }
}
