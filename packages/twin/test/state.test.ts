// Store behaviour below the HTTP layer: deletes cascade to nested collections, and
// nested collections need an existing parent.
import { describe, expect, it } from 'vitest';
import { handleResource } from '../src/handlers.ts';
import { catalog, matchRoute } from '../src/spec/catalog.ts';
import { TwinState } from '../src/state.ts';

function setup() {
  const state = new TwinState(catalog(), 3);
  const sid = 'AC00000000000000000000000000000001';
  state.addAccount({ sid, authToken: 'deadbeefdeadbeefdeadbeef00000001', friendlyName: 'm', status: 'active', ownerSid: null, seq: 0 });
  const call = (method: string, path: string, form = '') => {
    const match = matchRoute(state.catalog, 'serverless', path)!;
    return handleResource(state, match, { method, path, query: new URLSearchParams(), form: new URLSearchParams(form), authAccountSid: sid });
  };
  return { state, sid, call };
}

describe('state', () => {
  it('deletes nested collections, recursively, with their parent', () => {
    const { state, sid, call } = setup();
    const service = JSON.parse(call('POST', '/v1/Services', 'UniqueName=s&FriendlyName=s').body) as { sid: string };
    const fn = JSON.parse(call('POST', `/v1/Services/${service.sid}/Functions`, 'FriendlyName=f').body) as { sid: string };
    const functions = state.catalog.kinds.get('serverless.services.functions')!;
    const versions = state.catalog.kinds.get('serverless.services.functions.versions')!;
    state.ensureCollection(versions, sid, [service.sid, fn.sid]).put('ZN1', { own: { sid: 'ZN1' }, seq: 1 });
    expect(state.collection(functions, sid, [service.sid])?.items.size).toBe(1);
    expect(call('DELETE', `/v1/Services/${service.sid}`).status).toBe(204);
    expect(state.collection(functions, sid, [service.sid])).toBeUndefined();
    expect(state.collection(versions, sid, [service.sid, fn.sid])).toBeUndefined();
  });

  it('refuses to create under a parent that does not exist', () => {
    const { call } = setup();
    expect(() => call('POST', '/v1/Services/ZS00000000000000000000000000000009/Functions', 'FriendlyName=f')).toThrow(/was not found/);
  });
});
