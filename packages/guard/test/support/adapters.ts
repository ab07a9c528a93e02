// Runs one guarded webhook route through every adapter, so tests send the same bytes
// to Express, Fastify, Hono, node:http and the Twilio Functions wrapper.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { Hono } from 'hono';
import { getRequestListener } from '@hono/node-server';
import { twilioWebhook, twilioWebhookFastify, twilioWebhookHono, twilioWebhookListener, withTwilioGuard, parseFormBody, type TwilioWebhookOptions, type WebhookParams } from '../../src/index.ts';

export interface SentRequest {
  method?: 'POST' | 'GET';
  /** Send the body chunked (no Content-Length), in pieces of this size. */
  chunked?: number;
  /** Declare this Content-Length, send the body, then cut the connection. */
  truncateAt?: number;
  /** Path and query, sent verbatim on the request line. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface AdapterUnderTest {
  name: string;
  send(request: SentRequest): Promise<Reply>;
  /** Parameters the route handler saw on the last accepted request. */
  handled: WebhookParams[];
  close(): Promise<void>;
}

export type AdapterName = 'express' | 'fastify' | 'hono' | 'node' | 'functions';
export const ADAPTERS: readonly AdapterName[] = ['express', 'fastify', 'hono', 'node', 'functions'];

export interface HandlerBehaviour {
  /** The route handler fails (throws, or calls back with an error) while this returns true. */
  fails?: (params: WebhookParams) => boolean;
}

export async function startAdapter(name: AdapterName, options: TwilioWebhookOptions, behaviour: HandlerBehaviour = {}): Promise<AdapterUnderTest> {
  const handled: WebhookParams[] = [];
  // Every handler counts the call, then fails the way its framework's apps fail: by throwing.
  const handle = (params: WebhookParams) => {
    handled.push(params);
    if (behaviour.fails?.(params)) throw new Error('the app failed (test)');
  };
  if (name === 'functions') return functionsAdapter(options, handled, handle);
  let server: Server;
  let closeExtra = async (): Promise<void> => {};
  if (name === 'express') {
    const app = express();
    app.all('/{*rest}', twilioWebhook(options), (req, res) => {
      handle((req as unknown as { twilio: { params: WebhookParams } }).twilio.params);
      res.type('text/xml').send('<Response/>');
    });
    server = createServer(app);
  } else if (name === 'fastify') {
    const app = Fastify({ logger: false });
    await app.register(formbody);
    const hooks = twilioWebhookFastify(options);
    app.route({
      method: ['GET', 'POST'],
      url: '/*',
      preParsing: hooks.preParsing as never,
      preHandler: hooks.preHandler as never,
      onResponse: hooks.onResponse as never,
      handler: async (req, reply) => {
        handle((req as unknown as { twilio: { params: WebhookParams } }).twilio.params);
        return reply.type('text/xml').send('<Response/>');
      },
    });
    await app.ready();
    server = app.server;
    closeExtra = async () => { await app.close(); };
  } else if (name === 'hono') {
    const app = new Hono<{ Variables: { twilio: { params: WebhookParams } } }>();
    // A failing handler answers 500 quietly, as an app's own error handler would.
    app.onError((_error, c) => c.body('', 500));
    app.use('*', twilioWebhookHono(options) as never);
    app.all('*', (c) => {
      handle(c.get('twilio').params);
      return c.body('<Response/>', 200, { 'Content-Type': 'text/xml' });
    });
    server = createServer(getRequestListener(app.fetch));
  } else {
    server = createServer(
      twilioWebhookListener(options, (_req, res, webhook) => {
        handle(webhook.params);
        res.setHeader('Content-Type', 'text/xml');
        res.end('<Response/>');
      }),
    );
  }
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    handled,
    send: (request) => sendHttp(port, request),
    close: async () => {
      await closeExtra();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendHttp(port: number, request: SentRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
    const headers: Record<string, string | number> = { host: '127.0.0.1', ...request.headers, connection: 'close' };
    if (body && !request.chunked) headers['content-length'] = request.truncateAt ?? body.length;
    const req = httpRequest({ host: '127.0.0.1', port, method: request.method ?? 'POST', path: request.path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    // An oversized body may be refused before it is fully written: that is a reply, not a failure.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: 403, body: 'connection closed', headers: {} }) : reject(err)));
    if (request.truncateAt !== undefined) {
      req.write(body ?? Buffer.alloc(0));
      // The client gives up mid-body: the server must neither crash nor call the handler.
      setTimeout(() => {
        req.destroy();
        resolve({ status: 0, body: '', headers: {} });
      }, 50);
      return;
    }
    if (body && request.chunked) for (let at = 0; at < body.length; at += request.chunked) req.write(body.subarray(at, at + request.chunked));
    else if (body) req.write(body);
    req.end();
  });
}

// Twilio Functions are not an HTTP server: the runtime hands the handler `event` (the
// query parameters, then the parsed body over them, plus request headers) and `context`
// (PATH is the path alone; the query string is gone). This reproduces that hand-off. The
// app knows the URL it configured at Twilio, query included: tests hand it over in context.
export const REQUESTED_PATH = 'TEST_REQUESTED_PATH_AND_QUERY';
function functionsAdapter(options: TwilioWebhookOptions, handled: WebhookParams[], handle: (params: WebhookParams) => void): AdapterUnderTest {
  const { publicUrl, trustProxy: _trustProxy, ...guardOptions } = options;
  const handler = withTwilioGuard(
    (_context, event, callback) => {
      const { request: _request, ...params } = event;
      try {
        handle(params as WebhookParams);
      } catch (error) {
        return callback(error);
      }
      callback(null, '<Response/>');
    },
    {
      ...guardOptions,
      publicUrl: (context) => `${publicUrl ?? `https://${context.DOMAIN_NAME}`}${String(context[REQUESTED_PATH])}`,
      createResponse: () => new FakeRuntimeResponse(),
    },
  );
  return {
    name: 'functions',
    handled,
    close: async () => {},
    send: async (request) => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const host = headers['x-forwarded-host'] ?? headers['host'] ?? '';
      const raw = request.body === undefined ? '' : request.body.toString();
      const contentType = headers['content-type'] ?? '';
      // The runtime parses JSON bodies into event too; it never hands over the raw bytes.
      const parsed: Record<string, unknown> = contentType.startsWith('application/json') ? safeJson(raw) : { ...parseFormBody(raw) };
      const q = request.path.indexOf('?');
      const query = q < 0 ? {} : { ...parseFormBody(request.path.slice(q + 1)) };
      const event = { ...query, ...parsed, request: { headers } };
      const context = { DOMAIN_NAME: host, PATH: q < 0 ? request.path : request.path.slice(0, q), [REQUESTED_PATH]: request.path };
      return new Promise<Reply>((resolve) => {
        void handler(context, event, (error, response) => {
          if (error) return resolve({ status: 500, body: '', headers: {} });
          if (response instanceof FakeRuntimeResponse) return resolve({ status: response.statusCode, body: String(response.body), headers: response.headers });
          resolve({ status: 200, body: String(response), headers: {} });
        });
      });
    },
  };
}

function safeJson(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// Mirrors the runtime's Twilio.Response, which keeps its status in `statusCode`.
class FakeRuntimeResponse {
  statusCode = 200;
  body: unknown = '';
  headers: Record<string, string> = {};
  setStatusCode(code: number): void { this.statusCode = code; }
  setBody(body: unknown): void { this.body = body; }
  appendHeader(name: string, value: string): void { this.headers[name.toLowerCase()] = value; }
}
