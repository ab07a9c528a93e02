// Reads shared/controls.md (the catalog's source of truth) for the tests. CI checks the
// repo out with ../shared beside it; a missing file fails the tests rather than skipping.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface MdRow {
  section: string;
  id: string;
  cls: string;
  control: string;
  verify: string;
  cite: string;
}

export function controlsMdPath(): string {
  const path = resolve(repoRoot, '../shared/controls.md');
  if (!existsSync(path)) throw new Error(`shared/controls.md not found at ${path}: check out ../shared beside the repo`);
  return path;
}

export function readControlsMd(): MdRow[] {
  const rows: MdRow[] = [];
  let section = '';
  for (const line of readFileSync(controlsMdPath(), 'utf8').split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) section = heading[1]!.trim();
    if (!/^\| (TW|SEG)-/.test(line)) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [id, cls, control, verify, cite] = cells as [string, string, string, string, string];
    rows.push({ section, id, cls, control, verify, cite });
  }
  return rows;
}
