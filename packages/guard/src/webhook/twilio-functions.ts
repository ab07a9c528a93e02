import { parseFormBody, type WebhookParams } from './form.ts';
import type { HeaderBag } from './headers.ts';
import { rejectionResponse } from './rejection.ts';
import { resolveWebhookGuard, verifyWebhook, type SettleWebhook, type WebhookGuardOptions, type WebhookVerdict } from './verify.ts';
import { emit } from '../sink.ts';

/**
 * Why a JSON webhook cannot be verified here, and what to do instead. The runtime parses
 * JSON and form bodies into `event` before the handler runs, and `event.request` carries
 * only headers and cookies (runtime handler >= 1.2): the exact bytes that `bodySHA256`
 * hashes are gone, and re-serialising `event` does not reproduce them.
 */
export const FUNCTIONS_JSON_FIX =
  'Twilio Functions hands the handler a parsed event, not the raw body that bodySHA256 signs; point form-encoded webhooks at this Function, or receive JSON webhooks in your own service (twilioWebhook, twilioWebhookListener)';

/** The parts of the Twilio Functions `context` the guard reads. */
export interface FunctionsContext {
  DOMAIN_NAME?: string;
  PATH?: string;
  AUTH_TOKEN?: string;
  [key: string]: unknown;
}

/** `event`: the parsed parameters, plus `request.headers` (Functions runtime ≥ 1.2). */
export interface FunctionsEvent {
  request?: { headers?: Record<string, string | string[] | undefined>; cookies?: unknown };
  [param: string]: unknown;
}

export type FunctionsCallback = (error: unknown, response?: unknown) => void;
export type FunctionsHandler = (context: FunctionsContext, event: FunctionsEvent, callback: FunctionsCallback) => unknown;

/** Mirrors the runtime's global `Twilio.Response`. */
export interface FunctionsResponse {
  setStatusCode(code: number): unknown;
  setBody(body: unknown): unknown;
  appendHeader(name: string, value: string): unknown;
}

export interface TwilioFunctionsGuardOptions extends Omit<WebhookGuardOptions, 'authToken'> {
  /** Defaults to `context.AUTH_TOKEN` ("Add my Twilio Credentials" in the service settings). */
  authToken?: string | readonly string[];
  /**
   * The URL Twilio requested, query string included. Default `https://{DOMAIN_NAME}{PATH}`
   * (no query: the runtime keeps only the path). Pass a function when the webhook URL
   * carries a query string: the runtime folds its parameters into `event`, and the guard
   * takes them back out of the signed body parameters (the URL already covers them).
   */
  publicUrl?: (context: FunctionsContext, event: FunctionsEvent) => string;
  /** Builds the rejection response; defaults to the runtime's global `Twilio.Response`. */
  createResponse?: () => FunctionsResponse;
}

/**
 * Wraps a Twilio Functions handler so it runs only for verified Twilio requests. The
 * runtime has already parsed the body into `event`, so form parameters are verified
 * from there; a JSON (`bodySHA256`) webhook cannot be re-hashed and is refused with
 * reason `json-body-unverifiable-on-functions` and FUNCTIONS_JSON_FIX in the log.
 */
export function withTwilioGuard(handler: FunctionsHandler, options: TwilioFunctionsGuardOptions = {}): FunctionsHandler {
  let resolved: ReturnType<typeof resolveWebhookGuard> | undefined;
  return async (context, event, callback) => {
    let verdict: WebhookVerdict;
    try {
      resolved ??= resolveWebhookGuard({ ...options, authToken: options.authToken ?? context.AUTH_TOKEN ?? '' });
      const url = options.publicUrl ? options.publicUrl(context, event) : `https://${context.DOMAIN_NAME ?? ''}${context.PATH ?? ''}`;
      const headers = lowerCase(event.request?.headers ?? {});
      // With shape rules (Frontline), a JSON body is a V1 callback: let those rules name it.
      if (!options.callbackShape && isJsonWebhook(event, headers)) {
        emit(options.sink, 'warn', { event: 'twilio.webhook.rejected', reason: 'json-body-unverifiable-on-functions', status: 403, controlId: 'TW-WEBHOOK-SIGNATURE', method: 'POST', path: context.PATH, fix: FUNCTIONS_JSON_FIX });
        return answer({ ok: false, status: 403, reason: 'json-body-unverifiable-on-functions' });
      }
      verdict = await verifyWebhook({ method: 'POST', url, headers, parsedParams: withoutQueryParams(paramsOf(event), url) }, resolved);
    } catch {
      // Missing token or a broken option: refuse rather than run the handler unguarded.
      verdict = { ok: false, status: 403, reason: 'bad-signature' };
    }
    if (verdict.ok) return runSettled(handler, verdict.settle, context, event, callback);
    return answer(verdict);

    function answer(rejected: WebhookVerdict & { ok: false }): unknown {
      let response: FunctionsResponse;
      try {
        response = (options.createResponse ?? runtimeResponse)();
      } catch (error) {
        return callback(error);
      }
      const written = rejectionResponse(rejected);
      response.setStatusCode(written.status);
      for (const [name, value] of Object.entries(written.headers)) if (name !== 'Connection') response.appendHeader(name, value);
      response.setBody(written.body);
      return callback(null, response);
    }
  };
}

/**
 * Runs the handler and settles the replay claim on its outcome: `callback(error)`, a throw,
 * or a response whose status is 5xx is a failure (Twilio's retry is handled again); anything
 * else handled it.
 */
async function runSettled(handler: FunctionsHandler, settle: SettleWebhook, context: FunctionsContext, event: FunctionsEvent, callback: FunctionsCallback): Promise<unknown> {
  const settledCallback: FunctionsCallback = (error, response) => {
    void settle(error || statusOf(response) >= 500 ? 'failed' : 'handled').then(() => callback(error, response));
  };
  try {
    return await handler(context, event, settledCallback);
  } catch (error) {
    await settle('failed');
    throw error;
  }
}

// The runtime's Twilio.Response keeps its status in `statusCode`; a string or object is 200.
function statusOf(response: unknown): number {
  const code = (response as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof code === 'number' ? code : 200;
}

// The runtime folds the webhook URL's query (bodySHA256 included) into `event`.
function isJsonWebhook(event: FunctionsEvent, headers: HeaderBag): boolean {
  if (event['bodySHA256'] !== undefined) return true;
  const contentType = headers['content-type'];
  const value = Array.isArray(contentType) ? contentType.join(',') : (contentType ?? '');
  return /^\s*application\/json/i.test(value);
}

function runtimeResponse(): FunctionsResponse {
  const Runtime = (globalThis as { Twilio?: { Response?: new () => FunctionsResponse } }).Twilio?.Response;
  if (!Runtime) throw new Error('withTwilioGuard: no global Twilio.Response; pass createResponse when running outside Twilio Functions');
  return new Runtime();
}

function lowerCase(headers: Record<string, string | string[] | undefined>): HeaderBag {
  const bag: HeaderBag = Object.create(null) as HeaderBag;
  for (const [name, value] of Object.entries(headers)) bag[name.toLowerCase()] = value;
  return bag;
}

/**
 * The body parameters of a request whose query the runtime folded into `event`
 * (`{ ...query, ...body }`: a body value wins over a query value of the same name). The
 * signature covers the URL, query included, plus the BODY parameters, so a parameter whose
 * value is exactly the URL's is the query's and leaves the signed set; one that differs came
 * from the body and stays, so a forger who overrides a query value in the body still fails.
 * Known limit: a body parameter equal in name and value to a query parameter is taken for
 * the query's, and that request is refused (fail closed).
 */
export function withoutQueryParams(params: WebhookParams, url: string): WebhookParams {
  let query: WebhookParams;
  try {
    query = parseFormBody(new URL(url).search.slice(1));
  } catch {
    return params; // an unparsable URL fails the signature check anyway
  }
  const body: WebhookParams = Object.create(null) as WebhookParams;
  for (const [key, value] of Object.entries(params)) {
    const fromQuery = query[key];
    if (fromQuery === undefined || !sameValue(fromQuery, value)) body[key] = value;
  }
  return body;
}

function sameValue(a: string | string[], b: string | string[]): boolean {
  const left = Array.isArray(a) ? a : [a];
  const right = Array.isArray(b) ? b : [b];
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

// Every event key except the runtime's own `request` is a Twilio parameter.
function paramsOf(event: FunctionsEvent): WebhookParams {
  const params: WebhookParams = Object.create(null) as WebhookParams;
  for (const [key, value] of Object.entries(event)) {
    if (key === 'request') continue;
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value)) params[key] = value.map(String);
    else if (value !== undefined && value !== null) params[key] = String(value);
  }
  return params;
}
