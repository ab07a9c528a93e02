// Test helper: a state holding one item of every resource kind (parents first), so a walk
// over every list path gets a non-empty page whose items exercise the defaults.
import { catalog, type Kind } from '../src/spec/catalog.ts';
import { idPrefixOf } from '../src/spec/ids.ts';
import { TwinState, type AccountRecord } from '../src/state.ts';

export interface Populated {
  state: TwinState;
  master: AccountRecord;
  /** Scope values (path params before the key) of each kind's one collection. */
  scopes: Map<Kind, string[]>;
}

function sampleKey(state: TwinState, kind: Kind): string | number {
  const info = kind.fields.get(kind.keyField);
  if (info?.type === 'integer') return 1;
  const prefix = idPrefixOf(info?.pattern);
  return prefix ? state.newSid(prefix) : 'US';
}

export function populateOnePerKind(seed = 7): Populated {
  const state = new TwinState(catalog(), seed);
  const master: AccountRecord = { sid: state.newSid('AC'), authToken: state.newToken(), friendlyName: 'Walker', status: 'active', ownerSid: null, seq: state.nextSeq() };
  state.addAccount(master);
  const scopes = new Map<Kind, string[]>();
  const keys = new Map<Kind, string>();
  for (const kind of state.catalog.kinds.values()) {
    if (kind.name === 'api.accounts') {
      // The account tree is the state's accounts, not a stored collection: the master lists itself.
      scopes.set(kind, []);
      continue;
    }
    let scope: string[];
    if (kind.parent) {
      const parentScope = scopes.get(kind.parent);
      const parentKey = keys.get(kind.parent);
      if (!parentScope || parentKey === undefined) continue;
      scope = [...parentScope, parentKey];
    } else scope = kind.v2010 ? [master.sid] : [];
    scopes.set(kind, scope);
    const own: Record<string, unknown> = {};
    let key = '';
    if (!kind.singleton) {
      const value = sampleKey(state, kind);
      own[kind.keyField] = value;
      if (kind.keyField !== 'sid' && kind.fields.has('sid')) own.sid = state.newSid(kind.sidPrefix ?? 'XX');
      key = String(value);
      keys.set(kind, key);
    }
    state.ensureCollection(kind, master.sid, scope).put(key, { own, seq: state.nextSeq() });
  }
  return { state, master, scopes };
}
