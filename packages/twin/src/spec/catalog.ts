// Builds, once per process, the twin's model of every served API from the official specs:
// resource kinds (collections and singletons, nested under their parents), their fields,
// SID prefixes, defaults, request parameters, and a per-host route trie. Nothing here is
// written per resource: a new path in the spec becomes a new kind.
import { createHash } from 'node:crypto';
import { idPrefixOf } from './ids.ts';
import { snakeCase } from './names.ts';
import { readSpec, SERVED_SPECS, type OpenApiDoc, type Operation, type PathItem, type SchemaObject } from './load.ts';

export interface FieldInfo {
  type?: string;
  format?: string;
  pattern?: RegExp;
  enum?: readonly string[];
  nullable: boolean;
}

export interface ParamInfo {
  name: string;
  field: FieldInfo;
}

export interface Kind {
  /** Dotted fixture name, e.g. `trunking.trunks.origination_urls`. */
  name: string;
  /** Name inside its parent (or inside the API), e.g. `origination_urls`. */
  localName: string;
  api: string;
  specFile: string;
  /** Host label, e.g. `flex-api` for https://flex-api.twilio.com. */
  sub: string;
  host: string;
  v2010: boolean;
  singleton: boolean;
  /** Path templates without `.json`; listPath absent for singletons and fetch-only kinds. */
  listPath?: string;
  instancePath: string;
  /** The spec path keys (with `.json` where the spec has it), for schema lookups. */
  specListPath?: string;
  specInstancePath?: string;
  /** Param naming the item in the instance path (`Sid`), and the field holding it (`sid`). */
  keyParam?: string;
  keyField: string;
  /** Path params before the key, in order (v2010 starts with AccountSid). */
  scopeParams: string[];
  /** Fields that carry each scope param's value (null when the schema has no such field). */
  scopeFields: (string | null)[];
  parent?: Kind;
  children: Map<string, Kind>;
  fields: Map<string, FieldInfo>;
  sidPrefix?: string;
  /** Prefix of generated keys when the key field's pattern has one (`TK`, `aia_asst_`). */
  keyPrefix?: string;
  listKey?: string;
  /** Default field values from the spec's examples, neutralised (no example URLs or SIDs). */
  defaults: Record<string, unknown>;
  /** Example link maps with placeholders for the resource's own URL, rebuilt per record. */
  linkTemplates: Record<string, Record<string, string>>;
  methods: { list: boolean; create: boolean; fetch: boolean; update: boolean; remove: boolean };
  createParams: Map<string, ParamInfo>;
  createRequired: string[];
  /** Whether the spec takes the create / update body as JSON rather than form params. */
  createJson: boolean;
  updateParams: Map<string, ParamInfo>;
  updateRequired: string[];
  updateJson: boolean;
  /** Twilio's classic APIs update with POST; newer ones (Assistants) with PUT. */
  updateVerb: 'POST' | 'PUT';
  /**
   * The instance write takes no body and answers 204: it links an existing item under the
   * parent (Assistants' `POST /Assistants/{id}/Tools/{id}`), so it creates the record.
   */
  writeLinks: boolean;
  listFilters: Set<string>;
}

export interface RouteEnd {
  kind: Kind;
  type: 'list' | 'instance';
  /** Names of the path params in order of appearance. */
  params: string[];
  json: boolean;
}

interface TrieNode {
  literal: Map<string, TrieNode>;
  param?: TrieNode;
  end?: RouteEnd;
}

export interface Catalog {
  kinds: Map<string, Kind>;
  apis: Map<string, Kind[]>;
  specs: Map<string, OpenApiDoc>;
  hosts: Map<string, TrieNode>;
}

export interface RouteMatch {
  end: RouteEnd;
  values: string[];
}

const STRUCTURAL = new Set(['url', 'uri', 'links', 'subresource_uris']);
const V2010_ACCOUNT = '/2010-04-01/Accounts/{AccountSid}';

function stripJson(path: string): string {
  return path.endsWith('.json') ? path.slice(0, -5) : path;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function shapeOf(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}');
}

function resolve(doc: OpenApiDoc, schema: SchemaObject | undefined): SchemaObject | undefined {
  let current = schema;
  for (let depth = 0; current?.$ref && depth < 10; depth++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = doc.components.schemas[name];
  }
  return current;
}

/** Resolves `$ref`s and merges `allOf` parts (properties and required), as the newer specs compose items. */
function flatten(doc: OpenApiDoc, schema: SchemaObject | undefined, depth = 0): SchemaObject | undefined {
  const resolved = resolve(doc, schema);
  const parts = resolved?.allOf;
  if (!resolved || !Array.isArray(parts) || depth > 5) return resolved;
  const flat = (parts as SchemaObject[]).map((part) => flatten(doc, part, depth + 1) ?? {});
  const { allOf: _allOf, ...rest } = resolved;
  void _allOf;
  return {
    ...rest,
    type: 'object',
    properties: Object.assign({}, ...flat.map((part) => part.properties ?? {}), rest.properties ?? {}) as Record<string, SchemaObject>,
    required: [...new Set([...flat.flatMap((part) => part.required ?? []), ...(rest.required ?? [])])],
  };
}

function fieldInfo(doc: OpenApiDoc, schema: SchemaObject): FieldInfo {
  const resolved = flatten(doc, schema) ?? {};
  const info: FieldInfo = { nullable: Boolean(schema.nullable ?? resolved.nullable) };
  if (resolved.type) info.type = resolved.type;
  else if (resolved.enum) info.type = 'string';
  if (resolved.format) info.format = resolved.format;
  if (resolved.pattern) info.pattern = new RegExp(resolved.pattern);
  if (resolved.enum) info.enum = resolved.enum.map(String);
  return info;
}

function jsonContent(op: Operation | undefined, status: string) {
  return op?.responses[status]?.content?.['application/json'];
}

function firstExample(content: ReturnType<typeof jsonContent>): unknown {
  const examples = content?.examples;
  if (!examples) return undefined;
  for (const example of Object.values(examples)) if (example?.value !== undefined) return example.value;
  return undefined;
}

interface BodyParams {
  params: Map<string, ParamInfo>;
  required: string[];
  json: boolean;
}

/** The write's body parameters: form params (classic APIs) or a JSON document's properties (newer ones). */
function bodyParams(doc: OpenApiDoc, op: Operation | undefined): BodyParams {
  const content = op?.requestBody?.content;
  const json = !!content?.['application/json'] && !content['application/x-www-form-urlencoded'];
  const schema = flatten(doc, (json ? content?.['application/json'] : content?.['application/x-www-form-urlencoded'])?.schema);
  const params = new Map<string, ParamInfo>();
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) params.set(name, { name, field: fieldInfo(doc, prop) });
  return { params, required: schema?.required ?? [], json };
}

function literalName(segments: string[]): string {
  const literals = segments.filter((s) => !isParam(s));
  // `/v1/RecordingSettings/Default` reads better in a fixture as `recording_settings`.
  if (literals.length > 1 && literals[literals.length - 1] === 'Default') literals.pop();
  return literals.map(snakeCase).join('_');
}

interface Pending {
  doc: OpenApiDoc;
  specFile: string;
  api: string;
  listPath?: string;
  specListPath?: string;
  listItem?: PathItem;
  instancePath?: string;
  specInstancePath?: string;
  instanceItem?: PathItem;
}

function hostOf(doc: OpenApiDoc, item: PathItem | undefined): string {
  const url = item?.servers?.[0]?.url ?? doc.servers[0]?.url ?? '';
  return new URL(url).hostname;
}

function buildKind(pending: Pending, scopePath: string, parent: Kind | undefined): Kind {
  const { doc } = pending;
  const listOp = pending.listItem;
  const instOp = pending.instanceItem;
  const singleton = !pending.listPath && !!pending.instancePath && !isParam(segmentsOf(pending.instancePath).pop()!);
  const instancePath = pending.instancePath ?? `${pending.listPath}/{Sid}`;
  const collectionPath = pending.listPath ?? instancePath;
  const host = hostOf(doc, listOp ?? instOp);
  const v2010 = collectionPath.startsWith('/2010-04-01/');

  const listContent = jsonContent(listOp?.get, '200');
  const listSchema = flatten(doc, listContent?.schema);
  let listKey: string | undefined;
  let itemSchemaRef: SchemaObject | undefined;
  for (const [prop, schema] of Object.entries(listSchema?.properties ?? {})) {
    if (schema.type === 'array') {
      listKey = prop;
      itemSchemaRef = schema.items;
    }
  }
  const instanceContent =
    jsonContent(instOp?.get, '200') ?? jsonContent(instOp?.post, '200') ?? jsonContent(listOp?.post, '201') ?? jsonContent(listOp?.post, '200');
  // A list item and a fetched instance may differ (Assistants list `assistant`, fetch
  // `assistant_with_tools_and_knowledge`): a record must carry what either requires.
  const itemSchema = flatten(doc, itemSchemaRef);
  const baseSchema = flatten(doc, instanceContent?.schema) ?? itemSchema ?? { properties: {} };
  const required = [...new Set([...(baseSchema.required ?? []), ...(itemSchema?.required ?? [])])];
  const properties = { ...(baseSchema.properties ?? {}) };
  for (const name of required) properties[name] ??= itemSchema?.properties?.[name] ?? {};
  const schema: SchemaObject = { properties, required };
  const fields = new Map<string, FieldInfo>();
  for (const [name, prop] of Object.entries(schema.properties ?? {})) fields.set(name, fieldInfo(doc, prop));

  const instSegments = segmentsOf(instancePath);
  const lastSegment = instSegments[instSegments.length - 1]!;
  const keyParam = singleton ? undefined : lastSegment.slice(1, -1);
  const keyFieldGuess = keyParam ? snakeCase(keyParam) : 'sid';
  // A list without an instance path gets a made-up `{Sid}` param; newer items carry `id`.
  const keyField = fields.has(keyFieldGuess) ? keyFieldGuess : !fields.has('sid') && fields.has('id') ? 'id' : 'sid';
  const scopeParams = segmentsOf(collectionPath)
    .filter(isParam)
    .map((s) => s.slice(1, -1));
  const scopeFields = scopeParams.map((p, i) => (p === keyParam || singleton ? (fields.has(snakeCase(p)) ? snakeCase(p) : null) : scopeField(fields, keyField, p, segmentsOf(collectionPath), i)));
  const sidPattern = fields.get('sid')?.pattern?.source;
  // Patterns read `^TK[0-9a-fA-F]{32}$` or, for messages, `^(SM|MM)[0-9a-fA-F]{32}$`: take the first prefix.
  const sidPrefix = sidPattern ? /^\^\(?([A-Z]{2})[[|]/.exec(sidPattern)?.[1] : undefined;
  const keyPrefix = idPrefixOf(fields.get(keyField)?.pattern);

  const example = firstExample(instanceContent) ?? (listKey ? (firstExample(listContent) as Record<string, unknown[]> | undefined)?.[listKey]?.[0] : undefined);
  const exampleRecord = (example && typeof example === 'object' ? example : {}) as Record<string, unknown>;
  const structural = new Set<string>([...STRUCTURAL, keyField, 'sid', 'account_sid', ...scopeFields.filter((f): f is string => !!f)]);
  const defaults: Record<string, unknown> = {};
  const linkTemplates: Record<string, Record<string, string>> = {};
  const exampleUrl = typeof exampleRecord.url === 'string' ? exampleRecord.url : typeof exampleRecord.uri === 'string' ? exampleRecord.uri : undefined;
  for (const [name, info] of fields) {
    const value = exampleRecord[name];
    if (name === 'links' || name === 'subresource_uris') {
      if (value && typeof value === 'object' && exampleUrl) {
        const base = exampleUrl.replace(/\.json$/, '');
        const template: Record<string, string> = {};
        for (const [link, target] of Object.entries(value as Record<string, unknown>)) {
          if (typeof target === 'string' && target.startsWith(base)) template[link] = target.slice(base.length);
        }
        linkTemplates[name] = template;
      }
      continue;
    }
    if (structural.has(name)) continue;
    defaults[name] = conform(doc, schema.properties?.[name], neutralDefault(name, info, value), 0);
  }
  // Fields the schema requires must be present even when the spec gives no example.
  const computed = (name: string) => { const f = fields.get(name); return (name === 'date_created' || name === 'date_updated') && (f?.format === 'date-time' || f?.format === 'date-time-rfc-2822'); };
  for (const name of schema.required ?? []) {
    if (structural.has(name) || computed(name) || defaults[name] !== undefined) continue;
    const value = synthesize(doc, schema.properties?.[name], `${pending.specFile} ${collectionPath} ${name}`, 0);
    if (value !== undefined) defaults[name] = value;
  }

  const create = bodyParams(doc, listOp?.post);
  const updateOp = instOp?.post ?? instOp?.put;
  const update = bodyParams(doc, updateOp);
  const writeLinks = !!updateOp && !updateOp.requestBody && !!updateOp.responses['204'] && !updateOp.responses['200'];
  const listFilters = new Set<string>();
  for (const p of listOp?.get?.parameters ?? []) {
    if (p.in === 'query' && !['PageSize', 'Page', 'PageToken'].includes(p.name)) listFilters.add(p.name);
  }
  const localName = parent
    ? literalName(segmentsOf(collectionPath).slice(segmentsOf(parent.instancePath).length))
    : literalName(segmentsOf(collectionPath.slice(scopePath.length)).slice(v2010 ? 0 : 1));
  const kind: Kind = {
    name: parent ? `${parent.name}.${localName}` : `${pending.api}.${localName}`,
    localName,
    api: pending.api,
    specFile: pending.specFile,
    sub: host.split('.')[0]!,
    host,
    v2010,
    singleton,
    instancePath,
    keyField,
    scopeParams,
    scopeFields,
    children: new Map(),
    fields,
    defaults,
    linkTemplates,
    methods: {
      list: !!listOp?.get,
      create: !!listOp?.post,
      fetch: !!instOp?.get,
      update: !!updateOp,
      remove: !!instOp?.delete,
    },
    createParams: create.params,
    createRequired: create.required,
    createJson: create.json,
    updateParams: update.params,
    updateRequired: update.required,
    updateJson: update.json,
    updateVerb: !instOp?.post && instOp?.put ? 'PUT' : 'POST',
    writeLinks,
    listFilters,
  };
  if (pending.listPath) kind.listPath = pending.listPath;
  if (pending.specListPath) kind.specListPath = pending.specListPath;
  if (pending.specInstancePath) kind.specInstancePath = pending.specInstancePath;
  if (keyParam) kind.keyParam = keyParam;
  if (parent) kind.parent = parent;
  if (sidPrefix) kind.sidPrefix = sidPrefix;
  if (keyPrefix !== undefined && keyPrefix !== '') kind.keyPrefix = keyPrefix;
  if (listKey) kind.listKey = listKey;
  return kind;
}

/**
 * A default must not invent a finding: example URLs (often http://) and example SIDs of
 * other resources become null where the schema allows it; everything else keeps the
 * spec's example value, which is what Twilio returns for an untouched resource.
 */
function neutralDefault(name: string, info: FieldInfo, value: unknown): unknown {
  if (value === undefined) return info.nullable ? null : undefined;
  if (info.nullable && typeof value === 'string' && (info.format === 'uri' || /(_sid|_url|url|callback)$/.test(name) || /^https?:/.test(value))) return null;
  return value;
}

/**
 * Spec example values that would read as the customer's own configuration if served as a
 * default: URLs (callback.com, website2.com: a phantom webhook is a phantom finding),
 * placeholder SIDs (`APXXXX…`), the literal "string", and example postal addresses.
 */
function isPlaceholder(value: string): boolean {
  return /^https?:\/\//i.test(value) || /X{3,}/.test(value) || value === 'string' || /\bExample (St|Street|City)\b|^123 Main St/i.test(value);
}

/** A free-form object (no properties in the schema) accepts null anywhere: placeholders become null. */
function scrubFreeForm(value: unknown): unknown {
  if (typeof value === 'string') return isPlaceholder(value) ? null : value;
  if (Array.isArray(value)) return value.map(scrubFreeForm);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubFreeForm(v)]));
  return value;
}

/** Null where the schema allows it; else an empty string when that validates; else no value. */
function placeholderStandIn(schema: SchemaObject, nullable: boolean): unknown {
  if (nullable) return null;
  const empty = !schema.format && !schema.pattern && !(typeof schema.minLength === 'number' && schema.minLength > 0);
  return empty ? '' : undefined;
}

/**
 * Some spec examples contradict their own schema (prices as strings, enum values in the
 * wrong case). A default must validate against the schema, so mend or drop such values.
 */
function conform(doc: OpenApiDoc, raw: SchemaObject | undefined, value: unknown, depth: number): unknown {
  const schema = flatten(doc, raw);
  if (!schema || value === undefined || depth > 8) return value;
  const nullable = Boolean(raw?.nullable ?? schema.nullable);
  if (value === null) return nullable ? null : undefined;
  const fallback = nullable ? null : undefined;
  if (schema.enum) return schema.enum.includes(value) ? value : (schema.enum[0] ?? fallback);
  switch (schema.type) {
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) && (schema.type === 'number' || Number.isInteger(n))) return n;
      return typeof value === 'number' ? value : fallback;
    }
    case 'string':
      if (typeof value !== 'string') return fallback;
      return isPlaceholder(value) ? placeholderStandIn(schema, nullable) : value;
    case 'boolean':
      return typeof value === 'boolean' ? value : fallback;
    case 'array':
      // A list of example URLs (opt-in images, websites) is served empty, not as blanks.
      return Array.isArray(value)
        ? value.filter((item) => !(typeof item === 'string' && isPlaceholder(item))).map((item) => conform(doc, schema.items, item, depth + 1)).filter((item) => item !== undefined)
        : fallback;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return fallback;
      if (!schema.properties) return scrubFreeForm(value);
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        const mended = schema.properties[key] ? conform(doc, schema.properties[key], inner, depth + 1) : inner;
        if (mended !== undefined) out[key] = mended;
      }
      // A required field whose example was a placeholder still needs a value the schema accepts.
      for (const key of schema.required ?? []) {
        if (out[key] !== undefined || !(key in (value as Record<string, unknown>))) continue;
        const made = synthesize(doc, schema.properties[key], `placeholder.${key}`, depth + 1);
        if (made !== undefined) out[key] = made;
      }
      return out;
    }
    default:
      return scrubFreeForm(value);
  }
}

/**
 * The field carrying a parent's key. Classic parents name it (`{TrunkSid}` → `trunk_sid`);
 * newer specs often write a bare `{id}`, which must not land on the item's own `id`: then
 * the parent's singular name is tried (`/Assistants/{id}/Feedbacks` → `assistant_id`).
 */
function scopeField(fields: Map<string, FieldInfo>, keyField: string, param: string, segments: string[], index: number): string | null {
  const direct = snakeCase(param);
  if (direct !== keyField) return fields.has(direct) ? direct : null;
  const params = segments.map((s, i) => (isParam(s) ? i : -1)).filter((i) => i >= 0);
  const owner = segments[params[index]! - 1];
  if (!owner || isParam(owner)) return null;
  const singular = snakeCase(owner).replace(/ies$/, 'y').replace(/s$/, '');
  const candidate = `${singular}_${direct}`;
  return candidate !== keyField && fields.has(candidate) ? candidate : null;
}

const SYNTH_DATE_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Deterministic hex for ids a default must hold: the same spec gives the same twin. */
function stableHex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/**
 * A value for a required field the spec gives no example of, built from the schema alone:
 * its example or default, first enum value, an id matching its pattern, the neutral value of
 * its type (empty, zero, false), or an object of its own required fields. Null when nullable.
 */
function synthesize(doc: OpenApiDoc, raw: SchemaObject | undefined, seed: string, depth: number): unknown {
  const schema = flatten(doc, raw);
  if (!schema || depth > 8) return undefined;
  if (raw?.nullable || schema.nullable) return null;
  for (const candidate of [schema.example, schema.default]) {
    const value = candidate === undefined ? undefined : conform(doc, raw, candidate, 0);
    if (value !== undefined && value !== null) return value;
  }
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string': {
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        const prefix = idPrefixOf(pattern);
        return prefix === undefined ? undefined : prefix + stableHex(seed);
      }
      if (schema.format === 'date-time') return new Date(SYNTH_DATE_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
      if (schema.format === 'date') return new Date(SYNTH_DATE_MS).toISOString().slice(0, 10);
      if (schema.format === 'date-time-rfc-2822') return 'Mon, 05 Jan 2026 09:00:00 +0000';
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      return 'x'.repeat(min);
    }
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        const value = synthesize(doc, schema.properties?.[name], `${seed}.${name}`, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    default:
      return null;
  }
}

function hasArrayProperty(doc: OpenApiDoc, op: Operation): boolean {
  const schema = flatten(doc, jsonContent(op, '200')?.schema);
  return Object.values(schema?.properties ?? {}).some((p) => p.type === 'array');
}

function pendingBySpec(doc: OpenApiDoc, specFile: string, api: string): Pending[] {
  const byCollection = new Map<string, Pending>();
  // Types first: newer specs omit `x-twilio.pathType` on top-level lists (Assistants'
  // /v1/Knowledge), and an instance path must still find the list it belongs to.
  const entries = Object.entries(doc.paths).map(([specPath, item]) => {
    const path = stripJson(specPath);
    const last = segmentsOf(path).pop()!;
    let type = item['x-twilio']?.pathType ?? (item.get && !isParam(last) ? 'list' : 'instance');
    // A "list" path whose GET returns no array (e.g. /Balance.json) behaves as a singleton.
    if (type === 'list' && item.get && !isParam(last) && !hasArrayProperty(doc, item.get)) type = 'instance';
    return { specPath, item, path, type };
  });
  const listShapes = new Map<string, string>();
  for (const { path, type } of entries) if (type === 'list') listShapes.set(shapeOf(path), path);
  for (const { specPath, item, path, type } of entries) {
    const segments = segmentsOf(path);
    const last = segments[segments.length - 1]!;
    let key: string;
    if (type === 'list') key = path;
    else if (isParam(last)) {
      const parentShape = shapeOf('/' + segments.slice(0, -1).join('/'));
      key = listShapes.get(parentShape) ?? path;
    } else key = path;
    const pending = byCollection.get(key) ?? { doc, specFile, api };
    if (type === 'list') {
      pending.listPath = path;
      pending.specListPath = specPath;
      pending.listItem = item;
    } else {
      pending.instancePath = path;
      pending.specInstancePath = specPath;
      pending.instanceItem = item;
    }
    byCollection.set(key, pending);
  }
  return [...byCollection.values()];
}

function insertRoute(root: Map<string, TrieNode>, host: string, path: string, end: RouteEnd): void {
  const sub = host.split('.')[0]!;
  let node = root.get(sub);
  if (!node) {
    node = { literal: new Map() };
    root.set(sub, node);
  }
  for (const segment of segmentsOf(path)) {
    if (isParam(segment)) {
      node.param ??= { literal: new Map() };
      node = node.param;
    } else {
      let next = node.literal.get(segment);
      if (!next) {
        next = { literal: new Map() };
        node.literal.set(segment, next);
      }
      node = next;
    }
  }
  node.end = end;
}

export function buildCatalog(): Catalog {
  const kinds = new Map<string, Kind>();
  const apis = new Map<string, Kind[]>();
  const specs = new Map<string, OpenApiDoc>();
  const hosts = new Map<string, TrieNode>();
  for (const { file, api } of SERVED_SPECS) {
    const doc = readSpec(file);
    specs.set(file, doc);
    const pendings = pendingBySpec(doc, file, api);
    // Parents first: a shorter collection path is built before the paths nested in it.
    pendings.sort((a, b) => segmentsOf(a.listPath ?? a.instancePath!).length - segmentsOf(b.listPath ?? b.instancePath!).length);
    const byInstanceShape = new Map<string, Kind>();
    for (const pending of pendings) {
      const collectionPath = pending.listPath ?? pending.instancePath!;
      const segments = segmentsOf(collectionPath);
      let parent: Kind | undefined;
      for (let i = segments.length - 1; i > 0 && !parent; i--) {
        if (!isParam(segments[i - 1]!)) continue;
        const prefix = '/' + segments.slice(0, i).join('/');
        if (prefix === V2010_ACCOUNT) break;
        parent = byInstanceShape.get(shapeOf(prefix));
      }
      const scopePath = collectionPath.startsWith(V2010_ACCOUNT) ? V2010_ACCOUNT : '';
      const kind = buildKind(pending, scopePath, parent);
      if (collectionPath === '/2010-04-01/Accounts') kind.name = 'api.accounts';
      const existing = kinds.get(kind.name);
      if (existing) {
        // Two versions of one product (messaging v1 and v2) may name a kind alike.
        const version = segmentsOf(collectionPath)[0]!;
        kind.name = `${kind.name}_${version}`;
        kind.localName = `${kind.localName}_${version}`;
      }
      kinds.set(kind.name, kind);
      if (parent) parent.children.set(kind.localName, kind);
      else apis.set(api, [...(apis.get(api) ?? []), kind]);
      if (!kind.singleton) byInstanceShape.set(shapeOf(kind.instancePath), kind);
      const listParams = segmentsOf(collectionPath).filter(isParam).map((s) => s.slice(1, -1));
      if (pending.listPath) insertRoute(hosts, kind.host, pending.listPath, { kind, type: 'list', params: listParams, json: pending.specListPath!.endsWith('.json') });
      if (pending.instancePath) {
        const params = segmentsOf(pending.instancePath).filter(isParam).map((s) => s.slice(1, -1));
        insertRoute(hosts, kind.host, pending.instancePath, { kind, type: 'instance', params, json: pending.specInstancePath!.endsWith('.json') });
      }
    }
  }
  return { kinds, apis, specs, hosts };
}

let shared: Catalog | undefined;

/** The catalog is immutable once built; every twin in the process shares one. */
export function catalog(): Catalog {
  shared ??= buildCatalog();
  return shared;
}

function matchNode(node: TrieNode, segments: string[], index: number, values: string[]): RouteEnd | undefined {
  if (index === segments.length) return node.end;
  const segment = segments[index]!;
  const literal = node.literal.get(segment);
  if (literal) {
    const found = matchNode(literal, segments, index + 1, values);
    if (found) return found;
  }
  if (node.param) {
    values.push(segment);
    const found = matchNode(node.param, segments, index + 1, values);
    if (found) return found;
    values.pop();
  }
  return undefined;
}

/** Matches `/v1/Trunks/TK.../OriginationUrls` (with or without `.json`) on one host label. */
export function matchRoute(cat: Catalog, sub: string, path: string): RouteMatch | undefined {
  const root = cat.hosts.get(sub);
  if (!root) return undefined;
  const segments = segmentsOf(stripJson(path)).map(decodeURIComponent);
  const values: string[] = [];
  const end = matchNode(root, segments, 0, values);
  return end ? { end, values } : undefined;
}
