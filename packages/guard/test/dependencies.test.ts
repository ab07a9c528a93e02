// The guard's package.json says what an installing app gets: every runtime dependency is
// imported by src/ (an unused one is weight and attack surface for every user: pino was one,
// used by the tests only), and every package src/ imports is a dependency or a peer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Package names of the bare specifiers in import/export ... from, import(), excluding node: builtins. */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return names;
}

describe('@chaperone/guard package.json', () => {
  it('lists as dependencies exactly what src/ imports (peers aside)', () => {
    const imported = importedPackages();
    const dependencies = Object.keys(manifest.dependencies ?? {});
    const peers = new Set(Object.keys(manifest.peerDependencies ?? {}));
    expect(dependencies.filter((d) => !imported.has(d)), 'dependencies src/ never imports').toEqual([]);
    expect([...imported].filter((p) => !dependencies.includes(p) && !peers.has(p)), 'imports that are not dependencies').toEqual([]);
  });
});
