// A tracking plan as an allow-list: which events may leave and which property and trait
// keys each may carry. Built from Protocols rules (the same JSON Schema the Public API
// returns) or written by hand.
import type { RuleV1 } from '../api/types.ts';

export interface AllowList {
  /** Track events by exact name → allowed property keys. */
  events: Record<string, readonly string[]>;
  /** Identify traits (also applied to `context.traits`). */
  traits: readonly string[];
  /** Group traits; when undefined, group calls are not planned and are dropped. */
  groupTraits?: readonly string[];
  /** Page and screen calls: allowed property keys; when undefined, they are dropped. */
  pageProperties?: readonly string[];
  /** Alias calls carry only ids; allowed unless false. */
  alias?: boolean;
}

type Json = Record<string, unknown>;

function keysAt(schema: unknown, ...path: string[]): string[] {
  let node: unknown = schema;
  for (const key of path) {
    if (!node || typeof node !== 'object') return [];
    node = (node as Json)[key];
  }
  return node && typeof node === 'object' ? Object.keys(node as Json) : [];
}

/** Derives the allow-list from tracking-plan rules (TRACK, IDENTIFY, GROUP, PAGE, SCREEN). */
export function allowListFromRules(rules: readonly RuleV1[]): AllowList {
  const events: Record<string, string[]> = {};
  const traits = new Set<string>();
  let groupTraits: Set<string> | undefined;
  let pageProperties: Set<string> | undefined;
  for (const rule of rules) {
    if (rule.deprecatedAt) continue;
    switch (rule.type) {
      case 'TRACK':
        if (rule.key) events[rule.key] = [...new Set([...(events[rule.key] ?? []), ...keysAt(rule.jsonSchema, 'properties', 'properties', 'properties')])];
        break;
      case 'IDENTIFY':
        for (const key of keysAt(rule.jsonSchema, 'properties', 'traits', 'properties')) traits.add(key);
        break;
      case 'GROUP':
        groupTraits ??= new Set();
        for (const key of keysAt(rule.jsonSchema, 'properties', 'traits', 'properties')) groupTraits.add(key);
        break;
      case 'PAGE':
      case 'SCREEN':
        pageProperties ??= new Set();
        for (const key of keysAt(rule.jsonSchema, 'properties', 'properties', 'properties')) pageProperties.add(key);
        break;
      case 'COMMON':
        break;
    }
  }
  return {
    events,
    traits: [...traits],
    ...(groupTraits ? { groupTraits: [...groupTraits] } : {}),
    ...(pageProperties ? { pageProperties: [...pageProperties] } : {}),
  };
}
