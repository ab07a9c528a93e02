// Walks every GET list path of every served API once, against a state holding one item of
// every kind, and validates each response against the official spec's response schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from '../src/faults.ts';
import { createTwinServer } from '../src/server.ts';
import { SERVED_SPECS } from '../src/spec/load.ts';
import { fillPath } from '../src/state.ts';
import { validateTwinResponse } from './contract.ts';
import { populateOnePerKind } from './populate.ts';

const { state, master, scopes } = populateOnePerKind();
let server: Server;
let base: string;
const auth = 'Basic ' + Buffer.from(`${master.sid}:${master.authToken}`).toString('base64');

beforeAll(async () => {
  server = createTwinServer({ state, faults: new FaultInjector(), extensions: [] });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('every GET list path of the served APIs', () => {
  const listKinds = [...state.catalog.kinds.values()].filter((k) => k.methods.list && k.listPath);

  it('covers every served spec file', () => {
    const files = new Set(listKinds.map((k) => k.specFile));
    for (const { file } of SERVED_SPECS) expect(files, file).toContain(file);
    expect(listKinds.length).toBeGreaterThan(150);
  });

  it('answers 200 with a non-empty page that validates against the spec', async () => {
    const failures: string[] = [];
    for (const kind of listKinds) {
      const scope = scopes.get(kind);
      if (!scope) {
        failures.push(`${kind.name}: no parent to list under`);
        continue;
      }
      const path = `/${kind.sub}${fillPath(kind.listPath!, scope)}${kind.specListPath!.endsWith('.json') ? '.json' : ''}`;
      const response = await fetch(base + path, { headers: { authorization: auth } });
      const body = (await response.json()) as Record<string, unknown>;
      const result = validateTwinResponse('GET', path, response.status, body);
      if (response.status !== 200) failures.push(`${kind.name}: status ${response.status}`);
      else if (!result.checked) failures.push(`${kind.name}: no response schema found`);
      else if (!result.ok) failures.push(`${kind.name}: ${result.errors.join('; ')}`);
      else if ((body[kind.listKey!] as unknown[]).length !== 1) failures.push(`${kind.name}: expected the one populated item`);
    }
    expect(failures).toEqual([]);
  });
});
