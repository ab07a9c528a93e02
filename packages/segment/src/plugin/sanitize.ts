// The decision core of the tracking-plan guard, pure and synchronous: given an event and
// the compiled policy, return the event that may leave (or null) and the decisions taken.
// Decisions carry control ids, event types, planned event names and field paths, never values.
import { detectPhi, scanJson, type PhiType } from '@chaperone/phi';
import type { ControlId } from '@chaperone/controls';
import { isPhiFieldName } from '../phi-fields.ts';
import { OPEN_SCHEMA, type CompiledAllowList, type FieldSchema } from './allow-list.ts';
import { encryptField, hmacField } from './crypto.ts';

export type FieldProtection = 'keep' | 'drop' | 'hash' | 'encrypt';

export interface GuardDecision {
  control: Extract<ControlId, 'SEG-PROTOCOLS-PLAN' | 'SEG-SCHEMA-CONTROLS' | 'SEG-DEST-FILTERS'>;
  action: 'drop-event' | 'remove' | 'drop' | 'hash' | 'encrypt';
  type: string;
  /** The event name, only when it is in the plan (an unplanned name may itself carry PHI). */
  event?: string;
  field?: string;
  phiType?: PhiType | 'FIELD_NAME';
  reason?: string;
}

export interface CompiledPolicy {
  plan: CompiledAllowList;
  fields: Readonly<Record<string, FieldProtection>>;
  onPhi: Exclude<FieldProtection, 'keep'>;
  ids: 'hash' | 'keep';
  hashKey?: Buffer;
  encryptionKey?: Buffer;
}

type Json = Record<string, unknown>;

export interface SanitizeResult {
  event: Json | null;
  decisions: GuardDecision[];
}

const ID_FIELDS = ['userId', 'anonymousId', 'groupId', 'previousId'] as const;
// Deeper than any tracking plan goes; a cyclic or absurdly deep event is refused, not walked.
const MAX_DEPTH = 32;
/** Marks a value the guard removed, as distinct from a planned `undefined`. */
const REMOVED: unique symbol = Symbol('removed');

function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
// Context keys analytics-node itself fills: library name/version, never user data.
const CONTEXT_SAFE = new Set(['library']);

/** The first PHI type a value carries, judged by @chaperone/phi; numbers and booleans are read as text. */
function phiIn(value: unknown): PhiType | undefined {
  if (value === null || value === undefined || typeof value === 'boolean') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return detectPhi(String(value))[0]?.type;
  return scanJson(value)[0]?.type;
}

export function sanitizeEvent(input: Json, policy: CompiledPolicy): SanitizeResult {
  const decisions: GuardDecision[] = [];
  const type = String(input.type);
  const event: Json = { ...input };
  const dropEvent = (control: GuardDecision['control'], reason: string): SanitizeResult => ({ event: null, decisions: [...decisions, { control, action: 'drop-event', type, reason }] });

  const protect = (value: unknown, protection: Exclude<FieldProtection, 'keep'>): unknown => {
    if (protection === 'hash') return hmacField(value, policy.hashKey!);
    if (protection === 'encrypt') return encryptField(value, policy.encryptionKey!);
    return undefined;
  };

  /** How a key may appear in decisions: its name if it reads as a plain identifier without PHI, else a placeholder. */
  const label = (key: string): string => (/^[A-Za-z_$][\w$-]{0,63}$/.test(key) && !phiIn(key) ? key : '[key]');
  const removed = (field: string, reason: string, planned: string | undefined): void => {
    decisions.push({ control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type, field, reason, ...(planned ? { event: planned } : {}) });
  };

  /**
   * Keeps only the keys `schema` allows, at every depth, then protects PHI in what is left.
   * `trusted` is set under a field rule `keep`: structure is still enforced, PHI is not judged.
   */
  const filterObject = (object: unknown, schema: FieldSchema, prefix: string, planned: string | undefined, trusted = false, depth = 0): Json | undefined => {
    if (object === undefined || object === null) return undefined;
    if (!isPlainObject(object)) {
      removed(prefix, 'not an object', planned);
      return undefined;
    }
    if (depth > MAX_DEPTH) throw new Error('event nested too deep');
    const out: Json = {};
    for (const [key, value] of Object.entries(object)) {
      const declared = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      const additional = schema.additionalProperties === true ? OPEN_SCHEMA : schema.additionalProperties;
      const child = declared ?? additional;
      if (!child) {
        removed(`${prefix}.${label(key)}`, 'not in the tracking plan', planned);
        continue;
      }
      // A key the plan allows only through additionalProperties is free text: it may itself be PHI.
      if (!declared && !trusted && phiIn(key)) {
        removed(`${prefix}.[key]`, 'key reads as PHI', planned);
        continue;
      }
      // A free key (allowed by additionalProperties) is labelled in paths, as decisions may be logged.
      const kept = protectValue(value, child, `${prefix}.${declared ? key : label(key)}`, key, planned, trusted, depth + 1);
      if (kept !== REMOVED) out[key] = kept;
    }
    return out;
  };

  /** One allowed value: its field rule, PHI by name or content, and its nested keys or elements. */
  const protectValue = (raw: unknown, schema: FieldSchema, field: string, key: string | undefined, planned: string | undefined, trusted: boolean, depth: number): unknown => {
    // Dates and other toJSON objects leave as their JSON form; judge that form.
    const value = raw !== null && typeof raw === 'object' && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON: () => unknown }).toJSON() : raw;
    const base = { type, field, ...(planned ? { event: planned } : {}) };
    const rule = policy.fields[field] ?? (key !== undefined ? policy.fields[key] : undefined);
    const structure = (phiOff: boolean): unknown => {
      if (Array.isArray(value)) {
        if (!schema.items) {
          removed(`${field}[]`, 'array items not in the tracking plan', planned);
          return REMOVED;
        }
        const elements: unknown[] = [];
        for (const element of value) {
          const kept = protectValue(element, schema.items, `${field}[]`, undefined, planned, phiOff, depth + 1);
          if (kept !== REMOVED) elements.push(kept);
        }
        return elements;
      }
      if (value !== null && typeof value === 'object') return filterObject(value, schema, field, planned, phiOff, depth) ?? REMOVED;
      return value;
    };
    if (rule === 'keep' || trusted) return structure(true);
    const byName = key !== undefined && isPhiFieldName(key);
    const protection = rule ?? (byName ? policy.onPhi : undefined);
    if (protection) {
      // The whole value is protected, but only what the plan allows goes into the hash or cipher.
      const shaped = structure(true);
      if (shaped === REMOVED) return REMOVED;
      decisions.push({ control: 'SEG-DEST-FILTERS', action: protection, ...base, ...(rule ? {} : { phiType: 'FIELD_NAME' as const }), reason: rule ? 'field rule' : 'PHI detected' });
      return protection === 'drop' ? REMOVED : protect(shaped, protection);
    }
    if (value !== null && typeof value === 'object') return structure(false);
    const phiType = phiIn(value);
    if (!phiType) return value;
    decisions.push({ control: 'SEG-DEST-FILTERS', action: policy.onPhi, ...base, phiType, reason: 'PHI detected' });
    return policy.onPhi === 'drop' ? REMOVED : protect(value, policy.onPhi);
  };

  /**
   * `integrations` is caller input that analytics-node forwards as is: destination on/off
   * switches and per-destination options. Booleans pass; options pass only as far as
   * plan.integrations allows them for that destination (with PHI handling); anything else goes.
   */
  const filterIntegrations = (integrations: unknown, planned: string | undefined): Json | undefined => {
    if (integrations === undefined || integrations === null) return undefined;
    if (!isPlainObject(integrations)) {
      removed('integrations', 'not an object', planned);
      return undefined;
    }
    const out: Json = {};
    for (const [destination, value] of Object.entries(integrations)) {
      if (phiIn(destination)) {
        removed('integrations.[key]', 'destination name reads as PHI', planned);
        continue;
      }
      const name = label(destination);
      if (typeof value === 'boolean') {
        out[destination] = value;
        continue;
      }
      const schema = policy.plan.integrations.get(destination);
      if (!schema || !isPlainObject(value)) {
        removed(`integrations.${name}`, 'integration options not in the tracking plan', planned);
        continue;
      }
      out[destination] = filterObject(value, schema, `integrations.${name}`, planned);
    }
    return out;
  };

  let planned: string | undefined;
  switch (type) {
    case 'track': {
      const name = event.event;
      const allowed = typeof name === 'string' ? policy.plan.events.get(name) : undefined;
      if (!allowed) return dropEvent('SEG-PROTOCOLS-PLAN', 'track event not in the tracking plan');
      planned = String(name);
      event.properties = filterObject(event.properties, allowed, 'properties', planned) ?? {};
      break;
    }
    case 'identify':
      event.traits = filterObject(event.traits, policy.plan.traits, 'traits', undefined) ?? {};
      break;
    case 'group':
      if (!policy.plan.groupTraits) return dropEvent('SEG-PROTOCOLS-PLAN', 'group calls are not in the tracking plan');
      event.traits = filterObject(event.traits, policy.plan.groupTraits, 'traits', undefined) ?? {};
      break;
    case 'page':
    case 'screen':
      if (!policy.plan.pageProperties) return dropEvent('SEG-PROTOCOLS-PLAN', `${type} calls are not in the tracking plan`);
      for (const key of ['name', 'category']) {
        if (phiIn(event[key])) return dropEvent('SEG-DEST-FILTERS', `${type} ${key} carries PHI`);
      }
      event.properties = filterObject(event.properties, policy.plan.pageProperties, 'properties', undefined) ?? {};
      break;
    case 'alias':
      if (!policy.plan.alias) return dropEvent('SEG-PROTOCOLS-PLAN', 'alias calls are not in the tracking plan');
      break;
    default:
      return dropEvent('SEG-PROTOCOLS-PLAN', 'unknown event type');
  }
  // Track and page calls carry no top-level traits; identify and group carry no properties.
  if (type === 'track' || type === 'page' || type === 'screen' || type === 'alias') {
    if (event.traits !== undefined) decisions.push({ control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type, field: 'traits', ...(planned ? { event: planned } : {}) });
    delete event.traits;
  }
  if (type === 'identify' || type === 'group' || type === 'alias') {
    if (event.properties !== undefined) decisions.push({ control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type, field: 'properties' });
    delete event.properties;
  }

  if (event.context !== undefined) {
    const context: Json = { ...(event.context as Json) };
    if (context.traits !== undefined) {
      const traits = filterObject(context.traits, policy.plan.traits, 'context.traits', planned);
      if (traits) context.traits = traits;
      else delete context.traits;
    }
    for (const [key, value] of Object.entries(context)) {
      if (CONTEXT_SAFE.has(key) || key === 'traits') continue;
      const phiType = phiIn(value);
      if (!phiType) continue;
      decisions.push({ control: 'SEG-DEST-FILTERS', action: policy.onPhi, type, field: `context.${label(key)}`, phiType, reason: 'PHI detected', ...(planned ? { event: planned } : {}) });
      if (policy.onPhi === 'drop') delete context[key];
      else context[key] = protect(value, policy.onPhi);
    }
    event.context = context;
  }

  if (event.integrations !== undefined) {
    const integrations = filterIntegrations(event.integrations, planned);
    if (integrations) event.integrations = integrations;
    else delete event.integrations;
  }

  if (policy.ids === 'hash') {
    for (const id of ID_FIELDS) {
      const value = event[id];
      if (value === undefined || value === null) continue;
      const phiType = phiIn(value);
      if (!phiType) continue;
      if (!policy.hashKey) return dropEvent('SEG-DEST-FILTERS', `${id} carries PHI and no hashKey is configured`);
      event[id] = hmacField(value, policy.hashKey);
      decisions.push({ control: 'SEG-DEST-FILTERS', action: 'hash', type, field: id, phiType, reason: 'PHI detected', ...(planned ? { event: planned } : {}) });
    }
  }
  return { event, decisions };
}
