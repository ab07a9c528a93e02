// The decision core of the tracking-plan guard, pure and synchronous: given an event and
// the compiled policy, return the event that may leave (or null) and the decisions taken.
// Decisions carry control ids, event types, planned event names and field paths, never values.
import { detectPhi, scanJson, type PhiType } from '@chaperone/phi';
import type { ControlId } from '@chaperone/controls';
import { isPhiFieldName } from '../phi-fields.ts';
import type { AllowList } from './allow-list.ts';
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
  plan: AllowList;
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

  /** Keeps only allowed keys, then protects PHI in what is left. */
  const filterObject = (object: unknown, allowed: readonly string[], prefix: string, planned?: string): Json | undefined => {
    if (object === undefined || object === null) return undefined;
    if (typeof object !== 'object' || Array.isArray(object)) {
      decisions.push({ control: 'SEG-SCHEMA-CONTROLS', action: 'remove', type, field: prefix, reason: 'not an object', ...(planned ? { event: planned } : {}) });
      return undefined;
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(object as Json)) {
      const field = `${prefix}.${key}`;
      const base = { type, field, ...(planned ? { event: planned } : {}) };
      if (!allowed.includes(key)) {
        decisions.push({ control: 'SEG-SCHEMA-CONTROLS', action: 'remove', ...base, reason: 'not in the tracking plan' });
        continue;
      }
      const rule = policy.fields[field] ?? policy.fields[key];
      if (rule === 'keep') {
        out[key] = value;
        continue;
      }
      const phiType = rule ? undefined : (phiIn(value) ?? (isPhiFieldName(key) ? 'FIELD_NAME' : undefined));
      const protection = rule ?? (phiType ? policy.onPhi : undefined);
      if (!protection) {
        out[key] = value;
        continue;
      }
      decisions.push({ control: 'SEG-DEST-FILTERS', action: protection, ...base, ...(phiType ? { phiType } : {}), reason: rule ? 'field rule' : 'PHI detected' });
      if (protection !== 'drop') out[key] = protect(value, protection);
    }
    return out;
  };

  let planned: string | undefined;
  switch (type) {
    case 'track': {
      const name = event.event;
      const allowed = typeof name === 'string' ? policy.plan.events[name] : undefined;
      if (!allowed || !Object.prototype.hasOwnProperty.call(policy.plan.events, String(name))) return dropEvent('SEG-PROTOCOLS-PLAN', 'track event not in the tracking plan');
      planned = String(name);
      event.properties = filterObject(event.properties, allowed, 'properties', planned) ?? {};
      break;
    }
    case 'identify':
      event.traits = filterObject(event.traits, policy.plan.traits, 'traits') ?? {};
      break;
    case 'group':
      if (!policy.plan.groupTraits) return dropEvent('SEG-PROTOCOLS-PLAN', 'group calls are not in the tracking plan');
      event.traits = filterObject(event.traits, policy.plan.groupTraits, 'traits') ?? {};
      break;
    case 'page':
    case 'screen':
      if (!policy.plan.pageProperties) return dropEvent('SEG-PROTOCOLS-PLAN', `${type} calls are not in the tracking plan`);
      for (const key of ['name', 'category']) {
        if (phiIn(event[key])) return dropEvent('SEG-DEST-FILTERS', `${type} ${key} carries PHI`);
      }
      event.properties = filterObject(event.properties, policy.plan.pageProperties, 'properties') ?? {};
      break;
    case 'alias':
      if (policy.plan.alias === false) return dropEvent('SEG-PROTOCOLS-PLAN', 'alias calls are not in the tracking plan');
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
      decisions.push({ control: 'SEG-DEST-FILTERS', action: policy.onPhi, type, field: `context.${key}`, phiType, reason: 'PHI detected', ...(planned ? { event: planned } : {}) });
      if (policy.onPhi === 'drop') delete context[key];
      else context[key] = protect(value, policy.onPhi);
    }
    event.context = context;
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
