// One unsigned, Twilio-shaped request to one webhook URL (I/O). Written on node:https
// rather than the twilio SDK: the SDK sends requests *to* Twilio, and this is the one
// request the scanner makes to the customer's app, so it needs what no client library
// here offers together: no redirect following (node:https never follows), a hard deadline
// for the whole exchange, the body never read (an app's answer may hold PHI), and a
// reason that is one code, never a message with the URL in it.
import { request } from 'node:https';
import { edgeOf, mediaType } from './edge.ts';
import { isPrivateAddress, publicOnlyLookup } from './public-address.ts';
// Node's own percent-decoder: decodeURIComponent, and on a malformed sequence it decodes what
// it can and keeps the rest instead of throwing (the scanner and the guard used to hand-write this).
import { unescape as percentDecoded } from 'node:querystring';

export const PROBE_USER_AGENT = 'Chaperone-Webhook-Probe/0.1 (HIPAA scan; unsigned test request, no action needed)';

/**
 * The synthetic webhook. AccountSid is the account that configures the URL: an identifier,
 * not a secret or PHI, and Twilio sends it to this URL on every real request. A foreign or
 * fake AccountSid could be refused (403) by an app that checks it while never checking the
 * signature, and that refusal would read as a pass. Everything that could make an app act
 * is fake: SIDs are all zeros (no such resource exists), the numbers are in the 555-01xx
 * range reserved for fiction (nothing can be sent to them), the body says what it is.
 */
export function probeForm(accountSid: string): URLSearchParams {
  return new URLSearchParams({
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: `SM${'0'.repeat(32)}`,
    SmsMessageSid: `SM${'0'.repeat(32)}`,
    MessagingServiceSid: `MG${'0'.repeat(32)}`,
    From: '+15555550100',
    To: '+15555550199',
    Body: 'Chaperone webhook signature probe: unsigned test request, no action needed',
    NumMedia: '0',
  });
}

export interface ProbeRequestOptions {
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM). Tests only: production trusts the system CAs. */
  ca?: string | readonly string[];
  /** Send to private and loopback addresses too. Tests only (their app listens on 127.0.0.1). */
  allowPrivateAddresses?: boolean;
}

export interface ProbeResponse {
  /** HTTP status when an answer came. */
  status?: number;
  /** The auth scheme of a 401's WWW-Authenticate (`Basic`, `Digest`), lower-cased; never its parameters. */
  challenge?: string;
  /** The answer's media type (`text/html`), from its header; the body itself is never read. */
  contentType?: string;
  /** A CDN, WAF or load balancer that named itself in the answer's headers (`cloudflare`...). */
  edge?: string;
  /** Why no answer came: an error code (ETIMEDOUT, ECONNREFUSED, CERT_HAS_EXPIRED...). */
  error?: string;
  /** Whether basic auth from the URL's userinfo was sent. */
  basicAuth: boolean;
}

/**
 * Sends the probe. Credentials in the URL's userinfo go as `Authorization: Basic`, the way
 * Twilio sends them (only from the URL): a correctly protected endpoint may check basic auth
 * before the signature, and without them its 401 would say nothing about the signature.
 */
export function sendProbe(url: string, accountSid: string, options: ProbeRequestOptions): Promise<ProbeResponse> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ error: 'INVALID_URL', basicAuth: false });
  }
  if (target.protocol !== 'https:') return Promise.resolve({ error: 'NOT_HTTPS', basicAuth: false });
  const guard = !options.allowPrivateAddresses;
  // A literal IP host never reaches the lookup hook, so it is judged here.
  if (guard && isPrivateAddress(target.hostname.replace(/^\[|\]$/g, ''))) return Promise.resolve({ error: 'PRIVATE_ADDRESS', basicAuth: false });
  const basicAuth = target.username !== '' || target.password !== '';
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    'User-Agent': PROBE_USER_AGENT,
    Accept: '*/*',
  };
  if (basicAuth) {
    const user = percentDecoded(target.username);
    const pass = percentDecoded(target.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  target.username = '';
  target.password = '';
  const body = probeForm(accountSid).toString();
  headers['Content-Length'] = String(Buffer.byteLength(body));

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<ProbeResponse, 'basicAuth'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, basicAuth });
    };
    const req = request(target, {
      method: 'POST',
      headers,
      // A fresh connection per probe: one request per URL, nothing pooled past the scan.
      agent: false,
      rejectUnauthorized: true,
      ...(options.ca ? { ca: options.ca as string | string[] } : {}),
      ...(guard ? { lookup: publicOnlyLookup } : {}),
    });
    // The whole exchange (DNS, TLS, headers) gets one deadline; an idle-socket timeout
    // alone would let a slow-dripping endpoint hold the scan.
    const deadline = setTimeout(() => {
      finish({ error: 'ETIMEDOUT' });
      req.destroy();
    }, options.timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const header = res.headers['www-authenticate'];
      const scheme = (Array.isArray(header) ? header[0] : header)?.trim().split(/\s+/)[0]?.toLowerCase();
      const contentType = mediaType(res.headers);
      const edge = edgeOf(res.headers);
      finish({ status, ...(status === 401 && scheme ? { challenge: scheme } : {}), ...(contentType ? { contentType } : {}), ...(edge ? { edge } : {}) });
      // The answer's body is never read: it may hold PHI, and the status is all we need.
      res.destroy();
      req.destroy();
    });
    req.on('error', (error) => finish({ error: errorCode(error) }));
    req.end(body);
  });
}


/** An error's code only: messages can carry the host, the path or a certificate subject. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'REQUEST_FAILED';
}
