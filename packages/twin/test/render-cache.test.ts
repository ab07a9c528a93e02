// The render cache: on by default (a record renders once until it changes); off, every
// response is rendered afresh, which is what the twin benchmark measures.
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/spec/catalog.ts';
import { renderRecord } from '../src/render.ts';
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
