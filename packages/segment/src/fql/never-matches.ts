// "Never matches" heuristics for destination-filter conditions: a conservative static
// check. It answers only when it can prove the condition is unsatisfiable for every event
// the workspace can send (unknown event type, event name outside the tracking plan,
// contradictory equalities, comparisons between literals); otherwise it says nothing.
// Reasons quote only event types and event names (schema), never other literals.
import type { FqlNode, Literal } from './ast.ts';
import { evaluateFql, globMatches } from './evaluate.ts';

export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
const TYPEOF_NAMES = new Set(['string', 'number', 'list', 'bool', 'null']);

export interface MatchUniverse {
  /** Track event names the source can send (its tracking plan); undefined when unknown. */
  eventNames?: readonly string[];
}

/** A one-line reason the condition can never match, or undefined when it may match. */
export function neverMatches(node: FqlNode, universe: MatchUniverse = {}): string | undefined {
  return unsatisfiable(node, universe);
}

function unsatisfiable(node: FqlNode, universe: MatchUniverse): string | undefined {
  switch (node.kind) {
    case 'literal':
      return node.value === true ? undefined : `the condition is the constant ${JSON.stringify(node.value)}`;
    case 'logical': {
      if (node.op === 'or') {
        const left = unsatisfiable(node.left, universe);
        const right = left && unsatisfiable(node.right, universe);
        return left && right ? `${left}; and ${right}` : undefined;
      }
      return (
        unsatisfiable(node.left, universe) ??
        unsatisfiable(node.right, universe) ??
        contradiction(conjuncts(node))
      );
    }
    case 'compare':
    case 'in':
      return impossibleComparison(node, universe);
    case 'call':
      return node.name === 'match' ? globNever(node, universe) : undefined;
    case 'path':
      return undefined;
    case 'not':
      // Only a constant can be proven here; anything else might match.
      if (!mentionsPath(node.operand)) return evaluateFql(node, {}) ? undefined : 'the negated condition is always true';
      return undefined;
    case 'list':
      return 'a list is not a condition';
  }
}

function conjuncts(node: FqlNode): FqlNode[] {
  if (node.kind === 'logical' && node.op === 'and') return [...conjuncts(node.left), ...conjuncts(node.right)];
  return [node];
}

function pathKey(node: FqlNode): string | undefined {
  return node.kind === 'path' ? node.segments.join('.') : undefined;
}

/** `x = 'a' and x = 'b'`: two equalities on one path with different literals. */
function contradiction(parts: FqlNode[]): string | undefined {
  const seen = new Map<string, Literal>();
  for (const part of parts) {
    if (part.kind !== 'compare' || part.op !== '=') continue;
    const key = pathKey(part.left);
    if (!key || part.right.kind !== 'literal') continue;
    const prior = seen.get(key);
    if (seen.has(key) && prior !== part.right.value) {
      // Values are not quoted: a filter literal may itself be PHI (e.g. an email address).
      return `${key} cannot equal two different values`;
    }
    seen.set(key, part.right.value);
  }
  return undefined;
}

function mentionsPath(node: FqlNode): boolean {
  switch (node.kind) {
    case 'path':
      return true;
    case 'literal':
    case 'list':
      return false;
    case 'not':
      return mentionsPath(node.operand);
    case 'logical':
    case 'compare':
      return mentionsPath(node.left) || mentionsPath(node.right);
    case 'in':
      return mentionsPath(node.left);
    case 'call':
      return node.args.some(mentionsPath);
  }
}

function impossibleComparison(node: Extract<FqlNode, { kind: 'compare' | 'in' }>, universe: MatchUniverse): string | undefined {
  if (!mentionsPath(node)) {
    return evaluateFql(node, {}) ? undefined : 'the condition compares constants and is always false';
  }
  const candidates: Literal[] | undefined =
    node.kind === 'in'
      ? node.list
      : node.op === '=' && node.right.kind === 'literal'
        ? [node.right.value]
        : undefined;
  const key = pathKey(node.left);
  if (candidates && key === 'type') {
    const valid = candidates.filter((c) => typeof c === 'string' && (EVENT_TYPES as readonly string[]).includes(c));
    if (valid.length === 0) return `type is never ${candidates.map((c) => JSON.stringify(c)).join(' or ')}`;
  }
  if (candidates && key === 'event' && universe.eventNames) {
    const names = universe.eventNames;
    if (!candidates.some((c) => typeof c === 'string' && names.includes(c))) {
      return `event ${candidates.map((c) => JSON.stringify(c)).join(' or ')} is not in the tracking plan`;
    }
  }
  if (
    node.kind === 'compare' &&
    node.op === '=' &&
    node.left.kind === 'call' &&
    node.left.name === 'typeof' &&
    node.right.kind === 'literal' &&
    !(typeof node.right.value === 'string' && TYPEOF_NAMES.has(node.right.value))
  ) {
    return `typeof() never returns ${JSON.stringify(node.right.value)}`;
  }
  if (
    node.kind === 'compare' &&
    node.op === '=' &&
    node.left.kind === 'call' &&
    node.left.name === 'match' &&
    node.right.kind === 'literal' &&
    node.right.value === true
  ) {
    return globNever(node.left, universe);
  }
  return undefined;
}

function globNever(call: Extract<FqlNode, { kind: 'call' }>, universe: MatchUniverse): string | undefined {
  const [subject, pattern] = call.args;
  if (!subject || !pattern || pathKey(subject) !== 'event' || pattern.kind !== 'literal' || typeof pattern.value !== 'string') return undefined;
  const glob = pattern.value;
  if (universe.eventNames && !universe.eventNames.some((name) => globMatches(name, glob))) {
    return `no planned event matches ${JSON.stringify(glob)}`;
  }
  return undefined;
}
