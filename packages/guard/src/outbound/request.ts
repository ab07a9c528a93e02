/** An outgoing Twilio API request as the rules see it: method, URL and flattened parameters. */
export interface OutboundRequest {
  /** Upper case: GET, POST, PUT, DELETE. */
  method: string;
  url: URL;
  /** `messaging` for messaging.twilio.com (and its regional forms); '' off twilio.com. */
  product: string;
  /** Path without the query string, e.g. `/2010-04-01/Accounts/AC.../Messages.json`. */
  path: string;
  /**
   * Query parameters and form/JSON body, flattened (`Webhook.Url`), every value a string.
   * Names are in Twilio's spelling (`to`, `caller_id` become `To`, `CallerId`): the API's
   * parameter names are PascalCase, and a rule must not be dodged by spelling one otherwise.
   */
  params: ReadonlyMap<string, readonly string[]>;
  /** Why the body could not be read (a stream, binary, broken JSON); the rules saw only the rest. */
  uninspectableBody?: string;
}

/** The slice of the SDK's RequestClient options the guard reads. */
export interface SdkRequestOptions {
  method: string;
  uri: string;
  params?: unknown;
  data?: unknown;
  headers?: Readonly<Record<string, unknown>>;
}

const TWILIO_HOST = /^([a-z0-9-]+)(\.[a-z0-9-]+)*\.twilio\.com$/i;

export function normalizeRequest(opts: SdkRequestOptions): OutboundRequest {
  const url = new URL(opts.uri);
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const product = TWILIO_HOST.test(host) ? host.split('.')[0]! : '';
  const params = new Map<string, string[]>();
  for (const [key, value] of url.searchParams) add(params, key, value);
  flatten(params, '', asParams(opts.params));
  const request: OutboundRequest = { method: opts.method.toUpperCase(), url, product, path: url.pathname, params };
  const body = readBody(opts.data, contentType(opts.headers));
  if (body.ok) flatten(params, '', body.value);
  else request.uninspectableBody = body.why;
  return request;
}

function contentType(headers: SdkRequestOptions['headers']): string {
  if (!headers) return '';
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === 'content-type') return String(value).toLowerCase();
  return '';
}

function asParams(value: unknown): unknown {
  return value instanceof URLSearchParams ? groupPairs(value) : value;
}

type Body = { ok: true; value: unknown } | { ok: false; why: string };

/**
 * The SDK sends form bodies as objects, but a caller of client.request may pass
 * URLSearchParams, a pre-encoded string, a Buffer or a JSON text; all must be inspected the
 * same way. What cannot be read (a stream, binary, broken JSON) is reported, not skipped.
 */
function readBody(data: unknown, type: string): Body {
  if (data === undefined || data === null) return { ok: true, value: undefined };
  if (data instanceof URLSearchParams) return { ok: true, value: groupPairs(data) };
  if (typeof data === 'string') return parseText(data, type);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    try {
      return parseText(new TextDecoder('utf-8', { fatal: true }).decode(bytes), type);
    } catch {
      return { ok: false, why: 'the body is not UTF-8 text' };
    }
  }
  if (typeof data !== 'object') return { ok: true, value: { '': String(data) } };
  if (typeof (data as { pipe?: unknown }).pipe === 'function' || typeof (data as { getReader?: unknown }).getReader === 'function' || data instanceof Blob || data instanceof FormData) {
    return { ok: false, why: 'the body is a stream, Blob or FormData' };
  }
  return { ok: true, value: data };
}

function parseText(text: string, type: string): Body {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  // JSON is tried first whatever the Content-Type says: the SDK labels every POST body
  // as a form unless the caller set a type.
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { ok: true, value: JSON.parse(trimmed) };
    } catch {
      if (type.includes('json')) return { ok: false, why: 'the body is not valid JSON' };
    }
  }
  // A form is `name=value` pairs with names free of whitespace; anything else cannot be read.
  if (/^[^\s=&]+(=[^&]*)?(&[^\s=&]+(=[^&]*)?)*$/.test(trimmed)) return { ok: true, value: groupPairs(new URLSearchParams(trimmed)) };
  return { ok: false, why: 'the body is neither a form nor JSON' };
}

function groupPairs(search: URLSearchParams): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of search) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  return grouped;
}

// Twilio parameter names are PascalCase per dotted segment (`MessagingBinding.Address`).
function twilioSpelling(key: string): string {
  if (!/(^|\.)[a-z]|_/.test(key)) return key;
  return key
    .split('.')
    .map((segment) => segment.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(''))
    .join('.');
}

function add(params: Map<string, string[]>, rawKey: string, value: string): void {
  const key = twilioSpelling(rawKey);
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
