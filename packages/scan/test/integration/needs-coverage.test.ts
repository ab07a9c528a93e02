// A check's `needs` decides when its verdict is replaced by `unknown` (a needed kind not
// collected). A check that reads a kind it does not declare could pass on a list that
// failed to load. This test runs every check over the sample clinic's inventory with each
// resource watched, and fails when a check reads any resource of an undeclared kind.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/check.ts';
import { twilioChecks } from '../../src/checks/index.ts';
import type { Inventory } from '../../src/types.ts';
import { context } from '../checks/helpers.ts';
import { scanTwin, withTwin } from './twin-scan.ts';

/** The kinds whose resources `check` read beyond their `kind` (which any index reads). */
function kindsRead(check: Check, inventory: Inventory): Set<string> {
  const read = new Set<string>();
  const watched = inventory.resources.map(
    (r) =>
      new Proxy(r, {
        get(target, property, receiver) {
          if (property !== 'kind') read.add(target.kind);
          return Reflect.get(target, property, receiver) as unknown;
        },
      }),
  );
  check.run({ ...inventory, resources: watched }, context);
  return read;
}

function undeclared(check: Check, inventory: Inventory): string[] {
  return [...kindsRead(check, inventory)].filter((kind) => !check.needs.includes(kind)).sort();
}

describe('every check declares each kind it reads in `needs`', () => {
  let inventory: Inventory;
  beforeAll(async () => {
    inventory = (await withTwin({}, (twin) => scanTwin(twin))).inventory;
  });

  it('the inventory holds many kinds, so a check that wanders is seen', () => {
    expect(new Set(inventory.resources.map((r) => r.kind)).size).toBeGreaterThan(30);
  });

  it('no Twilio check reads a kind outside its needs', () => {
    const offenders = twilioChecks.map((check) => ({ check: check.name, undeclared: undeclared(check, inventory) })).filter((o) => o.undeclared.length > 0);
    expect(offenders).toEqual([]);
  });

  it('the watch catches a check that reads an undeclared kind', () => {
    const wandering: Check = {
      name: 'wandering',
      control: 'TW-RT-SYNC',
      needs: ['sync.service'],
      run: (inv) => {
        for (const r of inv.resources) if (r.kind === 'studio.flow' && r.fields.definition === undefined) return [];
        return [];
      },
    };
    expect(undeclared(wandering, inventory)).toEqual(['studio.flow']);
  });
});
