// The `httpClient` under the twilio SDK for every scan request: the SDK still builds each
// request (URL, auth, headers; `client.request`), this only sends it. The SDK's own
// RequestClient sends through axios on node:http, which cost the scan about three times a
// bare client's CPU per request (bench/results/scan.json: config merging, header objects,
// transforms, a socket per request handed between agent and axios). undici keeps
// connections open per origin and writes the request in one go.
//
// It does what the SDK's RequestClient did for a GET (and sends nothing else), no more: Basic auth (or the SDK's
// auth strategy), query params, a timeout per request, no redirects followed, every status
// returned as an answer, HTTP_PROXY and TWILIO_CA_BUNDLE honoured. Retries, limits, the
// breaker and the deadline stay in ScanHttpClient, above it. A failure is thrown as a
// TransportError carrying only an error code, in the words the axios stack used (a
// timeout is ECONNABORTED, a dropped connection ECONNRESET), so error lines and the retry
// policy stay as they were, and nothing of the request (URL, headers) rides along.
import { readFileSync } from 'node:fs';
import { Agent, ProxyAgent, util, type Dispatcher } from 'undici';
import type { HttpResponse, InnerClient, RequestOptions } from './scan-http-client.ts';
import { describeEndpoint, ReadOnlyViolation } from './sanitize.ts';

export interface UndiciRequestClientOptions {
  /** Per request unless the request names its own (the SDK's `timeout`), and for connecting. */
  timeoutMs: number;
  /** Connections kept open (and reused) per origin: the scan's total concurrency. */
  connections: number;
  /** Test seam: the environment HTTP_PROXY and TWILIO_CA_BUNDLE are read from. */
  env?: NodeJS.ProcessEnv;
}

/** A request that got no answer; `code` says why (ECONNABORTED = timed out, ECONNRESET, ECONNREFUSED, ENOTFOUND...). */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(readonly code: string) {
    super(code === 'ECONNABORTED' ? 'timeout exceeded' : code === 'ECONNRESET' ? 'socket hang up' : `request failed (${code})`);
  }
}

/** undici's codes in the axios stack's words; system codes (ECONNREFUSED, ENOTFOUND, TLS errors) are the same in both. */
const AXIOS_CODE: Record<string, string> = {
  UND_ERR_HEADERS_TIMEOUT: 'ECONNABORTED',
  UND_ERR_BODY_TIMEOUT: 'ECONNABORTED',
  UND_ERR_CONNECT_TIMEOUT: 'ECONNABORTED',
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_DESTROYED: 'ECONNRESET',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ERR_BAD_RESPONSE',
};

export function transportError(error: unknown): TransportError {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[A-Z0-9_]+$/.test(code)) return new TransportError('ERR_NETWORK');
  return new TransportError(AXIOS_CODE[code] ?? code);
}

export class UndiciRequestClient implements InnerClient {
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;

  constructor({ timeoutMs, connections, env = process.env }: UndiciRequestClientOptions) {
    this.#timeoutMs = timeoutMs;
    // As the SDK's RequestClient: a CA bundle from TWILIO_CA_BUNDLE, every request through HTTP_PROXY when set.
    const ca = env.TWILIO_CA_BUNDLE ? readFileSync(env.TWILIO_CA_BUNDLE) : undefined;
    const connect = { timeout: timeoutMs, ...(ca ? { ca } : {}) };
    const pool = { connections, pipelining: 1, connect, headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
    this.#dispatcher = env.HTTP_PROXY ? new ProxyAgent({ uri: env.HTTP_PROXY, ...pool, requestTls: connect }) : new Agent(pool);
  }

  /** Not async: per request, an async frame and its promises showed in the scan's profile. */
  request(opts: RequestOptions): Promise<HttpResponse> {
    try {
      if (!opts.uri) throw new Error('uri is required');
      // The scanner reads: ScanHttpClient refuses other methods first; this client sends no body either way.
      if (String(opts.method ?? '').toLowerCase() !== 'get') throw new ReadOnlyViolation(String(opts.method || '(none)'), describeEndpoint(opts.uri));
      const headers: Record<string, string> = {};
      const given = opts.headers as Record<string, unknown> | undefined;
      for (const name in given) {
        const value = given[name];
        // HTTP/1.1 keeps connections open by default; undici manages the header itself.
        if (value !== undefined && name.toLowerCase() !== 'connection') headers[name] = String(value);
      }
      const { origin, path } = splitUri(opts.uri, opts.params);
      const timeout = opts.timeout || this.#timeoutMs;
      const options: Dispatcher.DispatchOptions = { origin, path, method: 'GET', headers, headersTimeout: timeout, bodyTimeout: timeout };
      if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
      else if (opts.authStrategy) {
        return opts.authStrategy.getAuthString().then((authorization) => {
          headers.Authorization = authorization;
          return send(this.#dispatcher, options);
        });
      }
      return send(this.#dispatcher, options);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Closes the kept-open connections (a worker's end); requests in flight finish first. */
  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}

/**
 * One request through undici's dispatch API, the body gathered as it comes. Its `request()`
 * wraps every answer in a Readable stream first: per request, that was a third of undici's CPU
 * in the scan's profile, for bodies of a few kB read whole.
 */
function send(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let statusCode = 0;
    let headers: Record<string, unknown> = {};
    const chunks: Buffer[] = [];
    // The handler shape undici's Client itself calls in v7 (its request() is one of these).
    const handler: Dispatcher.DispatchHandler = {
      onConnect() {},
      onHeaders(status, rawHeaders) {
        statusCode = status;
        headers = util.parseHeaders(rawHeaders);
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
        // A byte-order mark is not part of the JSON (axios stripped it too).
        resolve({ statusCode, headers, body: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
      },
      onError(error) {
        reject(transportError(error));
      },
    };
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      reject(transportError(error));
    }
  });
}

/**
 * `https://host:port/path?q` -> origin and path, with the SDK's `params` appended as its
 * RequestClient did (qs with arrayFormat "repeat": an array is the key repeated).
 */
export function splitUri(uri: string, params?: object): { origin: string; path: string } {
  // The SDK hands over a URL it built (`URL.href`), so the common case is cut by hand: a URL
  // parse per request showed in the profile. Anything unusual goes through URL.
  if (!params && !/[^\x21-\x7e]/.test(uri)) {
    const scheme = uri.indexOf('://');
    const pathStart = scheme > 0 ? uri.indexOf('/', scheme + 3) : -1;
    const early = pathStart < 0 ? -1 : uri.slice(scheme + 3, pathStart).search(/[?#@\\]/);
    if (pathStart > 0 && early < 0 && /^https?$/.test(uri.slice(0, scheme))) {
      const hash = uri.indexOf('#', pathStart);
      return { origin: uri.slice(0, pathStart), path: hash < 0 ? uri.slice(pathStart) : uri.slice(pathStart, hash) };
    }
  }
  const url = new URL(uri);
  if (params) {
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined || value === null) continue;
      for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) url.searchParams.append(key, String(v));
    }
  }
  return { origin: url.origin, path: `${url.pathname}${url.search}` };
}
