// The base-URL contract shared by the twin, the scanner and users' tests:
// a request for https://{sub}.twilio.com{path} is served at {base}/{sub}{path}.
// Kept free of heavy imports: the scanner imports this subpath on its hot path.

const TWILIO_HOST = /^([a-z0-9-]+)\.twilio\.com$/i;

/**
 * Rewrites a Twilio API URL onto the twin's base URL. URLs that are not on a
 * `*.twilio.com` host are returned unchanged so the caller's own requests pass through.
 */
export function rewriteTwilioUrl(url: string, base: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const match = TWILIO_HOST.exec(parsed.hostname);
  if (!match) return url;
  const sub = match[1]!.toLowerCase();
  const trimmedBase = base.replace(/\/+$/, '');
  return `${trimmedBase}/${sub}${parsed.pathname}${parsed.search}`;
}

/** The inverse: which Twilio subdomain and path a twin request path addresses. */
export function splitTwinPath(pathname: string): { sub: string; path: string } | undefined {
  const slash = pathname.indexOf('/', 1);
  if (slash < 0) return undefined;
  return { sub: pathname.slice(1, slash), path: pathname.slice(slash) };
}
