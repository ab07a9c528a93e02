// One-line, secret-free descriptions of what went wrong with a request. Errors from
// axios carry the request config (headers with Basic auth, full URLs); nothing of them
// is printed, only a status or an error code and the API path without its query.

/**
 * The first path segment is kept only when it is a plain word (letters only, up to 24):
 * `/voice`, `/sms`, `/hooks` tell an admin which endpoint is meant. Everything after it,
 * and any first segment with digits, underscores, dots or hyphens, is replaced by `…`:
 * paths carry tokens (`/services/T000/B000/<secret>`, `/hook/sk_live_...`) and record ids
 * (`/patients/12345`) as often as queries do.
 */
const PLAIN_SEGMENT = /^[A-Za-z]{1,24}$/;

function redactPath(pathname: string): string {
  if (pathname === '' || pathname === '/') return pathname;
  const [first = '', ...rest] = pathname.slice(1).split('/');
  if (!PLAIN_SEGMENT.test(first)) return '/…';
  return rest.length === 0 || (rest.length === 1 && rest[0] === '') ? `/${first}${rest.length ? '/' : ''}` : `/${first}/…`;
}

/**
 * `https://user:pass@host/hook/secret?q` -> `https://***@host/hook/…?***`: scheme, host and
 * port stay (they say where data goes), userinfo and query never show, the path is cut to
 * a plain first word (see redactPath). Non-URLs come back masked.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const userinfo = parsed.username || parsed.password ? '***@' : '';
    const query = parsed.search ? '?***' : '';
    return `${parsed.protocol}//${userinfo}${parsed.host}${redactPath(parsed.pathname)}${query}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** Host-free API path of a Twilio URL (`messaging /v1/Services`) for error lines. */
export function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    const sub = parsed.hostname.endsWith('.twilio.com') ? parsed.hostname.split('.')[0] : parsed.hostname;
    return `${sub} ${parsed.pathname}`;
  } catch {
    return 'request';
  }
}

/**
 * An error whose message the scanner wrote itself, naming at most a host-free endpoint
 * (describeEndpoint): safe to print whole, and more useful than its name.
 */
export class ScannerError extends Error {}

export function describeError(error: unknown): string {
  if (error instanceof ScannerError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  if (error instanceof HttpStatusError) return error.message;
  if (error instanceof Error && error.name && error.name !== 'Error' && error.name !== 'AxiosError') return error.name;
  return 'request failed';
}

/** A non-2xx answer; carries only the status and the endpoint, never the body. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly endpoint: string,
  ) {
    super(`HTTP ${status} from ${endpoint}`);
    this.name = 'HttpStatusError';
  }
}

/** The scanner is read-only: its client refuses anything but GET before any I/O. */
export class ReadOnlyViolation extends Error {
  constructor(method: string, endpoint: string) {
    super(`refused ${method.toUpperCase()} ${endpoint}: the scanner is read-only and sends GET requests only`);
    this.name = 'ReadOnlyViolation';
  }
}

/**
 * The scanner chose not to send a request (its host stopped answering, the run's deadline
 * passed). Its message is written by us, names no URL beyond the host and is safe to print.
 */
export class RequestNotSent extends ScannerError {
  override name = 'RequestNotSent';
}
