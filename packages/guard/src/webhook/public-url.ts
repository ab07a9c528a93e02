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

/** Construction-time check, so a wrong publicUrl fails loudly instead of refusing every webhook. */
export function assertPublicUrlOption(options: PublicUrlOptions): void {
  if (options.publicUrl === undefined) return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(options.publicUrl);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== 'https:' || parsed.search || parsed.hash) {
    throw new TypeError('webhook guard: publicUrl must be the https origin Twilio calls, without query string, e.g. https://clinic.example.com');
  }
}

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
    const forwarded = parseForwarded(location.headers['forwarded']);
    proto = (firstListValue(location.headers['x-forwarded-proto']) ?? forwarded.proto)?.toLowerCase() ?? proto;
    host = firstListValue(location.headers['x-forwarded-host']) ?? forwarded.host ?? host;
    // A proxy listening on a non-default port may send it separately from the host.
    const port = firstListValue(location.headers['x-forwarded-port']);
    if (host && port && /^\d{1,5}$/.test(port) && !/:\d+$/.test(host) && port !== (proto === 'https' ? '443' : '80')) host = `${host}:${port}`;
  }
  if (!host || !HOST_PATTERN.test(host)) return undefined;
  if (proto !== 'https' && proto !== 'http') return undefined;
  return `${proto}://${host}${path}`;
}

/** The first element of an RFC 7239 `Forwarded` header: `for=...;proto=https;host=example.com`. */
function parseForwarded(value: string | string[] | undefined): { proto?: string; host?: string } {
  const first = firstListValue(value);
  if (!first) return {};
  const result: { proto?: string; host?: string } = {};
  for (const pair of first.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim().toLowerCase();
    const raw = pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'proto') result.proto = raw;
    if (key === 'host') result.host = raw;
  }
  return result;
}
