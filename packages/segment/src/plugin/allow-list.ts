// A tracking plan as an allow-list: which events may leave and which keys each may carry, at
// every depth. Built from Protocols rules (the same JSON Schema the Public API returns) or
// written by hand.
//
// Fail closed: a key is allowed only where the plan declares it. An object-valued key whose
// schema declares no `properties` lets none of its nested keys through, and an array whose
// schema declares no `items` is removed whole, unless the plan explicitly says otherwise
// (`additionalProperties: true`, or an `additionalProperties` schema). `$ref`, tuple `items`
// and `patternProperties` are not followed, so what they would allow is removed.
import type { RuleV1 } from '../api/types.ts';

/** What may appear under one key: its nested keys (objects) and its elements (arrays). */
export interface FieldSchema {
  properties?: Readonly<Record<string, FieldSchema>>;
  items?: FieldSchema;
  /** `true` opens the whole subtree (any key, any depth); a schema applies to every undeclared key. */
  additionalProperties?: true | FieldSchema;
}

/**
 * Allowed keys: a map of key → FieldSchema, or a list of names. In a list, dots nest and
 * `[]` marks an array's elements: `['appointment.id', 'tags[]', 'items[].sku']`. A bare name
 * allows a scalar value; an object under it keeps none of its keys, an array is removed.
 */
export type AllowedFields = readonly string[] | Readonly<Record<string, FieldSchema>>;

export interface AllowList {
  /** Track events by exact name → allowed properties. */
  events: Record<string, AllowedFields>;
  /** Identify traits (also applied to `context.traits`). */
  traits: AllowedFields;
  /** Group traits; when undefined, group calls are not planned and are dropped. */
  groupTraits?: AllowedFields;
  /** Page and screen calls: allowed properties; when undefined, they are dropped. */
  pageProperties?: AllowedFields;
  /** Alias calls carry only ids; allowed unless false. */
  alias?: boolean;
  /**
   * Destination-specific options in `integrations` (destination name → allowed option keys).
   * Without an entry, a destination may only be switched on or off (a boolean).
   */
  integrations?: Record<string, AllowedFields>;
}

/** The allow-list in the one shape the guard walks: schemas with null-prototype key maps. */
export interface CompiledAllowList {
  events: ReadonlyMap<string, FieldSchema>;
  traits: FieldSchema;
  groupTraits?: FieldSchema;
  pageProperties?: FieldSchema;
  alias: boolean;
  integrations: ReadonlyMap<string, FieldSchema>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Any key at any depth: what an explicit `additionalProperties: true` allows. */
export const OPEN_SCHEMA: FieldSchema = (() => {
  const open: { additionalProperties: true; items?: FieldSchema } = { additionalProperties: true };
  open.items = open;
  return open;
})();

function emptyMap(): Record<string, FieldSchema> {
  return Object.create(null) as Record<string, FieldSchema>;
}

function mergeInto(target: { properties?: Record<string, FieldSchema>; items?: FieldSchema; additionalProperties?: true | FieldSchema }, source: FieldSchema): void {
  if (source.properties) {
    const properties = (target.properties ??= emptyMap());
    for (const [key, child] of Object.entries(source.properties)) {
      const existing = properties[key];
      properties[key] = existing ? mergeSchemas(existing, child) : child;
    }
  }
  if (source.items) target.items = target.items ? mergeSchemas(target.items, source.items) : source.items;
  if (source.additionalProperties === true || target.additionalProperties === true) target.additionalProperties = true;
  else if (source.additionalProperties) target.additionalProperties = target.additionalProperties ? mergeSchemas(target.additionalProperties, source.additionalProperties) : source.additionalProperties;
}

/** The union of what two schemas allow (several rules, or anyOf/oneOf/allOf branches). */
function mergeSchemas(a: FieldSchema, b: FieldSchema): FieldSchema {
  if (a === OPEN_SCHEMA || b === OPEN_SCHEMA) return OPEN_SCHEMA;
  const out: FieldSchema = {};
  mergeInto(out, a);
  mergeInto(out, b);
  return out;
}

/** Reads a JSON Schema node recursively: `properties`, object `items`, `additionalProperties`, and the branches of anyOf/oneOf/allOf. */
export function fieldSchemaFromJsonSchema(node: unknown, depth = 0): FieldSchema {
  if (!isObject(node) || depth > 32) return {};
  let out: FieldSchema = {};
  if (isObject(node.properties)) {
    const properties = emptyMap();
    for (const [key, child] of Object.entries(node.properties)) properties[key] = fieldSchemaFromJsonSchema(child, depth + 1);
    out = { properties };
  }
  if (isObject(node.items)) out = mergeSchemas(out, { items: fieldSchemaFromJsonSchema(node.items, depth + 1) });
  if (node.additionalProperties === true) out = mergeSchemas(out, { additionalProperties: true });
  else if (isObject(node.additionalProperties)) out = mergeSchemas(out, { additionalProperties: fieldSchemaFromJsonSchema(node.additionalProperties, depth + 1) });
  for (const branch of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[branch];
    if (Array.isArray(list)) for (const child of list) out = mergeSchemas(out, fieldSchemaFromJsonSchema(child, depth + 1));
  }
  return out;
}

function at(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

/** Derives the allow-list from tracking-plan rules (TRACK, IDENTIFY, GROUP, PAGE, SCREEN), at every depth. */
export function allowListFromRules(rules: readonly RuleV1[]): AllowList {
  const events: Record<string, FieldSchema> = {};
  let traits: FieldSchema = {};
  let groupTraits: FieldSchema | undefined;
  let pageProperties: FieldSchema | undefined;
  for (const rule of rules) {
    if (rule.deprecatedAt) continue;
    switch (rule.type) {
      case 'TRACK':
        if (rule.key) {
          const schema = fieldSchemaFromJsonSchema(at(rule.jsonSchema, 'properties', 'properties'));
          events[rule.key] = Object.hasOwn(events, rule.key) ? mergeSchemas(events[rule.key]!, schema) : schema;
        }
        break;
      case 'IDENTIFY':
        traits = mergeSchemas(traits, fieldSchemaFromJsonSchema(at(rule.jsonSchema, 'properties', 'traits')));
        break;
      case 'GROUP':
        groupTraits = mergeSchemas(groupTraits ?? {}, fieldSchemaFromJsonSchema(at(rule.jsonSchema, 'properties', 'traits')));
        break;
      case 'PAGE':
      case 'SCREEN':
        pageProperties = mergeSchemas(pageProperties ?? {}, fieldSchemaFromJsonSchema(at(rule.jsonSchema, 'properties', 'properties')));
        break;
      case 'COMMON':
        break;
    }
  }
  const top = (schema: FieldSchema): AllowedFields => {
    // The top level is an object schema: its keys are the allowed fields. An explicit
    // additionalProperties there is kept under the reserved key '*' (see toSchema).
    const map = { ...(schema.properties ?? {}) } as Record<string, FieldSchema>;
    if (schema.additionalProperties) map['*'] = schema.additionalProperties === true ? OPEN_SCHEMA : schema.additionalProperties;
    return map;
  };
  const eventMap: Record<string, AllowedFields> = {};
  for (const [name, schema] of Object.entries(events)) eventMap[name] = top(schema);
  return {
    events: eventMap,
    traits: top(traits),
    ...(groupTraits ? { groupTraits: top(groupTraits) } : {}),
    ...(pageProperties ? { pageProperties: top(pageProperties) } : {}),
  };
}

class PlanError extends Error {
  constructor(where: string, problem: string) {
    super(`plan.${where} ${problem}; fix: give a list of key names or a map of key → { properties, items, additionalProperties }`);
    this.name = 'PlanError';
  }
}

function checkSchema(value: unknown, where: string, depth = 0): FieldSchema {
  if (value === OPEN_SCHEMA) return OPEN_SCHEMA;
  if (!isObject(value) || depth > 32) throw new PlanError(where, 'is not a field schema');
  const out: FieldSchema = {};
  if (value.properties !== undefined) {
    if (!isObject(value.properties)) throw new PlanError(`${where}.properties`, 'is not an object');
    const properties = emptyMap();
    for (const [key, child] of Object.entries(value.properties)) properties[key] = checkSchema(child, `${where}.properties.${key}`, depth + 1);
    out.properties = properties;
  }
  if (value.items !== undefined) out.items = checkSchema(value.items, `${where}.items`, depth + 1);
  if (value.additionalProperties === true) out.additionalProperties = true;
  else if (value.additionalProperties !== undefined && value.additionalProperties !== false) out.additionalProperties = checkSchema(value.additionalProperties, `${where}.additionalProperties`, depth + 1);
  return out;
}

/** Adds one dotted name (`a.b[].c`) to an object schema under construction. */
function addPath(root: { properties?: Record<string, FieldSchema> }, name: string, where: string): void {
  const parts = name.split('.');
  let node: FieldSchema & { properties?: Record<string, FieldSchema> } = root;
  for (const part of parts) {
    const match = /^(.+?)((?:\[\])*)$/.exec(part);
    if (!match || match[1] === '' || match[1] === '[]') throw new PlanError(where, `has an empty key in "${name}"`);
    const properties = (node.properties ??= emptyMap());
    let child = (properties[match[1]!] ??= {}) as FieldSchema & { items?: FieldSchema };
    for (let arrays = match[2]!.length / 2; arrays > 0; arrays -= 1) child = (child.items ??= {}) as FieldSchema & { items?: FieldSchema };
    node = child;
  }
}

/** Any AllowedFields as one object schema. In a map, the key '*' stands for additionalProperties. */
export function toSchema(fields: AllowedFields, where: string): FieldSchema {
  if (Array.isArray(fields)) {
    const root: { properties?: Record<string, FieldSchema> } = { properties: emptyMap() };
    for (const name of fields as readonly unknown[]) {
      if (typeof name !== 'string') throw new PlanError(where, 'lists a key that is not a string');
      addPath(root, name, where);
    }
    return root;
  }
  if (!isObject(fields)) throw new PlanError(where, 'is neither a list nor a map');
  const properties = emptyMap();
  let additional: true | FieldSchema | undefined;
  for (const [key, child] of Object.entries(fields)) {
    const schema = checkSchema(child, `${where}.${key}`);
    if (key === '*') additional = schema === OPEN_SCHEMA ? true : schema;
    else properties[key] = schema;
  }
  return additional ? { properties, additionalProperties: additional } : { properties };
}

/** Validates a hand-written or derived allow-list and compiles it; throws one line naming the field. */
export function compileAllowList(plan: AllowList): CompiledAllowList {
  if (!isObject(plan) || !isObject(plan.events) || plan.traits === undefined) {
    throw new Error('plan must give events and traits; fix: build it with allowListFromRules(rules) or write { events: {...}, traits: [...] }');
  }
  const events = new Map<string, FieldSchema>();
  for (const [name, fields] of Object.entries(plan.events)) events.set(name, toSchema(fields, `events["${name}"]`));
  const integrations = new Map<string, FieldSchema>();
  for (const [name, fields] of Object.entries(plan.integrations ?? {})) integrations.set(name, toSchema(fields, `integrations["${name}"]`));
  return {
    events,
    traits: toSchema(plan.traits, 'traits'),
    ...(plan.groupTraits ? { groupTraits: toSchema(plan.groupTraits, 'groupTraits') } : {}),
    ...(plan.pageProperties ? { pageProperties: toSchema(plan.pageProperties, 'pageProperties') } : {}),
    alias: plan.alias !== false,
    integrations,
  };
}
