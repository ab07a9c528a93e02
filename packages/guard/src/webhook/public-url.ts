import { firstListValue, type HeaderBag } from './headers.ts';

export interface PublicUrlOptions {
  /**
   * The public origin (and optional path prefix) Twilio calls, e.g. `https://clinic.example.com`
   * or a tunnel URL. Wins over everything else, since only the app knows what it configured in Twilio.
   */
  publicUrl?: string;
  /** Believe `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind a proxy that sets them). */
  trustProxy?: boolean;
}

export interface RequestLocation {
  /** Path and query exactly as received (e.g. `req.originalUrl`), never re-encoded. */
  pathAndQuery: string;
  headers: HeaderBag;
  /** Whether the socket itself was TLS. */
  encrypted: boolean;
}

// A Host header is `host[:port]`; anything else (spaces, slashes, userinfo) would let a
// client steer the URL we sign against, so it is refused rather than repaired.
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * The URL Twilio requested, rebuilt for signature checking. The SDK's validator then
 * tries it with and without the default port, as every Twilio helper library does.
 * Returns undefined when the URL cannot be rebuilt safely.
 */
export function rebuildPublicUrl(location: RequestLocation, options: PublicUrlOptions): string | undefined {
  const path = location.pathAndQuery;
  if (!path.startsWith('/')) return undefined;
  if (options.publicUrl !== undefined) return options.publicUrl.replace(/\/+$/, '') + path;
  let proto = location.encrypted ? 'https' : 'http';
  let host = firstListValue(location.headers['host']);
  if (options.trustProxy) {
    proto = firstListValue(location.headers['x-forwarded-proto'])?.toLowerCase() ?? proto;
    host = firstListValue(location.headers['x-forwarded-host']) ?? host;
  }
  if (!host || !HOST_PATTERN.test(host)) return undefined;
  if (proto !== 'https' && proto !== 'http') return undefined;
  return `${proto}://${host}${path}`;
}
