/** An outgoing Twilio API request as the rules see it: method, URL and flattened parameters. */
export interface OutboundRequest {
  /** Upper case: GET, POST, PUT, DELETE. */
  method: string;
  url: URL;
  /** `messaging` for messaging.twilio.com (and its regional forms); '' off twilio.com. */
  product: string;
  /** Path without the query string, e.g. `/2010-04-01/Accounts/AC.../Messages.json`. */
  path: string;
  /** Query parameters and form/JSON body, flattened (`Webhook.Url`), every value a string. */
  params: ReadonlyMap<string, readonly string[]>;
}

/** The slice of the SDK's RequestClient options the guard reads. */
export interface SdkRequestOptions {
  method: string;
  uri: string;
  params?: unknown;
  data?: unknown;
}

const TWILIO_HOST = /^([a-z0-9-]+)(\.[a-z0-9-]+)*\.twilio\.com$/i;

export function normalizeRequest(opts: SdkRequestOptions): OutboundRequest {
  const url = new URL(opts.uri);
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const product = TWILIO_HOST.test(host) ? host.split('.')[0]! : '';
  const params = new Map<string, string[]>();
  for (const [key, value] of url.searchParams) add(params, key, value);
  flatten(params, '', opts.params);
  flatten(params, '', typeof opts.data === 'string' ? parseStringBody(opts.data) : opts.data);
  return { method: opts.method.toUpperCase(), url, product, path: url.pathname, params };
}

// The SDK sends form bodies as objects, but a caller of client.request may pass a
// pre-encoded string; both must be inspected the same way.
function parseStringBody(data: string): unknown {
  const trimmed = data.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return { '': data };
    }
  }
  return Object.fromEntries(groupPairs(new URLSearchParams(data)));
}

function groupPairs(search: URLSearchParams): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of search) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  return grouped;
}

function add(params: Map<string, string[]>, key: string, value: string): void {
  const list = params.get(key);
  if (list) list.push(value);
  else params.set(key, [value]);
}

function flatten(params: Map<string, string[]>, prefix: string, value: unknown, depth = 0): void {
  if (value === undefined || value === null) return;
  if (depth > 8) {
    // Deeper than any Twilio parameter: keep it visible to the rules as text.
    add(params, prefix, JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) flatten(params, prefix, item, depth + 1);
    return;
  }
  if (value instanceof Date) return add(params, prefix, value.toISOString());
  if (typeof value === 'object') {
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) flatten(params, prefix ? `${prefix}.${String(k)}` : String(k), v, depth + 1);
    return;
  }
  add(params, prefix, String(value));
}

/** Every value of every parameter whose name satisfies `match`. */
export function* paramsWhere(request: OutboundRequest, match: (name: string) => boolean): Generator<[string, string]> {
  for (const [name, values] of request.params) {
    if (!match(name)) continue;
    for (const value of values) yield [name, value];
  }
}

export function isWrite(request: OutboundRequest): boolean {
  return request.method === 'POST' || request.method === 'PUT';
}
