// A per-workspace view of the inventory that the Segment checks share: lookups by id and
// the judgements several controls need (is a source PHI-bearing, is a vendor under BAA,
// which destination filters actually take effect).
import { isPhiFieldName, neverMatches, tryParseFql, type FqlNode } from '@chaperone/segment';
import type { Inventory, InventoryResource } from '../types.ts';
import { SEGMENT_KINDS as K } from './kinds.ts';

type Json = Record<string, unknown>;

export interface WorkspaceView {
  account: string;
  sources: InventoryResource[];
  sourceById: Map<string, InventoryResource>;
  settingsBySource: Map<string, Json>;
  destinations: InventoryResource[];
  destinationById: Map<string, InventoryResource>;
  filtersByDestination: Map<string, InventoryResource[]>;
  subscriptions: InventoryResource[];
  plansBySource: Map<string, InventoryResource[]>;
  models: InventoryResource[];
  /**
   * Sources that feed Reverse ETL models (warehouse sources, not event streams): those a
   * model names, and any source of the catalog category Warehouse, so the event-stream
   * checks do not depend on the (alpha) Reverse ETL endpoint.
   */
  retlSourceIds: Set<string>;
  resources(kind: string): InventoryResource[];
}

export function workspaceViews(inventory: Inventory): WorkspaceView[] {
  return inventory.accounts
    .filter((a) => a.platform === 'segment')
    .map((account) => {
      const mine = inventory.resources.filter((r) => r.platform === 'segment' && r.account === account.sid);
      const of = (kind: string) => mine.filter((r) => r.kind === kind);
      const group = (kind: string, key: (r: InventoryResource) => string | undefined) => {
        const map = new Map<string, InventoryResource[]>();
        for (const r of of(kind)) {
          const k = key(r);
          if (k === undefined) continue;
          map.set(k, [...(map.get(k) ?? []), r]);
        }
        return map;
      };
      const plansBySource = new Map<string, InventoryResource[]>();
      for (const plan of of(K.trackingPlan)) {
        for (const sourceId of (plan.fields.sourceIds as string[] | undefined) ?? []) plansBySource.set(sourceId, [...(plansBySource.get(sourceId) ?? []), plan]);
      }
      const sources = of(K.source);
      const destinations = of(K.destination);
      const models = of(K.reverseEtlModel);
      return {
        account: account.sid,
        sources,
        sourceById: new Map(sources.map((s) => [s.sid, s])),
        settingsBySource: new Map(of(K.sourceSettings).map((s) => [s.sid, s.fields])),
        destinations,
        destinationById: new Map(destinations.map((d) => [d.sid, d])),
        filtersByDestination: group(K.destinationFilter, (f) => String(f.fields.destinationId ?? f.parent)),
        subscriptions: of(K.destinationSubscription),
        plansBySource,
        models,
        retlSourceIds: new Set([...models.map((m) => String(m.fields.sourceId)), ...sources.filter(isWarehouseSource).map((s) => s.sid)]),
        resources: of,
      };
    });
}

function isWarehouseSource(source: InventoryResource): boolean {
  const categories = ((source.fields.metadata as Json | undefined)?.categories as unknown[] | undefined) ?? [];
  return categories.some((c) => String(c).toLowerCase() === 'warehouse');
}

/** Sources carry PHI unless labelled `phi: false` (unknown is never safe). */
export function isPhiSource(source: InventoryResource | undefined): boolean {
  if (!source) return true;
  const labels = (source.fields.labels as { key?: string; value?: string }[] | undefined) ?? [];
  return !labels.some((l) => l.key?.toLowerCase() === 'phi' && ['false', 'no', 'none'].includes(String(l.value).toLowerCase()));
}

export function vendorName(resource: InventoryResource): string {
  const metadata = (resource.fields.metadata as Json | undefined) ?? {};
  return String(metadata.name ?? metadata.slug ?? 'unknown vendor');
}

/** A vendor is covered when its catalog name or slug matches a chaperone.yaml `baaVendors` entry. */
export function isBaaVendor(resource: InventoryResource, baaVendors: readonly string[]): boolean {
  const metadata = (resource.fields.metadata as Json | undefined) ?? {};
  const name = String(metadata.name ?? '').toLowerCase().trim();
  const slug = String(metadata.slug ?? '').toLowerCase().trim();
  return baaVendors.some((raw) => {
    const vendor = raw.toLowerCase().trim();
    return vendor !== '' && (name === vendor || name.startsWith(`${vendor} `) || slug === vendor);
  });
}

export function planEventNames(plans: readonly InventoryResource[]): string[] | undefined {
  if (plans.length === 0) return undefined;
  const names: string[] = [];
  for (const plan of plans) {
    for (const rule of (plan.fields.rules as { type?: string; key?: string }[] | undefined) ?? []) {
      if (rule.type === 'TRACK' && typeof rule.key === 'string') names.push(rule.key);
    }
  }
  return names;
}

export interface FilterAction {
  type: string;
  fields?: Record<string, string[]>;
}

export interface FilterJudgement {
  filter: InventoryResource;
  enabled: boolean;
  ast?: FqlNode;
  parseError?: string;
  never?: string;
  actions: FilterAction[];
}

export function judgeFilter(view: WorkspaceView, filter: InventoryResource): FilterJudgement {
  const parsed = tryParseFql(String(filter.fields.if ?? ''));
  const actions = ((filter.fields.actions as FilterAction[] | undefined) ?? []).filter((a) => a && typeof a.type === 'string');
  const base = { filter, enabled: filter.fields.enabled === true, actions };
  if (!parsed.ok) return { ...base, parseError: parsed.error };
  const eventNames = planEventNames(view.plansBySource.get(String(filter.fields.sourceId)) ?? []);
  const never = neverMatches(parsed.ast, eventNames ? { eventNames } : {});
  return { ...base, ast: parsed.ast, ...(never ? { never } : {}) };
}

const FIELD_ACTIONS = new Set(['DROP_PROPERTIES', 'ALLOW_PROPERTIES']);

export function fieldList(fields: Record<string, string[]> | undefined): string[] {
  return Object.entries(fields ?? {}).flatMap(([path, keys]) => keys.map((k) => (path ? `${path}.${k}` : k)));
}

/** Filters that run and limit what passes: enabled, parseable, able to match, with a field or drop action. */
export function effectiveFilters(view: WorkspaceView, destinationId: string): FilterJudgement[] {
  return (view.filtersByDestination.get(destinationId) ?? [])
    .map((f) => judgeFilter(view, f))
    .filter((j) => j.enabled && j.ast && !j.never && j.actions.some((a) => FIELD_ACTIONS.has(a.type) || a.type === 'DROP'));
}

/** An always-on allow-list whose allowed fields carry no PHI-named key: PHI cannot pass it. */
export function phiFreeAllowList(view: WorkspaceView, destinationId: string): string[] | undefined {
  for (const judgement of effectiveFilters(view, destinationId)) {
    const always = judgement.ast?.kind === 'literal' && judgement.ast.value === true;
    if (!always) continue;
    for (const action of judgement.actions) {
      if (action.type !== 'ALLOW_PROPERTIES') continue;
      const allowed = fieldList(action.fields);
      if (!allowed.some(isPhiFieldName)) return allowed;
    }
  }
  return undefined;
}

/** Why a destination may receive PHI it should not: no BAA and no PHI-free allow-list. Undefined when safe. */
export function destinationBaaGap(view: WorkspaceView, destination: InventoryResource, baaVendors: readonly string[]): string | undefined {
  if (destination.fields.enabled !== true) return undefined;
  if (isBaaVendor(destination, baaVendors)) return undefined;
  if (phiFreeAllowList(view, destination.sid)) return undefined;
  return `${vendorName(destination)} is not on the BAA vendor list and no always-on ALLOW_PROPERTIES filter keeps PHI out`;
}
