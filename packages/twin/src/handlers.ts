// Twilio semantics over the generic state: list (paged, filtered), create from form params,
// fetch, update, delete and singletons, for whatever kind the route names.
import type { FieldInfo, Kind, ParamInfo, RouteMatch } from './spec/catalog.ts';
import { fieldPathOfParam, snakeCase } from './spec/names.ts';
import { badParam, methodNotAllowed, notFound, TwilioError } from './errors-http.ts';
import { materialize, renderPage, renderRecord, type PageRequest } from './render.ts';
import { assignKey, Collection, type AccountRecord, type Rec, type TwinState } from './state.ts';

export interface TwinRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  /** The parsed body when the client sent `Content-Type: application/json`. */
  json?: unknown;
  authAccountSid: string;
}

export interface TwinResponse {
  status: number;
  body: string;
}

function successStatus(kind: Kind, op: 'create' | 'update'): number {
  // Twilio answers creates with 201 (v2010 and v1+ alike) and updates with 200.
  void kind;
  return op === 'create' ? 201 : 200;
}

export function coerce(param: string, info: FieldInfo | undefined, values: string[]): unknown {
  const raw = values[values.length - 1]!;
  switch (info?.type) {
    case 'boolean':
      if (raw === 'true' || raw === 'True') return true;
      if (raw === 'false' || raw === 'False') return false;
      throw badParam(`Invalid value for ${param}: expected true or false`);
    case 'integer':
    case 'number': {
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) throw badParam(`Invalid value for ${param}: expected a number`);
      return n;
    }
    case 'array':
      return values;
    case 'object':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw badParam(`Invalid value for ${param}: expected JSON`);
      }
    case undefined:
      // Untyped fields are unions in the spec (e.g. Studio's definition): a JSON document
      // arrives as a JSON string, anything else stays a string.
      if (/^\s*[[{]/.test(raw)) {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return raw;
        }
      }
      return raw;
    default:
      return raw;
  }
}

/** Maps form params onto snake_case fields the kind's schema knows; validates enums and required ones. */
export function fieldsFromForm(kind: Kind, form: URLSearchParams, params: Map<string, ParamInfo>, required: string[]): Record<string, unknown> {
  for (const name of required) {
    if (!form.has(name)) throw badParam(`Missing required parameter ${name} in the post body`);
  }
  const out: Record<string, unknown> = {};
  for (const name of new Set(form.keys())) {
    const spec = params.get(name);
    if (!spec) continue;
    const values = form.getAll(name);
    if (spec.field.enum && spec.field.type !== 'array' && !spec.field.enum.includes(values[values.length - 1]!)) {
      throw badParam(`Invalid value for ${name}: must be one of ${spec.field.enum.join(', ')}`);
    }
    const steps = fieldPathOfParam(name);
    const top = steps[0]!;
    const target = kind.fields.get(top);
    if (!target) continue;
    if (steps.length === 1) {
      // A field without a declared type (a $ref union) takes the parameter's type, e.g. Definition (JSON).
      out[top] = coerce(name, target.type ? target : spec.field, values);
    } else {
      const nested = (out[top] ??= { ...((kind.defaults[top] as Record<string, unknown> | null) ?? {}) }) as Record<string, unknown>;
      nested[steps.slice(1).join('_')] = coerce(name, spec.field, values);
    }
  }
  return out;
}

function jsonTypeOk(info: FieldInfo, value: unknown): boolean {
  if (value === null) return info.nullable;
  switch (info.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}

/** Maps a JSON body's properties (already snake_case in the newer specs) onto the kind's fields. */
export function fieldsFromJson(kind: Kind, body: unknown, params: Map<string, ParamInfo>, required: string[]): Record<string, unknown> {
  if (body === undefined) body = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badParam('Invalid request body: expected a JSON object');
  const doc = body as Record<string, unknown>;
  for (const name of required) {
    if (doc[name] === undefined) throw badParam(`Missing required parameter ${name} in the JSON body`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(doc)) {
    const spec = params.get(name);
    if (!spec || value === undefined) continue;
    if (!jsonTypeOk(spec.field, value)) throw badParam(`Invalid value for ${name}: expected ${spec.field.type ?? 'a value'}`);
    if (spec.field.enum && typeof value === 'string' && !spec.field.enum.includes(value)) {
      throw badParam(`Invalid value for ${name}: must be one of ${spec.field.enum.join(', ')}`);
    }
    if (kind.fields.has(name)) out[name] = value;
  }
  return out;
}

/** The write's fields, from form params or a JSON body as the spec declares for this write. */
function writeFields(kind: Kind, req: TwinRequest, op: 'create' | 'update'): Record<string, unknown> {
  const json = op === 'create' ? kind.createJson : kind.updateJson;
  const params = op === 'create' ? kind.createParams : kind.updateParams;
  const required = op === 'create' ? kind.createRequired : kind.updateRequired;
  if (!json) return fieldsFromForm(kind, req.form, params, required);
  if (req.json === undefined && [...req.form.keys()].length) throw badParam('This endpoint takes a JSON body: send Content-Type: application/json');
  return fieldsFromJson(kind, req.json, params, required);
}

/**
 * Filters Twilio applies when the query leaves them out, stated only in the spec's prose:
 * `GET /v1/Rooms` "Status ... `in-progress` (default)". Without them a list would show what
 * Twilio's hides (completed rooms), and a scanner relying on that would pass the twin only.
 */
const DEFAULT_FILTERS: Readonly<Record<string, readonly [string, string][]>> = { 'video.rooms': [['Status', 'in-progress']] };

function pageRequest(query: URLSearchParams, kind: Kind): PageRequest {
  const sizeRaw = query.get('PageSize');
  const pageSize = sizeRaw === null ? 50 : Number(sizeRaw);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw badParam('Invalid value for PageSize: must be an integer from 1 to 1000');
  const pageRaw = query.get('Page');
  const page = pageRaw === null ? 0 : Number(pageRaw);
  if (!Number.isInteger(page) || page < 0) throw badParam('Invalid value for Page: must be an integer >= 0');
  const token = query.get('PageToken');
  let offset = page * pageSize;
  if (token !== null) {
    const match = /^PT(\d+)$/.exec(token);
    if (!match) throw badParam('Invalid value for PageToken');
    offset = Number(match[1]);
  }
  const filters: [string, string][] = [];
  for (const [name, value] of query) if (kind.listFilters.has(name)) filters.push([name, value]);
  for (const [name, value] of DEFAULT_FILTERS[kind.name] ?? []) if (!query.has(name)) filters.push([name, value]);
  return { pageSize, page, offset, filters };
}

function applyFilters(coll: Collection, items: Rec[], filters: [string, string][]): Rec[] {
  const active = filters.filter(([name]) => coll.kind.fields.has(snakeCase(name)));
  if (!active.length) return items;
  return items.filter((rec) => {
    const view = materialize(coll, rec);
    return active.every(([name, value]) => String(view[snakeCase(name)]) === value);
  });
}

/** Scope of a request: the owning account and the path params before the item key. */
function scopeOf(state: TwinState, match: RouteMatch, req: TwinRequest): { accountSid: string; scope: string[]; key?: string } {
  const { kind, type } = match.end;
  const values = match.values;
  const scope = type === 'instance' && !kind.singleton ? values.slice(0, -1) : values.slice();
  const key = type === 'instance' && !kind.singleton ? values[values.length - 1] : undefined;
  let accountSid = req.authAccountSid;
  if (kind.v2010) {
    accountSid = values[0]!;
    if (!state.accounts.has(accountSid) || !state.canReach(req.authAccountSid, accountSid)) throw notFound(req.path);
  }
  return key === undefined ? { accountSid, scope } : { accountSid, scope, key };
}

export function handleResource(state: TwinState, match: RouteMatch, req: TwinRequest): TwinResponse {
  const { kind, type } = match.end;
  if (kind.name === 'api.accounts') return handleAccounts(state, match, req);
  const { accountSid, scope, key } = scopeOf(state, match, req);
  if (!state.parentExists(kind, accountSid, scope)) throw notFound(req.path);

  if (type === 'list') {
    if (req.method === 'GET' && kind.methods.list) {
      const page = pageRequest(req.query, kind);
      const coll = state.collection(kind, accountSid, scope) ?? new Collection(kind, accountSid, scope, fillScope(kind, scope));
      return { status: 200, body: renderPage(coll, applyFilters(coll, coll.list(), page.filters), page) };
    }
    if (req.method === 'POST' && kind.methods.create) {
      const own = writeFields(kind, req, 'create');
      const coll = state.ensureCollection(kind, accountSid, scope);
      if (kind.keyField === 'sid' || own[kind.keyField] === undefined) assignKey(state, kind, own);
      const itemKey = String(own[kind.keyField]);
      if (coll.items.has(itemKey)) throw new TwilioError(409, 20409, `A ${kind.localName} item with key ${itemKey} already exists`);
      const rec: Rec = { own, seq: state.nextSeq() };
      coll.put(itemKey, rec);
      return { status: successStatus(kind, 'create'), body: renderRecord(coll, rec) };
    }
    throw methodNotAllowed(req.method);
  }

  if (kind.singleton) {
    const coll = state.ensureCollection(kind, accountSid, scope);
    let rec = coll.items.get('');
    if (req.method === 'GET' && kind.methods.fetch) {
      rec ??= { own: {}, seq: 0 };
      return { status: 200, body: renderRecord(coll, rec) };
    }
    if (req.method === kind.updateVerb && kind.methods.update) {
      const own = writeFields(kind, req, 'update');
      rec = { own: { ...(rec?.own ?? {}), ...own }, seq: rec?.seq ?? state.nextSeq() };
      coll.put('', rec);
      return { status: successStatus(kind, 'update'), body: renderRecord(coll, rec) };
    }
    if (req.method === 'DELETE' && kind.methods.remove) {
      coll.remove('');
      return { status: 204, body: '' };
    }
    throw methodNotAllowed(req.method);
  }

  if (kind.writeLinks && req.method === kind.updateVerb && key !== undefined) {
    const links = state.ensureCollection(kind, accountSid, scope);
    if (!links.items.has(key)) links.put(key, { own: { [kind.keyField]: coerceKey(kind, key) }, seq: state.nextSeq() });
    return { status: 204, body: '' };
  }
  const coll = state.collection(kind, accountSid, scope);
  const rec = key === undefined ? undefined : coll?.items.get(key);
  if (!coll || !rec || key === undefined) throw notFound(req.path);
  if (req.method === 'GET' && kind.methods.fetch) return { status: 200, body: renderRecord(coll, rec) };
  if (req.method === kind.updateVerb && kind.methods.update) {
    const own = writeFields(kind, req, 'update');
    Object.assign(rec.own, own);
    delete rec.json;
    return { status: successStatus(kind, 'update'), body: renderRecord(coll, rec) };
  }
  if (req.method === 'DELETE' && kind.methods.remove) {
    coll.remove(key);
    state.removeChildren(kind, accountSid, [...scope, key]);
    return { status: 204, body: '' };
  }
  throw methodNotAllowed(req.method);
}

function coerceKey(kind: Kind, key: string): unknown {
  return kind.fields.get(kind.keyField)?.type === 'integer' ? Number(key) : key;
}

function fillScope(kind: Kind, scope: readonly string[]): string {
  let i = 0;
  return (kind.listPath ?? kind.instancePath).replace(/\{[^}]+\}/g, () => encodeURIComponent(scope[i++] ?? ''));
}

// --- /2010-04-01/Accounts: the account tree itself, not a stored collection ---

function accountRec(account: AccountRecord): Rec {
  return {
    own: {
      sid: account.sid,
      auth_token: account.authToken,
      friendly_name: account.friendlyName,
      owner_account_sid: account.ownerSid ?? account.sid,
      status: account.status,
      type: 'Full',
      ...(account.dateCreated ? { date_created: account.dateCreated } : {}),
    },
    seq: account.seq,
  };
}

function accountsCollection(kind: Kind, authSid: string): Collection {
  return new Collection(kind, authSid, [], '/2010-04-01/Accounts');
}

function handleAccounts(state: TwinState, match: RouteMatch, req: TwinRequest): TwinResponse {
  const kind = match.end.kind;
  const auth = state.accounts.get(req.authAccountSid)!;
  const coll = accountsCollection(kind, auth.sid);
  if (match.end.type === 'list') {
    if (req.method === 'GET') {
      const page = pageRequest(req.query, kind);
      // A master sees itself and its subaccounts; a subaccount sees only itself.
      const visible = [auth, ...(auth.ownerSid === null ? state.subaccountsOf(auth.sid) : [])];
      const recs = applyFilters(coll, visible.map(accountRec), page.filters);
      return { status: 200, body: renderPage(coll, recs, page) };
    }
    if (req.method === 'POST') {
      if (auth.ownerSid !== null) throw new TwilioError(403, 20003, 'Subaccounts cannot create subaccounts');
      const friendly = req.form.get('FriendlyName');
      const sid = state.newSid('AC');
      const seq = state.nextSeq();
      const account: AccountRecord = {
        sid,
        authToken: state.newToken(),
        friendlyName: friendly ?? `SubAccount Created at ${sid}`,
        status: 'active',
        ownerSid: auth.sid,
        seq,
      };
      state.addAccount(account);
      return { status: 201, body: JSON.stringify(materialize(coll, accountRec(account))) };
    }
    throw methodNotAllowed(req.method);
  }
  const target = state.accounts.get(match.values[0]!);
  if (!target || !state.canReach(auth.sid, target.sid)) throw notFound(req.path);
  if (req.method === 'GET') return { status: 200, body: JSON.stringify(materialize(coll, accountRec(target))) };
  if (req.method === 'POST') {
    const friendly = req.form.get('FriendlyName');
    const status = req.form.get('Status');
    if (status !== null && !['active', 'suspended', 'closed'].includes(status)) throw badParam('Invalid value for Status: must be one of active, suspended, closed');
    if (friendly !== null) target.friendlyName = friendly;
    if (status !== null) target.status = status;
    return { status: 200, body: JSON.stringify(materialize(coll, accountRec(target))) };
  }
  throw methodNotAllowed(req.method);
}
