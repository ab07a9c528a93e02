// Validates the `segment:` value of a twin fixture. Every error names the file, the path
// inside it and the fix (FixtureError), so a person can correct the YAML without a stack trace.
import { FixtureError } from '../errors.ts';

type Obj = Record<string, unknown>;

export interface SegmentFixture {
  token: string;
  workspace: Obj & { id: string };
  sources: (Obj & { id: string; schemaSettings: Obj })[];
  destinations: (Obj & { id: string; sourceId: string; filters: (Obj & { id: string })[]; subscriptions: (Obj & { id: string })[] })[];
  trackingPlans: (Obj & { id: string; sources: string[]; rules: Obj[] })[];
  reverseEtlModels: (Obj & { id: string })[];
  warehouses: (Obj & { id: string })[];
  spaces: (Obj & {
    id: string;
    computedTraits: (Obj & { id: string })[];
    profilesWarehouses: (Obj & { id: string })[];
    audiences: (Obj & { id: string; activations: (Obj & { id: string })[] })[];
  })[];
  functions: (Obj & { id: string })[];
  regulations: (Obj & { id: string })[];
  suppressions: (Obj & { id: string })[];
}

const FILTER_ACTIONS = ['DROP', 'SAMPLE', 'DROP_PROPERTIES', 'ALLOW_PROPERTIES'];
const RULE_TYPES = ['COMMON', 'GROUP', 'IDENTIFY', 'PAGE', 'SCREEN', 'TRACK'];
const PLAN_TYPES = ['LIVE', 'ENGAGE', 'PROPERTY_LIBRARY', 'RULE_LIBRARY', 'TEMPLATE'];
const VIOLATIONS = ['ALLOW', 'BLOCK', 'OMIT_PROPERTIES', 'OMIT_TRAITS'];

class Validator {
  constructor(readonly file: string) {}

  fail(path: string, problem: string, fix: string): never {
    throw new FixtureError(this.file, path, problem, fix);
  }

  object(value: unknown, path: string): Obj {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'must be a mapping', 'write it as `key: value` lines');
    return value as Obj;
  }

  list(value: unknown, path: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, 'must be a list', 'write it as `- item` lines, or remove it');
    return value;
  }

  string(obj: Obj, key: string, path: string, hint = 'a non-empty string'): string {
    const value = obj[key];
    if (typeof value !== 'string' || value === '') this.fail(`${path}.${key}`, 'is missing or not a string', `give ${hint}`);
    return value;
  }

  optionalBoolean(obj: Obj, key: string, path: string): void {
    if (obj[key] !== undefined && typeof obj[key] !== 'boolean') this.fail(`${path}.${key}`, 'must be true or false', 'write true or false without quotes');
  }

  oneOf(obj: Obj, key: string, path: string, allowed: readonly string[], required = true): void {
    const value = obj[key];
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !allowed.includes(value)) this.fail(`${path}.${key}`, `is ${JSON.stringify(value)}`, `use one of ${allowed.join(', ')}`);
  }

  unique(ids: Set<string>, id: string, path: string): void {
    if (ids.has(id)) this.fail(`${path}.id`, `duplicates id "${id}"`, 'give every resource its own id');
    ids.add(id);
  }

  metadata(obj: Obj, path: string): void {
    const metadata = this.object(obj.metadata, `${path}.metadata`);
    this.string(metadata, 'slug', `${path}.metadata`, 'the catalog slug, e.g. mixpanel');
    this.string(metadata, 'name', `${path}.metadata`, 'the catalog name, e.g. Mixpanel');
  }

  items<T extends Obj & { id: string }>(value: unknown, path: string, ids: Set<string>, each?: (item: Obj, at: string) => void): T[] {
    return this.list(value, path).map((raw, i) => {
      const at = `${path}[${i}]`;
      const item = this.object(raw, at);
      this.unique(ids, this.string(item, 'id', at), at);
      each?.(item, at);
      return item as T;
    });
  }
}

export function validateSegmentFixture(value: unknown, where: { file: string; path: string }): SegmentFixture {
  const v = new Validator(where.file);
  const root = v.object(value, where.path);
  const p = where.path;
  const known = ['token', 'workspace', 'sources', 'destinations', 'trackingPlans', 'reverseEtlModels', 'warehouses', 'spaces', 'functions', 'regulations', 'suppressions'];
  for (const key of Object.keys(root)) {
    if (!known.includes(key)) v.fail(`${p}.${key}`, 'is not a Segment fixture key', `use one of ${known.join(', ')}`);
  }
  const token = v.string(root, 'token', p, 'the bearer token the twin accepts');
  const workspace = v.object(root.workspace, `${p}.workspace`);
  v.string(workspace, 'id', `${p}.workspace`);
  v.string(workspace, 'slug', `${p}.workspace`);
  v.string(workspace, 'name', `${p}.workspace`);

  const ids = new Set<string>();
  const sources = v.items<SegmentFixture['sources'][number]>(root.sources, `${p}.sources`, ids, (s, at) => {
    v.string(s, 'slug', at);
    v.optionalBoolean(s, 'enabled', at);
    v.metadata(s, at);
    const settings = v.object(s.schemaSettings ?? {}, `${at}.schemaSettings`);
    s.schemaSettings = settings;
    for (const kind of ['track', 'identify', 'group']) {
      if (settings[kind] === undefined) continue;
      const block = v.object(settings[kind], `${at}.schemaSettings.${kind}`);
      for (const flag of ['allowUnplannedEvents', 'allowUnplannedEventProperties', 'allowEventOnViolations', 'allowPropertiesOnViolations', 'allowUnplannedTraits', 'allowTraitsOnViolations']) {
        v.optionalBoolean(block, flag, `${at}.schemaSettings.${kind}`);
      }
      v.oneOf(block, 'commonEventOnViolations', `${at}.schemaSettings.${kind}`, VIOLATIONS, false);
    }
  });
  const sourceIds = new Set(sources.map((s) => s.id));
  const sourceRef = (obj: Obj, key: string, at: string) => {
    const id = v.string(obj, key, at, 'the id of a source in segment.sources');
    if (!sourceIds.has(id)) v.fail(`${at}.${key}`, `names unknown source "${id}"`, 'use the id of a source in segment.sources');
  };
  for (const [i, s] of sources.entries()) {
    for (const key of ['forwardingBlockedEventsTo', 'forwardingViolationsTo']) {
      if (s.schemaSettings[key] !== undefined) sourceRef(s.schemaSettings, key, `${p}.sources[${i}].schemaSettings`);
    }
  }

  const models = v.items<SegmentFixture['reverseEtlModels'][number]>(root.reverseEtlModels, `${p}.reverseEtlModels`, ids, (m, at) => {
    sourceRef(m, 'sourceId', at);
    v.string(m, 'name', at);
    v.string(m, 'query', at, 'the model SQL');
    v.string(m, 'queryIdentifierColumn', at);
    v.optionalBoolean(m, 'enabled', at);
  });
  const modelIds = new Set(models.map((m) => m.id));

  const destinations = v.items<SegmentFixture['destinations'][number]>(root.destinations, `${p}.destinations`, ids, (d, at) => {
    sourceRef(d, 'sourceId', at);
    v.optionalBoolean(d, 'enabled', at);
    v.metadata(d, at);
    d.filters = v.items(d.filters, `${at}.filters`, ids, (f, fat) => {
      v.string(f, 'title', fat);
      if (typeof f.if !== 'string') v.fail(`${fat}.if`, 'is missing', 'give the FQL condition, or "all"');
      v.optionalBoolean(f, 'enabled', fat);
      const actions = v.list(f.actions, `${fat}.actions`);
      if (actions.length === 0) v.fail(`${fat}.actions`, 'is empty', 'give at least one action');
      actions.forEach((raw, k) => {
        const action = v.object(raw, `${fat}.actions[${k}]`);
        v.oneOf(action, 'type', `${fat}.actions[${k}]`, FILTER_ACTIONS);
        if (action.type === 'DROP_PROPERTIES' || action.type === 'ALLOW_PROPERTIES') {
          const fields = v.object(action.fields, `${fat}.actions[${k}].fields`);
          for (const [key, list] of Object.entries(fields)) {
            if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) v.fail(`${fat}.actions[${k}].fields.${key}`, 'must be a list of keys', 'write e.g. [email, phone]');
          }
        }
      });
    });
    d.subscriptions = v.items(d.subscriptions, `${at}.subscriptions`, ids, (s, sat) => {
      v.string(s, 'actionSlug', sat);
      v.object(s.settings ?? {}, `${sat}.settings`);
      if (s.modelId !== undefined) {
        const modelId = v.string(s, 'modelId', sat, 'the id of a model in segment.reverseEtlModels');
        if (!modelIds.has(modelId)) v.fail(`${sat}.modelId`, `names unknown model "${modelId}"`, 'use the id of a model in segment.reverseEtlModels');
      }
    });
  });

  const trackingPlans = v.items<SegmentFixture['trackingPlans'][number]>(root.trackingPlans, `${p}.trackingPlans`, ids, (t, at) => {
    v.oneOf(t, 'type', at, PLAN_TYPES);
    t.sources = v.list(t.sources, `${at}.sources`).map((id, k) => {
      if (typeof id !== 'string' || !sourceIds.has(id)) v.fail(`${at}.sources[${k}]`, `names unknown source ${JSON.stringify(id)}`, 'use the id of a source in segment.sources');
      return id;
    });
    t.rules = v.list(t.rules, `${at}.rules`).map((raw, k) => {
      const rule = v.object(raw, `${at}.rules[${k}]`);
      v.oneOf(rule, 'type', `${at}.rules[${k}]`, RULE_TYPES);
      if (rule.type === 'TRACK') v.string(rule, 'key', `${at}.rules[${k}]`, 'the event name');
      v.object(rule.jsonSchema, `${at}.rules[${k}].jsonSchema`);
      return rule;
    });
  });

  const warehouses = v.items<SegmentFixture['warehouses'][number]>(root.warehouses, `${p}.warehouses`, ids, (w, at) => v.metadata(w, at));
  const destinationIds = new Set(destinations.map((d) => d.id));
  const spaces = v.items<SegmentFixture['spaces'][number]>(root.spaces, `${p}.spaces`, ids, (s, at) => {
    v.string(s, 'slug', at);
    v.string(s, 'name', at);
    s.computedTraits = v.items(s.computedTraits, `${at}.computedTraits`, ids, (c, cat) => {
      v.string(c, 'name', cat);
      const definition = v.object(c.definition, `${cat}.definition`);
      v.string(definition, 'type', `${cat}.definition`, 'USERS, ACCOUNTS or SQL');
      v.string(definition, 'query', `${cat}.definition`);
    });
    s.profilesWarehouses = v.items(s.profilesWarehouses, `${at}.profilesWarehouses`, ids, (w, wat) => v.metadata(w, wat));
    s.audiences = v.items(s.audiences, `${at}.audiences`, ids, (a, aat) => {
      v.string(a, 'name', aat);
      a.activations = v.items(a.activations, `${aat}.activations`, ids, (x, xat) => {
        const connection = v.string(x, 'connectionId', xat, 'the id of a destination in segment.destinations');
        if (!destinationIds.has(connection)) v.fail(`${xat}.connectionId`, `names unknown destination "${connection}"`, 'use the id of a destination in segment.destinations');
      });
    });
  });
  const functions = v.items<SegmentFixture['functions'][number]>(root.functions, `${p}.functions`, ids, (f, at) => {
    v.oneOf(f, 'resourceType', at, ['DESTINATION', 'INSERT_DESTINATION', 'INSERT_SOURCE', 'SOURCE']);
    v.list(f.settings, `${at}.settings`).forEach((raw, k) => {
      const setting = v.object(raw, `${at}.settings[${k}]`);
      v.string(setting, 'name', `${at}.settings[${k}]`);
      if (typeof setting.sensitive !== 'boolean') v.fail(`${at}.settings[${k}].sensitive`, 'must be true or false', 'say whether Segment hides the value');
    });
  });
  const regulations = v.items<SegmentFixture['regulations'][number]>(root.regulations, `${p}.regulations`, ids);
  const suppressions = v.items<SegmentFixture['suppressions'][number]>(root.suppressions, `${p}.suppressions`, ids);

  return {
    token,
    workspace: workspace as SegmentFixture['workspace'],
    sources,
    destinations,
    trackingPlans,
    reverseEtlModels: models,
    warehouses,
    spaces,
    functions,
    regulations,
    suppressions,
  };
}
