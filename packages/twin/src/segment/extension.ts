// The Segment Public API twin, served as a twin extension under /segment. Read-only:
// the endpoints the Chaperone collector uses, with Segment's bearer auth, per-endpoint
// Accept versions, `data` envelope, cursor pagination and `{errors:[{type,message}]}`.
// Every request is logged (method, path, query; never headers) so tests can prove the
// scanner made no write and no sample-values call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TwinExtension } from '../extension.ts';
import { validateSegmentFixture, type SegmentFixture } from './fixture.ts';

type Obj = Record<string, unknown>;
type Version = 'v1' | 'v1beta' | 'v1alpha';

export interface SegmentRequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
}

interface Route {
  pattern: RegExp;
  version: Version;
  /** List routes return `data[listKey]` with pagination; others return `data[itemKey]`. */
  listKey?: string;
  itemKey?: string;
  resolve(fixture: SegmentFixture, params: string[], url: URL): Obj | Obj[] | undefined;
}

class SegmentHttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const omit = (obj: Obj, ...keys: string[]): Obj => Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));
const find = <T extends { id: string }>(items: T[], id: string | undefined): T | undefined => items.find((item) => item.id === id);

function routes(): Route[] {
  const source = (f: SegmentFixture, s: SegmentFixture['sources'][number]) => ({
    labels: [],
    ...omit(s, 'schemaSettings'),
    workspaceId: f.workspace.id,
    // A token without "source admin" sees no write keys (research notes B4).
    writeKeys: [],
  });
  const destination = (d: SegmentFixture['destinations'][number]) => omit(d, 'filters', 'subscriptions');
  const space = (f: SegmentFixture, id: string | undefined) => find(f.spaces, id);
  return [
    { pattern: /^\/$/, version: 'v1', itemKey: 'workspace', resolve: (f) => f.workspace },
    { pattern: /^\/sources$/, version: 'v1', listKey: 'sources', resolve: (f) => f.sources.map((s) => source(f, s)) },
    { pattern: /^\/sources\/([^/]+)$/, version: 'v1', itemKey: 'source', resolve: (f, [id]) => { const s = find(f.sources, id); return s && source(f, s); } },
    { pattern: /^\/sources\/([^/]+)\/settings$/, version: 'v1', itemKey: 'settings', resolve: (f, [id]) => find(f.sources, id)?.schemaSettings },
    {
      pattern: /^\/sources\/([^/]+)\/connected-destinations$/,
      version: 'v1',
      listKey: 'destinations',
      resolve: (f, [id]) => (find(f.sources, id) ? f.destinations.filter((d) => d.sourceId === id).map(destination) : undefined),
    },
    { pattern: /^\/destinations$/, version: 'v1', listKey: 'destinations', resolve: (f) => f.destinations.map(destination) },
    { pattern: /^\/destinations\/([^/]+)$/, version: 'v1', itemKey: 'destination', resolve: (f, [id]) => { const d = find(f.destinations, id); return d && destination(d); } },
    {
      pattern: /^\/destinations\/([^/]+)\/subscriptions$/,
      version: 'v1alpha',
      listKey: 'subscriptions',
      resolve: (f, [id]) => find(f.destinations, id)?.subscriptions.map((s) => ({ destinationId: id, ...s })),
    },
    {
      // Segment spells this path with a singular "destination".
      pattern: /^\/destination\/([^/]+)\/filters$/,
      version: 'v1',
      listKey: 'filters',
      resolve: (f, [id]) => {
        const d = find(f.destinations, id);
        return d?.filters.map((x) => ({ sourceId: d.sourceId, destinationId: d.id, ...x }));
      },
    },
    {
      pattern: /^\/destination\/([^/]+)\/filters\/([^/]+)$/,
      version: 'v1',
      itemKey: 'filter',
      resolve: (f, [id, filterId]) => {
        const d = find(f.destinations, id);
        const x = d && find(d.filters, filterId);
        return x && { sourceId: d.sourceId, destinationId: d.id, ...x };
      },
    },
    { pattern: /^\/tracking-plans$/, version: 'v1', listKey: 'trackingPlans', resolve: (f) => f.trackingPlans.map((t) => omit(t, 'sources', 'rules')) },
    { pattern: /^\/tracking-plans\/([^/]+)$/, version: 'v1', itemKey: 'trackingPlan', resolve: (f, [id]) => { const t = find(f.trackingPlans, id); return t && omit(t, 'sources', 'rules'); } },
    {
      pattern: /^\/tracking-plans\/([^/]+)\/sources$/,
      version: 'v1',
      listKey: 'sources',
      resolve: (f, [id]) => find(f.trackingPlans, id)?.sources.map((sid) => source(f, find(f.sources, sid)!)),
    },
    { pattern: /^\/tracking-plans\/([^/]+)\/rules$/, version: 'v1', listKey: 'rules', resolve: (f, [id]) => find(f.trackingPlans, id)?.rules },
    { pattern: /^\/reverse-etl-models$/, version: 'v1alpha', listKey: 'reverseEtlModels', resolve: (f) => f.reverseEtlModels },
    { pattern: /^\/reverse-etl-models\/([^/]+)$/, version: 'v1alpha', itemKey: 'reverseEtlModel', resolve: (f, [id]) => find(f.reverseEtlModels, id) },
    { pattern: /^\/warehouses$/, version: 'v1', listKey: 'warehouses', resolve: (f) => f.warehouses.map((w) => ({ workspaceId: f.workspace.id, ...w })) },
    { pattern: /^\/spaces$/, version: 'v1alpha', listKey: 'spaces', resolve: (f) => f.spaces.map((s) => omit(s, 'computedTraits', 'profilesWarehouses', 'audiences')) },
    { pattern: /^\/spaces\/([^/]+)$/, version: 'v1alpha', itemKey: 'space', resolve: (f, [id]) => { const s = space(f, id); return s && omit(s, 'computedTraits', 'profilesWarehouses', 'audiences'); } },
    {
      pattern: /^\/spaces\/([^/]+)\/computed-traits$/,
      version: 'v1alpha',
      listKey: 'computedTraits',
      resolve: (f, [id]) => space(f, id)?.computedTraits.map((c) => ({ spaceId: id, ...c })),
    },
    {
      pattern: /^\/spaces\/([^/]+)\/profiles-warehouses$/,
      version: 'v1alpha',
      listKey: 'profilesWarehouses',
      resolve: (f, [id]) => space(f, id)?.profilesWarehouses.map((w) => ({ spaceId: id, workspaceId: f.workspace.id, ...w })),
    },
    {
      pattern: /^\/spaces\/([^/]+)\/audiences$/,
      version: 'v1alpha',
      listKey: 'audiences',
      resolve: (f, [id]) => space(f, id)?.audiences.map((a) => ({ spaceId: id, ...omit(a, 'activations') })),
    },
    {
      pattern: /^\/spaces\/([^/]+)\/audiences\/([^/]+)\/activations$/,
      version: 'v1alpha',
      listKey: 'activations',
      resolve: (f, [id, audienceId]) =>
        find(space(f, id)?.audiences ?? [], audienceId)?.activations.map((x) => ({ workspaceId: f.workspace.id, spaceId: id, audienceId, ...x })),
    },
    {
      pattern: /^\/functions$/,
      version: 'v1',
      listKey: 'functions',
      resolve: (f, _params, url) => {
        const type = url.searchParams.get('resourceType');
        if (!type) throw new SegmentHttpError(400, 'validation', 'resourceType is required', 'resourceType');
        return f.functions.filter((fn) => fn.resourceType === type);
      },
    },
    { pattern: /^\/regulations$/, version: 'v1', listKey: 'regulations', resolve: (f) => f.regulations },
    { pattern: /^\/suppressions$/, version: 'v1', listKey: 'suppressions', resolve: (f) => f.suppressions },
  ];
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new SegmentHttpError(400, 'validation', 'pagination.cursor is not a cursor this API issued', 'pagination.cursor');
  return Number(match[1]);
}

function paginationParam(url: URL, name: 'count' | 'cursor'): string | null {
  // Both serializations seen in public clients: `pagination.count` and `pagination[count]`.
  return url.searchParams.get(`pagination.${name}`) ?? url.searchParams.get(`pagination[${name}]`);
}

function paginate(items: Obj[], url: URL): { page: Obj[]; pagination: Obj } {
  const rawCount = paginationParam(url, 'count');
  if (rawCount === null) throw new SegmentHttpError(400, 'validation', 'pagination.count is required', 'pagination.count');
  const count = Number(rawCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new SegmentHttpError(400, 'validation', 'pagination.count must be an integer from 1 to 1000', 'pagination.count');
  const cursor = paginationParam(url, 'cursor');
  const offset = cursor ? decodeCursor(cursor) : 0;
  const page = items.slice(offset, offset + count);
  const pagination: Obj = { current: encodeCursor(offset), totalEntries: items.length };
  if (offset + count < items.length) pagination.next = encodeCursor(offset + count);
  if (offset > 0) pagination.previous = encodeCursor(Math.max(0, offset - count));
  return { page, pagination };
}

export interface SegmentTwin extends TwinExtension {
  /** Every request served, in order (no headers, so no token). */
  readonly requests: SegmentRequestRecord[];
  /** The bearer token of the loaded fixture. */
  token(): string;
}

export function createSegmentTwin(): SegmentTwin {
  let fixture: SegmentFixture | undefined;
  const table = routes();
  const requests: SegmentRequestRecord[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const serve = (req: IncomingMessage, url: URL, path: string): { status: number; body: unknown } => {
    if (!fixture) throw new SegmentHttpError(503, 'unavailable', 'the twin has no Segment fixture loaded');
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${fixture.token}`) throw new SegmentHttpError(401, 'unauthorized', 'Authentication failed: give a valid Public API token as a Bearer token');
    if (req.method !== 'GET') throw new SegmentHttpError(405, 'method-not-allowed', `the Segment twin is read-only; ${req.method} is not served`);
    for (const route of table) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const accept = req.headers.accept ?? '';
      const wanted = `application/vnd.segment.${route.version}+json`;
      if (!accept.split(',').some((a) => a.trim() === wanted || a.trim() === 'application/json')) {
        throw new SegmentHttpError(406, 'not-acceptable', `this endpoint serves ${wanted}`);
      }
      const found = route.resolve(fixture, match.slice(1).map(decodeURIComponent), url);
      if (found === undefined) throw new SegmentHttpError(404, 'not-found', `resource not found: ${path}`);
      if (route.listKey) {
        const { page, pagination } = paginate(found as Obj[], url);
        return { status: 200, body: { data: { [route.listKey]: page, pagination } } };
      }
      return { status: 200, body: { data: { [route.itemKey!]: found } } };
    }
    throw new SegmentHttpError(404, 'not-found', `no such endpoint: ${path}`);
  };

  return {
    key: 'segment',
    pathPrefix: '/segment',
    requests,
    token: () => {
      if (!fixture) throw new Error('no Segment fixture loaded');
      return fixture.token;
    },
    load(value, where) {
      fixture = validateSegmentFixture(value, where);
    },
    async handle(req, res, url) {
      req.resume();
      const path = url.pathname.slice('/segment'.length) || '/';
      let status: number;
      try {
        const out = serve(req, url, path);
        status = out.status;
        send(res, status, out.body);
      } catch (error) {
        const e = error instanceof SegmentHttpError ? error : new SegmentHttpError(500, 'internal', 'internal twin error');
        status = e.status;
        send(res, status, { errors: [{ type: e.type, message: e.message, ...(e.field ? { field: e.field } : {}), status: e.status }] });
      }
      requests.push({ method: req.method ?? 'GET', path, query: url.search, status });
    },
  };
}
