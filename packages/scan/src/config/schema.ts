// JSON-Schema validation of chaperone.yaml (the same schema editors use through the
// `# yaml-language-server: $schema=` line), translated into one-line ConfigErrors.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';

const schemaPath = new URL('../../schema/chaperone.schema.json', import.meta.url);

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator() {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    // verbose: errors carry the failing value and its schema (descriptions become the fix text).
    compiled = new Ajv({ allErrors: false, verbose: true, strict: true }).compile(schema);
  }
  return compiled;
}

export interface SchemaProblem {
  /** Path segments of the offending node inside the document. */
  path: (string | number)[];
  /** Where to look for the line when it differs from `path` (an unknown key: its own line, not its parent's). */
  linePath?: (string | number)[];
  problem: string;
  fix?: string;
}

/** The first schema violation of `data`, or undefined when it conforms. */
export function schemaProblem(data: unknown): SchemaProblem | undefined {
  const validate = validator();
  if (validate(data)) return undefined;
  const error = validate.errors?.[0];
  return error ? describe(error) : { path: [], problem: 'does not match the chaperone.yaml schema' };
}

function segments(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping (key: value)',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/**
 * What kind of value was found, never the value itself: a config line may hold a pasted
 * token, and `--config /etc/shadow` must not print the file's first line.
 */
function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return typeof value;
}

function description(schema: unknown): string | undefined {
  return schema && typeof schema === 'object' && 'description' in schema ? String(schema.description) : undefined;
}

function describe(error: ErrorObject): SchemaProblem {
  const path = segments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const parent = error.parentSchema as { properties?: Record<string, unknown>; description?: string } | undefined;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const hint = description(parent?.properties?.[key]);
      return { path, problem: `missing "${key}"`, fix: `add ${key}${hint ? ` (${hint})` : ''}` };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const valid = Object.keys(parent?.properties ?? {});
      const near = valid.find((v) => v.toLowerCase().startsWith(key.toLowerCase()) || key.toLowerCase().startsWith(v.toLowerCase()));
      // The path names the parent, the line the key: the key itself is not echoed (it may be a pasted secret).
      return { path, linePath: [...path, key], problem: `${path.length ? 'has' : 'the top level has'} a key that is not one of its keys (the key is not shown: it may be a pasted secret)`, fix: `${near ? `did you mean ${near}? ` : ''}valid keys: ${valid.join(', ')}` };
    }
    case 'type': {
      const expected = String(params.type);
      return { path, problem: `must be ${TYPE_NAMES[expected] ?? expected}, not ${kindOf(error.data)}`, fix: description(parent) ? `write ${description(parent)}` : undefined };
    }
    case 'pattern':
      return { path, problem: 'is not valid', fix: `write ${description(parent) ?? `text matching ${String(params.pattern)}`}` };
    case 'minLength':
      return { path, problem: 'is empty', fix: `write ${description(parent) ?? 'a value'}` };
    case 'minItems':
      return { path, problem: 'is an empty list', fix: 'list at least one item, or remove the key' };
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      return { path: [...path, later], problem: `repeats item ${Math.min(Number(params.i), Number(params.j))}`, fix: 'remove the duplicate' };
    }
    default:
      return { path, problem: error.message ?? 'does not match the schema', fix: description(parent) ? `write ${description(parent)}` : undefined };
  }
}
