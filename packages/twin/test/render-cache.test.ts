// The render cache: on by default (a record renders once until it changes); off, every
// response is rendered afresh, which is what the twin benchmark measures.
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/spec/catalog.ts';
import { materialize, renderRecord } from '../src/render.ts';
import { TwinState } from '../src/state.ts';

function oneNumber(cacheRenders: boolean) {
  const state = new TwinState(catalog(), 1, cacheRenders);
  const kind = state.catalog.kinds.get('api.incoming_phone_numbers')!;
  const coll = state.ensureCollection(kind, 'AC' + '1'.repeat(32), ['AC' + '1'.repeat(32)]);
  const rec = { own: { sid: 'PN' + '2'.repeat(32), friendly_name: 'Line 1' }, seq: 1 };
  coll.put(rec.own.sid, rec);
  return { coll, rec };
}

describe('render cache', () => {
  it('keeps the rendered JSON by default', () => {
    const { coll, rec } = oneNumber(true);
    const first = renderRecord(coll, rec);
    expect(JSON.parse(first).friendly_name).toBe('Line 1');
    expect((rec as { json?: string }).json).toBe(first);
  });

  it('renders every time when turned off', () => {
    const { coll, rec } = oneNumber(false);
    expect(JSON.parse(renderRecord(coll, rec)).friendly_name).toBe('Line 1');
    expect((rec as { json?: string }).json).toBeUndefined();
    rec.own.friendly_name = 'Line 2';
    expect(JSON.parse(renderRecord(coll, rec)).friendly_name).toBe('Line 2');
  });
});

describe('rendering without copying the defaults', () => {
  it('gives exactly JSON.stringify(materialize()) for every kind of the catalog', () => {
    const state = new TwinState(catalog(), 1, false);
    const account = 'AC' + '3'.repeat(32);
    let kinds = 0;
    for (const kind of state.catalog.kinds.values()) {
      const scope = kind.scopeParams.map((_, i) => (i === 0 ? account : `XX${String(i).repeat(32)}`));
      const coll = state.ensureCollection(kind, account, scope);
      const defaults = Object.keys(kind.defaults);
      const own: Record<string, unknown> = { sid: 'ZZ' + '4'.repeat(32), friendly_name: 'Line 1', extra_field: { nested: [1, 'two'] } };
      // A default overridden, and one cleared to undefined (JSON drops it), keep their places.
      if (defaults[1]) own[defaults[1]] = 'overridden';
      if (defaults[2]) own[defaults[2]] = undefined;
      const rec = { own, seq: 7 };
      expect(renderRecord(coll, rec), kind.name).toBe(JSON.stringify(materialize(coll, rec)));
      kinds++;
    }
    expect(kinds).toBeGreaterThan(100);
  });
});
