// Frontline callbacks (CRM, outgoing conversations, templates, routing) must be V2
// (TW-FRONTLINE-CALLBACK-V2) and must come from Twilio (TW-FRONTLINE-CALLBACK-VALIDATE).
// Twilio's "Callback Versions" page lists what V2 changed, and so what a V1 request
// looks like: V1 carried the Frontline user's token (`Token` body parameter or
// `X-Twilio-Token` header) instead of `X-Twilio-Signature`, sent an application/json body
// instead of a form, and put `Location` in the query string instead of the body.
import type { ServerResponse } from 'node:http';
import { twilioWebhook } from './express.ts';
import type { WebhookParams } from './form.ts';
import { singleHeader } from './headers.ts';
import type { TwilioWebhookOptions } from './node.ts';
import type { CallbackShape, InboundWebhook, RejectReason } from './verify.ts';

export type FrontlineCallbackKind = 'crm' | 'outgoing-conversation' | 'templates' | 'routing';

/** The `Location` values each callback documents; routing callbacks carry none. */
export const FRONTLINE_LOCATIONS: Readonly<Record<Exclude<FrontlineCallbackKind, 'routing'>, readonly string[]>> = {
  crm: ['GetCustomerDetailsByCustomerId', 'GetCustomersList'],
  'outgoing-conversation': ['GetProxyAddress'],
  templates: ['GetTemplatesByCustomerId'],
};

const CONVERSATION_SID = /^CH[0-9a-f]{32}$/;

/**
 * Shape rules for one Frontline callback route, for any adapter:
 * `twilioWebhookHono({ ...options, callbackShape: frontlineV2Shape('crm') })`.
 * V1-shaped requests and unknown `Location`s are refused (403, TW-FRONTLINE-CALLBACK-V2);
 * signature failures are logged under TW-FRONTLINE-CALLBACK-VALIDATE.
 */
export function frontlineV2Shape(kind: FrontlineCallbackKind): CallbackShape {
  if (kind !== 'routing' && !(kind in FRONTLINE_LOCATIONS)) {
    throw new TypeError(`frontline guard: callback must be one of crm, outgoing-conversation, templates, routing; got ${JSON.stringify(String(kind))}`);
  }
  return {
    controlId: 'TW-FRONTLINE-CALLBACK-V2',
    signatureControlId: 'TW-FRONTLINE-CALLBACK-VALIDATE',
    beforeSignature: v1Markers,
    afterSignature: (params) => (params['Token'] !== undefined ? 'frontline-v1-callback' : expectedParameters(kind, params)),
  };
}

function v1Markers(request: InboundWebhook, url: URL): RejectReason | undefined {
  if (request.headers['x-twilio-token'] !== undefined) return 'frontline-v1-callback';
  const contentType = singleHeader(request.headers, 'content-type');
  if (typeof contentType === 'string' && /^\s*application\/json/i.test(contentType)) return 'frontline-v1-callback';
  if (url.searchParams.has('bodySHA256')) return 'frontline-v1-callback';
  for (const key of url.searchParams.keys()) if (key.toLowerCase() === 'location' || key === 'Token') return 'frontline-v1-callback';
  return undefined;
}

function expectedParameters(kind: FrontlineCallbackKind, params: WebhookParams): RejectReason | undefined {
  if (kind === 'routing') {
    const sid = params['ConversationSid'];
    return typeof sid === 'string' && CONVERSATION_SID.test(sid) ? undefined : 'frontline-unknown-location';
  }
  const location = params['Location'];
  return typeof location === 'string' && FRONTLINE_LOCATIONS[kind].includes(location) ? undefined : 'frontline-unknown-location';
}

export interface FrontlineCallbackOptions extends TwilioWebhookOptions {
  /** Which Frontline callback this route serves. */
  callback: FrontlineCallbackKind;
}

/**
 * Express middleware for one Frontline callback route: the webhook guard (signature, https,
 * body limit, replay...) plus the V2 shape rules. Mount it before body parsers.
 * Frontline expects JSON answers, so do not rely on a TwiML acknowledgement: Frontline
 * callbacks are reads and normally carry no idempotency token.
 */
export function frontlineCallbacks(options: FrontlineCallbackOptions): (req: Parameters<ReturnType<typeof twilioWebhook>>[0], res: ServerResponse, next: (err?: unknown) => void) => void {
  const { callback, ...webhookOptions } = options;
  return twilioWebhook({ ...webhookOptions, callbackShape: frontlineV2Shape(callback) });
}
