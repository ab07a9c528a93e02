// What stands in front of a webhook when it answers: a CDN, WAF or load balancer names
// itself in headers (never in the body, which the probe does not read). A refusal from one
// of them is the edge speaking, not the app's signature check.
import type { IncomingHttpHeaders } from 'node:http';

/** `Server` values of CDNs, WAFs and load balancers that answer 403 on their own. */
const EDGE_SERVERS: readonly [RegExp, string][] = [
  [/cloudflare/i, 'cloudflare'],
  [/akamai/i, 'akamai'],
  [/cloudfront/i, 'cloudfront'],
  [/awselb|aws ?waf/i, 'aws'],
  [/sucuri/i, 'sucuri'],
  [/imperva|incapsula/i, 'imperva'],
  [/fastly|varnish/i, 'fastly'],
  [/azure|front ?door/i, 'azure'],
  [/big-?ip|f5/i, 'f5'],
  [/barracuda/i, 'barracuda'],
  [/ddos-guard/i, 'ddos-guard'],
];

/** Headers only an edge sets. */
const EDGE_HEADERS: readonly [string, string][] = [
  ['cf-ray', 'cloudflare'],
  ['x-amz-cf-id', 'cloudfront'],
  ['x-amzn-waf-action', 'aws'],
  ['x-sucuri-id', 'sucuri'],
  ['x-iinfo', 'imperva'],
  ['x-akamai-request-id', 'akamai'],
  ['x-azure-ref', 'azure'],
  ['x-fastly-request-id', 'fastly'],
];

/** The edge that answered, by name, or undefined when nothing in the headers says so. */
export function edgeOf(headers: IncomingHttpHeaders): string | undefined {
  const server = [headers['server']].flat().join(' ');
  for (const [pattern, name] of EDGE_SERVERS) if (pattern.test(server)) return name;
  for (const [header, name] of EDGE_HEADERS) if (headers[header] !== undefined) return name;
  return undefined;
}

/** The media type of a Content-Type header (`text/html`), lower case, without parameters. */
export function mediaType(headers: IncomingHttpHeaders): string | undefined {
  const value = [headers['content-type']].flat()[0];
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}
