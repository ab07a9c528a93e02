import type { ControlId } from '@chaperone/controls';
import type { RejectReason, WebhookVerdict } from './verify.ts';

/**
 * The answer to an acknowledged replay: an empty TwiML document. It is a valid "do nothing"
 * for Voice and Messaging webhooks and is ignored by status callbacks, so Twilio records a
 * success without the handler running a second time.
 */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface RejectionResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One place decides what every adapter writes back, so the five adapters cannot drift. */
export function rejectionResponse(verdict: WebhookVerdict & { ok: false }): RejectionResponse {
  if (verdict.status === 200) return { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: EMPTY_TWIML };
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (verdict.wwwAuthenticate) headers['WWW-Authenticate'] = verdict.wwwAuthenticate;
  // The body may not have been read to the end; do not reuse the connection.
  if (verdict.reason === 'body-too-large') headers['Connection'] = 'close';
  const body = verdict.status === 401 ? 'Unauthorized' : verdict.status === 503 ? 'Service Unavailable' : 'Forbidden';
  return { status: verdict.status, headers, body };
}

/** The catalogue control a refusal falls under, for the decision log. */
export function controlIdOf(reason: RejectReason, signatureControl: ControlId, shapeControl: ControlId | undefined): ControlId {
  switch (reason) {
    case 'insecure-scheme':
      return 'TW-HTTPS';
    case 'missing-credentials':
    case 'bad-credentials':
      return 'TW-HTTP-AUTH';
    case 'frontline-v1-callback':
    case 'frontline-unknown-location':
      return shapeControl ?? signatureControl;
    default:
      return signatureControl;
  }
}
