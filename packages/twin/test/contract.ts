// Validates the twin's responses against the response schemas of Twilio's official specs
// (ajv + ajv-formats), so the twin cannot drift from what the real API returns.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { splitTwinPath } from '../src/base-url.ts';
import { catalog, matchRoute } from '../src/spec/catalog.ts';

// ajv-formats ships CommonJS; its default export arrives nested under tsx/vitest.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Twilio's own format names: checked where the shape is well defined, accepted otherwise.
// The v2010 spec marks `uri`/`first_page_uri` as format uri, yet Twilio (and the spec's own
// examples) return them relative ("/2010-04-01/..."): check them as URI references.
const uriReference = (ajv.formats['uri-reference'] ?? true) as Exclude<(typeof ajv.formats)[string], undefined>;
ajv.addFormat('uri', uriReference);
ajv.addFormat('date-time-rfc-2822', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
ajv.addFormat('http-method', /^(GET|POST|PUT|DELETE|HEAD|PATCH)$/);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('float', { type: 'number', validate: () => true });
for (const name of ['currency', 'endpoint', 'ice-server', 'iso-country-code', 'mp4', 'phone-number', 'phone-number-capabilities', 'recording-rule', 'string-map', 'subscribe-rule', 'twiml', 'uri-map', 'webm']) {
  ajv.addFormat(name, true);
}

/**
 * OpenAPI 3.0 writes `nullable: true` beside a `$ref` or with no `type`, which JSON Schema
 * (and ajv) cannot express directly: rewrite those to `anyOf [schema, null]`; a nullable
 * enum admits null.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'examples' || key === 'example' ? value : toJsonSchema(value);
  // Twilio returns null for unset nullable enums (e.g. voice_fallback_method).
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    if (out.$ref !== undefined) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  }
  return out;
}

const cat = catalog();
for (const [file, doc] of cat.specs) ajv.addSchema(toJsonSchema(doc) as object, file);

const cache = new Map<string, ValidateFunction | null>();

function pointer(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function validatorFor(file: string, specPath: string, method: string, status: number): ValidateFunction | null {
  const key = `${file} ${specPath} ${method} ${status}`;
  if (cache.has(key)) return cache.get(key)!;
  const doc = cat.specs.get(file)!;
  const op = (doc.paths[specPath] as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>)[method];
  const schema = op?.responses?.[String(status)]?.content?.['application/json']?.schema;
  const fn = schema ? ajv.getSchema(`${file}#/paths/${pointer(specPath)}/${method}/responses/${status}/content/application~1json/schema`) ?? null : null;
  cache.set(key, fn);
  return fn;
}

export interface ContractResult {
  ok: boolean;
  /** Why it failed; never includes field values. */
  errors: string[];
  /** False when the spec declares no JSON schema for this status (e.g. 204). */
  checked: boolean;
}

/** Validates one twin response for `{base}/{sub}{path}`. */
export function validateTwinResponse(method: string, twinPath: string, status: number, body: unknown): ContractResult {
  const split = splitTwinPath(twinPath);
  const match = split && matchRoute(cat, split.sub, split.path.split('?')[0]!);
  if (!match) return { ok: false, errors: [`no spec route for ${twinPath}`], checked: false };
  const { kind, type } = match.end;
  const specPath = type === 'list' ? kind.specListPath : kind.specInstancePath;
  if (!specPath) return { ok: false, errors: [`no spec path for ${kind.name} ${type}`], checked: false };
  const fn = validatorFor(kind.specFile, specPath, method.toLowerCase(), status);
  if (!fn) {
    const declared = Object.keys(((cat.specs.get(kind.specFile)!.paths[specPath] as Record<string, { responses?: object }>)[method.toLowerCase()]?.responses) ?? {});
    const ok = declared.includes(String(status));
    return { ok, errors: ok ? [] : [`status ${status} not declared for ${method} ${specPath} (declared: ${declared.join(',')})`], checked: false };
  }
  const ok = fn(body) as boolean;
  return { ok, errors: ok ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message}`), checked: true };
}
