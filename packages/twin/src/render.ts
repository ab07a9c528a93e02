// Turns stored records into Twilio's JSON: defaults merged with stated fields, plus the
// fields Twilio derives (sid of parents, account_sid, url/uri, links, dates), and list
// pages in both paging shapes (v2010 `page`/`next_page_uri`..., v1+ `meta {...}`).
import type { Kind } from './spec/catalog.ts';
import type { Collection, Rec } from './state.ts';

/** Dates count from a fixed instant so responses repeat exactly for a seed. */
const EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(ms: number, format: string | undefined): string {
  const d = new Date(ms);
  if (format === 'date-time-rfc-2822') {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  }
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function dateForSeq(seq: number, format: string | undefined): string {
  return formatDate(EPOCH_MS + seq * 60_000, format);
}

/** The record's own path (no `.json`): the collection path plus its key, or the singleton path. */
export function instancePathOf(coll: Collection, key: string | undefined): string {
  return coll.kind.singleton || key === undefined ? coll.path : `${coll.path}/${encodeURIComponent(key)}`;
}

export function renderRecord(coll: Collection, rec: Rec): string {
  if (!coll.cacheRenders) return renderJson(coll, rec);
  if (rec.json) return rec.json;
  rec.json = renderJson(coll, rec);
  return rec.json;
}

/** `"key":value` of each default of a kind, serialised once: a record's JSON is mostly its
 * kind's defaults (40 to 80 fields), and re-serialising them for every item of every page was
 * most of a list's cost. */
const defaultFragments = new WeakMap<Kind, [string, string | undefined][]>();

/** Every default key in order, with its `"key":value` (undefined where JSON drops the value). */
function fragmentsOf(kind: Kind): [string, string | undefined][] {
  let fragments = defaultFragments.get(kind);
  if (!fragments) {
    fragments = Object.entries(kind.defaults).map(([key, value]) => [key, fieldJson(key, value)]);
    defaultFragments.set(kind, fragments);
  }
  return fragments;
}

function fieldJson(key: string, value: unknown): string | undefined {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? undefined : `${JSON.stringify(key)}:${json}`;
}

/** Exactly `JSON.stringify(materialize(coll, rec))` (a test holds it to that), without
 * copying and re-serialising the defaults: the defaults' keys in their order (a derived value
 * in a default's place), then the keys only the record has, in the order they were added. */
function renderJson(coll: Collection, rec: Rec): string {
  const derived = derivedFields(coll, rec);
  const parts: string[] = [];
  for (const [key, fragment] of fragmentsOf(coll.kind)) {
    const json = Object.hasOwn(derived, key) ? fieldJson(key, derived[key]) : fragment;
    if (json !== undefined) parts.push(json);
  }
  for (const [key, value] of Object.entries(derived)) {
    if (Object.hasOwn(coll.kind.defaults, key)) continue;
    const json = fieldJson(key, value);
    if (json !== undefined) parts.push(json);
  }
  return `{${parts.join(',')}}`;
}

export function materialize(coll: Collection, rec: Rec): Record<string, unknown> {
  return { ...coll.kind.defaults, ...derivedFields(coll, rec) };
}

function derivedFields(coll: Collection, rec: Rec): Record<string, unknown> {
  const kind = coll.kind;
  const out: Record<string, unknown> = {};
  kind.scopeFields.forEach((field, i) => {
    if (field) out[field] = coll.scope[i];
  });
  if (kind.fields.has('account_sid')) out.account_sid = coll.accountSid;
  for (const field of ['date_created', 'date_updated']) {
    const info = kind.fields.get(field);
    if (info && (info.format === 'date-time' || info.format === 'date-time-rfc-2822')) out[field] = dateForSeq(rec.seq, info.format);
  }
  Object.assign(out, rec.own);
  const key = kind.singleton ? undefined : String(rec.own[kind.keyField] ?? rec.own.sid ?? '');
  const path = instancePathOf(coll, key);
  let base: string;
  if (kind.v2010) {
    base = path;
    if (kind.fields.has('uri')) out.uri = `${path}.json`;
  } else {
    base = `https://${kind.host}${path}`;
    if (kind.fields.has('url')) out.url = base;
  }
  for (const [field, links] of Object.entries(kind.linkTemplates)) {
    const built: Record<string, string> = {};
    for (const [name, suffix] of Object.entries(links)) built[name] = base + suffix;
    out[field] = built;
  }
  return out;
}

export interface PageRequest {
  pageSize: number;
  page: number;
  offset: number;
  /** Filter query params to carry into the paging URLs. */
  filters: [string, string][];
}

function pageQuery(req: PageRequest, page: number, offset: number): string {
  const params = new URLSearchParams(req.filters);
  params.set('PageSize', String(req.pageSize));
  params.set('Page', String(page));
  if (offset > 0) params.set('PageToken', `PT${offset}`);
  return params.toString();
}

/** One page of a list in the shape of the kind's API version. */
export function renderPage(coll: Collection, items: readonly Rec[], req: PageRequest): string {
  const kind: Kind = coll.kind;
  const slice = items.slice(req.offset, req.offset + req.pageSize);
  const body = slice.map((rec) => renderRecord(coll, rec)).join(',');
  const hasNext = req.offset + req.pageSize < items.length;
  const prevOffset = Math.max(0, req.offset - req.pageSize);
  const listKey = kind.listKey ?? 'items';
  const path = kind.v2010 ? `${coll.path}.json` : coll.path;
  const first = `${path}?${pageQuery(req, 0, 0)}`;
  const current = `${path}?${pageQuery(req, req.page, req.offset)}`;
  const next = hasNext ? `${path}?${pageQuery(req, req.page + 1, req.offset + req.pageSize)}` : null;
  const previous = req.page > 0 ? `${path}?${pageQuery(req, req.page - 1, prevOffset)}` : null;
  if (kind.v2010) {
    const paging = {
      end: slice.length ? req.offset + slice.length - 1 : 0,
      first_page_uri: first,
      next_page_uri: next,
      page: req.page,
      page_size: req.pageSize,
      previous_page_uri: previous,
      start: req.offset,
      uri: current,
    };
    return `{${JSON.stringify(listKey)}:[${body}],${JSON.stringify(paging).slice(1)}`;
  }
  const host = `https://${kind.host}`;
  const meta = {
    first_page_url: host + first,
    key: listKey,
    next_page_url: next && host + next,
    page: req.page,
    page_size: req.pageSize,
    previous_page_url: previous && host + previous,
    url: host + current,
  };
  return `{${JSON.stringify(listKey)}:[${body}],"meta":${JSON.stringify(meta)}}`;
}
