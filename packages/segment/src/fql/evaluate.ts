// Evaluates an FQL tree against one event, with FQL's documented null-safe semantics:
// missing paths are null, `=` needs the same type and strict equality, length(null) = 0,
// match(null, …) = false, contains(null, …) = false, typeof(null) = "null".
import type { FqlNode, Literal } from './ast.ts';

type Value = Literal | readonly unknown[] | Record<string, unknown>;

export function evaluateFql(node: FqlNode, event: unknown): boolean {
  return truthy(evaluate(node, event));
}

function evaluate(node: FqlNode, event: unknown): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'list':
      return node.items;
    case 'path':
      return lookup(event, node.segments);
    case 'not':
      return !truthy(evaluate(node.operand, event));
    case 'logical':
      return node.op === 'and'
        ? truthy(evaluate(node.left, event)) && truthy(evaluate(node.right, event))
        : truthy(evaluate(node.left, event)) || truthy(evaluate(node.right, event));
    case 'in': {
      const value = evaluate(node.left, event);
      return node.list.some((item) => strictEqual(value, item));
    }
    case 'compare':
      return compare(node.op, evaluate(node.left, event), evaluate(node.right, event));
    case 'call':
      return call(node.name, node.args.map((arg) => evaluate(arg, event)));
  }
}

function lookup(event: unknown, segments: readonly string[]): Value {
  let current: unknown = event;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return null;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined ? null : (current as Value);
}

// A bare value in boolean position: only `true` counts. FQL is typed; treating other
// values as false keeps a filter from matching more than it says.
function truthy(value: Value): boolean {
  return value === true;
}

function strictEqual(a: Value, b: Value): boolean {
  if (typeOf(a) !== typeOf(b)) return false;
  if (typeof a === 'object' && a !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function compare(op: string, a: Value, b: Value): boolean {
  if (op === '=') return strictEqual(a, b);
  if (op === '!=') return !strictEqual(a, b);
  const bothNumbers = typeof a === 'number' && typeof b === 'number';
  const bothStrings = typeof a === 'string' && typeof b === 'string';
  if (!bothNumbers && !bothStrings) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

export function typeOf(value: Value): 'string' | 'number' | 'list' | 'bool' | 'null' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return 'object';
}

function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function call(name: string, args: Value[]): Value {
  const [a, b] = args;
  switch (name) {
    case 'contains':
      return typeof a === 'string' && typeof b === 'string' ? a.includes(b) : false;
    case 'match':
      return typeof a === 'string' && typeof b === 'string' ? globMatches(a, b) : false;
    case 'length':
      if (typeof a === 'string' || Array.isArray(a)) return a.length;
      return a !== null && typeof a === 'object' ? Object.keys(a).length : 0;
    case 'lowercase':
      return typeof a === 'string' ? a.toLowerCase() : null;
    case 'uppercase':
      return typeof a === 'string' ? a.toUpperCase() : null;
    case 'snakecase':
      return typeof a === 'string' ? words(a).map((w) => w.toLowerCase()).join('_') : null;
    case 'kebabcase':
      return typeof a === 'string' ? words(a).map((w) => w.toLowerCase()).join('-') : null;
    case 'titlecase':
      return typeof a === 'string' ? words(a).map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join(' ') : null;
    case 'typeof':
      return typeOf(a ?? null);
    case 'bool':
      return a === true || a === 'true' || (typeof a === 'number' && a !== 0);
    case 'string':
      return a === null || a === undefined ? 'null' : typeof a === 'object' ? JSON.stringify(a) : String(a);
    case 'number': {
      const n = typeof a === 'number' ? a : typeof a === 'string' ? Number(a) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    default:
      return null;
  }
}

/**
 * FQL's match(): a full-string, case-sensitive glob with `*`, `?`, `[abc]`, `[a-z]` and
 * `\x`. Translated to a RegExp by hand because no glob library has exactly these rules.
 */
export function globMatches(value: string, pattern: string): boolean {
  return globToRegExp(pattern).test(value);
}

export function globToRegExp(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[i + 1]!);
      i += 1;
    } else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\').replace(/^!/, '^');
        out += `[${body}]`;
        i = close;
      }
    } else out += escapeRegExp(c);
  }
  return new RegExp(`${out}$`, 's');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
