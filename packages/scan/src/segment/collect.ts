// Collects a Segment workspace into the scanner's inventory, read-only, through the
// @chaperone/segment client. Every kind gets a collection record; a kind whose list or any
// of whose per-parent lists failed is recorded ok=false with one sanitized line, so the
// checks that need it say `unknown` instead of passing.
//
// What is kept: ids, names, flags, filter conditions and actions, mappings, queries and
// setting *names*. What is dropped: destination and warehouse settings (API keys and
// passwords), function code, write keys.
import { SegmentApiError, SegmentClient, SegmentGuardError, type ClientStats, type SegmentRegion } from '@chaperone/segment';
import type { Inventory, InventoryResource } from '../types.ts';
import { ALL_SEGMENT_KINDS, SEGMENT_KINDS as K, type SegmentKind } from './kinds.ts';
import { mapLimit } from './pool.ts';

export interface CollectSegmentOptions {
  token: string;
  baseUrl?: string;
  region?: SegmentRegion;
  /** Requests in flight at once, across the whole collection (default 4). */
  concurrency?: number;
  /** For tests: a fetch and a sleep to observe retries without waiting. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

type Json = Record<string, unknown>;

/** Account id used when the workspace itself could not be read. */
export const UNKNOWN_WORKSPACE = 'segment-workspace-unknown';

const FUNCTION_RESOURCE_TYPES = ['SOURCE', 'DESTINATION', 'INSERT_DESTINATION'] as const;

function describe(error: unknown): string {
  if (error instanceof SegmentApiError || error instanceof SegmentGuardError) return error.message;
  return `collection failed (${error instanceof Error ? error.name : 'error'})`;
}

function omit(obj: Json, ...keys: string[]): Json {
  return Object.fromEntries(Object.entries(obj).filter(([key]) => !keys.includes(key)));
}

export async function collectSegmentInventory(options: CollectSegmentOptions): Promise<Inventory> {
  return (await collectSegment(options)).inventory;
}

/**
 * `tokenRejected` is set when Segment answered the very first call (the workspace) with
 * 401: the token itself is wrong, which the CLI reports as a credential error.
 */
export async function collectSegment(options: CollectSegmentOptions): Promise<{ inventory: Inventory; stats: ClientStats; tokenRejected?: boolean }> {
  const client = new SegmentClient({
    token: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    maxInFlight: options.concurrency ?? 4,
    env: {},
  });
  const limit = options.concurrency ?? 4;
  const inventory: Inventory = { accounts: [], resources: [], collections: [] };

  let workspace: Json;
  try {
    workspace = ((await client.get<{ workspace: Json }>('/', { version: 'v1' })).workspace ?? {}) as Json;
    if (typeof workspace.id !== 'string') throw new SegmentApiError('Segment API GET /: response has no workspace id', 200, 'unexpected-shape');
  } catch (error) {
    // Without a workspace there is nothing to attribute resources to; every kind is unknown.
    const reason = describe(error);
    inventory.accounts.push({ platform: 'segment', sid: UNKNOWN_WORKSPACE, friendlyName: 'Segment workspace (not reachable)' });
    for (const kind of ALL_SEGMENT_KINDS) inventory.collections.push({ platform: 'segment', account: UNKNOWN_WORKSPACE, kind, ok: false, error: reason });
    const tokenRejected = error instanceof SegmentApiError && error.status === 401;
    return { inventory, stats: client.stats, ...(tokenRejected && { tokenRejected }) };
  }
  const account = workspace.id as string;
  inventory.accounts.push({ platform: 'segment', sid: account, ...(typeof workspace.name === 'string' ? { friendlyName: workspace.name } : {}) });

  const errors = new Map<SegmentKind, string>();
  const attempt = async <T>(kind: SegmentKind, job: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await job();
    } catch (error) {
      if (!errors.has(kind)) errors.set(kind, describe(error));
      return undefined;
    }
  };
  const add = (kind: SegmentKind, item: Json, extra: { parent?: string; friendlyName?: unknown; fields?: Json } = {}) => {
    const resource: InventoryResource = {
      platform: 'segment',
      kind,
      sid: String(item.id),
      account,
      fields: extra.fields ?? item,
    };
    const name = extra.friendlyName ?? item.name;
    if (typeof name === 'string' && name !== '') resource.friendlyName = name;
    if (extra.parent) resource.parent = extra.parent;
    inventory.resources.push(resource);
  };

  const sources = async () => {
    const list = await attempt(K.source, () => client.list<Json>('/sources', 'sources', { version: 'v1' }));
    if (!list) {
      errors.set(K.sourceSettings, errors.get(K.source)!);
      return;
    }
    for (const source of list) add(K.source, source, { fields: omit(source, 'writeKeys', 'settings') });
    await mapLimit(list, limit, async (source) => {
      const id = String(source.id);
      const data = await attempt(K.sourceSettings, () => client.get<{ settings: Json }>(`/sources/${encodeURIComponent(id)}/settings`, { version: 'v1' }));
      if (data) add(K.sourceSettings, { id, ...(data.settings ?? {}) }, { parent: id, friendlyName: source.name });
    });
  };

  const destinations = async () => {
    const list = await attempt(K.destination, () => client.list<Json>('/destinations', 'destinations', { version: 'v1' }));
    if (!list) {
      errors.set(K.destinationFilter, errors.get(K.destination)!);
      errors.set(K.destinationSubscription, errors.get(K.destination)!);
      return;
    }
    for (const destination of list) add(K.destination, destination, { fields: omit(destination, 'settings') });
    const retlSources = new Set(
      inventory.resources.filter((r) => r.kind === K.reverseEtlModel).map((m) => String(m.fields.sourceId)).concat(
        inventory.resources
          .filter((r) => r.kind === K.source && (((r.fields.metadata as Json | undefined)?.categories as unknown[] | undefined) ?? []).some((c) => String(c).toLowerCase() === 'warehouse'))
          .map((r) => r.sid),
      ),
    );
    // Subscriptions (mappings) exist only on Actions destinations, whose catalog slugs start
    // with "actions-"; Reverse ETL destinations are Actions destinations fed by a warehouse source.
    const hasSubscriptions = (d: Json) => String((d.metadata as Json | undefined)?.slug ?? '').startsWith('actions-') || retlSources.has(String(d.sourceId));
    await mapLimit(list, limit, async (destination) => {
      const id = encodeURIComponent(String(destination.id));
      const filters = await attempt(K.destinationFilter, () => client.list<Json>(`/destination/${id}/filters`, 'filters', { version: 'v1' }));
      for (const filter of filters ?? []) add(K.destinationFilter, filter, { parent: String(destination.id), friendlyName: filter.title });
      if (!hasSubscriptions(destination)) return;
      const subscriptions = await attempt(K.destinationSubscription, () => client.list<Json>(`/destinations/${id}/subscriptions`, 'subscriptions', { version: 'v1alpha' }));
      for (const subscription of subscriptions ?? []) add(K.destinationSubscription, { destinationId: destination.id, ...subscription }, { parent: String(destination.id) });
    });
  };

  const trackingPlans = async () => {
    const list = await attempt(K.trackingPlan, () => client.list<Json>('/tracking-plans', 'trackingPlans', { version: 'v1' }));
    if (!list) return;
    await mapLimit(list, limit, async (plan) => {
      const id = encodeURIComponent(String(plan.id));
      const planSources = await attempt(K.trackingPlan, () => client.list<Json>(`/tracking-plans/${id}/sources`, 'sources', { version: 'v1' }));
      const rules = await attempt(K.trackingPlan, () => client.list<Json>(`/tracking-plans/${id}/rules`, 'rules', { version: 'v1' }));
      if (planSources && rules) add(K.trackingPlan, { ...plan, sourceIds: planSources.map((s) => s.id), rules });
    });
  };

  const simpleList = async (kind: SegmentKind, path: string, key: string, version: 'v1' | 'v1alpha', strip: string[] = []) => {
    const list = await attempt(kind, () => client.list<Json>(path, key, { version }));
    for (const item of list ?? []) add(kind, item, { fields: omit(item, ...strip) });
  };

  const spaces = async () => {
    const spaceKinds = [K.computedTrait, K.profilesWarehouse, K.audience, K.activation];
    const list = await attempt(K.space, () => client.list<Json>('/spaces', 'spaces', { version: 'v1alpha' }));
    if (!list) {
      for (const kind of spaceKinds) errors.set(kind, errors.get(K.space)!);
      return;
    }
    await mapLimit(list, limit, async (space) => {
      add(K.space, space);
      const sid = String(space.id);
      const id = encodeURIComponent(sid);
      const traits = await attempt(K.computedTrait, () => client.list<Json>(`/spaces/${id}/computed-traits`, 'computedTraits', { version: 'v1alpha' }));
      for (const trait of traits ?? []) add(K.computedTrait, { spaceId: sid, ...trait }, { parent: sid });
      const warehouses = await attempt(K.profilesWarehouse, () => client.list<Json>(`/spaces/${id}/profiles-warehouses`, 'profilesWarehouses', { version: 'v1alpha' }));
      for (const warehouse of warehouses ?? []) add(K.profilesWarehouse, { spaceId: sid, ...omit(warehouse, 'settings') }, { parent: sid, friendlyName: (warehouse.metadata as Json | undefined)?.name });
      const audiences = await attempt(K.audience, () => client.list<Json>(`/spaces/${id}/audiences`, 'audiences', { version: 'v1alpha' }));
      if (!audiences) errors.set(K.activation, errors.get(K.audience)!);
      for (const audience of audiences ?? []) {
        add(K.audience, { spaceId: sid, ...audience }, { parent: sid });
        const aid = encodeURIComponent(String(audience.id));
        const activations = await attempt(K.activation, () => client.list<Json>(`/spaces/${id}/audiences/${aid}/activations`, 'activations', { version: 'v1alpha' }));
        for (const activation of activations ?? []) add(K.activation, { spaceId: sid, audienceId: audience.id, ...activation }, { parent: String(audience.id), friendlyName: activation.activationName });
      }
    });
  };

  const functions = async () => {
    for (const resourceType of FUNCTION_RESOURCE_TYPES) {
      const list = await attempt(K.function, () => client.list<Json>('/functions', 'functions', { version: 'v1', query: { resourceType } }));
      for (const fn of list ?? []) {
        const settings = Array.isArray(fn.settings) ? (fn.settings as Json[]).map((s) => ({ name: s.name, label: s.label, type: s.type, sensitive: s.sensitive })) : [];
        add(K.function, { ...omit(fn, 'code', 'settings'), settings }, { friendlyName: fn.displayName });
      }
    }
  };

  // Sources and models first (destinations need them to know which carry mappings); then the
  // independent areas side by side. The client bounds requests in flight across all of them.
  await Promise.all([sources(), simpleList(K.reverseEtlModel, '/reverse-etl-models', 'reverseEtlModels', 'v1alpha')]);
  await mapLimit(
    [
      destinations,
      trackingPlans,
      () => simpleList(K.warehouse, '/warehouses', 'warehouses', 'v1', ['settings']),
      spaces,
      functions,
      () => simpleList(K.regulation, '/regulations', 'regulations', 'v1'),
      () => simpleList(K.suppression, '/suppressions', 'suppressions', 'v1'),
    ],
    Math.max(1, Math.min(limit, 3)),
    (job) => job(),
  );

  for (const kind of ALL_SEGMENT_KINDS) {
    const error = errors.get(kind);
    inventory.collections.push({ platform: 'segment', account, kind, ok: !error, ...(error ? { error } : {}) });
  }
  return { inventory, stats: client.stats };
}
