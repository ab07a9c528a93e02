// The catalog says which controls the guard verifies; this holds it to that: every control
// whose verification includes `guard` is named by the guard's own code (a rule, a refusal,
// or the module that implements it), and every control the guard's code names exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { controlsFor } from '@chaperone/controls';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const source = sourceFiles(SRC).map((file) => readFileSync(file, 'utf8')).join('\n');
const named = new Set(source.match(/\b(?:TW|SEG)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g) ?? []);

describe('the catalog claims only what the guard does', () => {
  it('names every control whose verification includes guard somewhere in its code', () => {
    const claimed = controlsFor({ verification: 'guard' }).map((c) => c.id);
    expect(claimed.length).toBeGreaterThan(20);
    expect(claimed.filter((id) => !named.has(id))).toEqual([]);
  });

  it('names no control that is not in the catalog', () => {
    const known = new Set(controlsFor().map((c) => c.id));
    expect([...named].filter((id) => !known.has(id as never))).toEqual([]);
  });
});
