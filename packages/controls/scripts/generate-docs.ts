// Writes docs/controls.md from the catalog (`npm run docs`), or with --check exits 1
// when the committed file differs from what the catalog generates (`npm run docs:check`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderControlsDoc } from '../src/markdown.ts';

export const DOCS_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/controls.md');

export interface DocsCheck {
  ok: boolean;
  message: string;
}

/** Compares the file at `path` with `expected` (by default, what the catalog generates now). */
export function checkDocs(path: string = DOCS_PATH, expected: string = renderControlsDoc()): DocsCheck {
  if (!existsSync(path)) return { ok: false, message: `${path} is missing: run \`npm run docs\` and commit docs/controls.md` };
  const actual = readFileSync(path, 'utf8');
  if (actual === expected) return { ok: true, message: 'docs/controls.md is up to date' };
  const actualLines = actual.split('\n');
  const expectedLines = expected.split('\n');
  let line = 0;
  while (line < expectedLines.length && actualLines[line] === expectedLines[line]) line++;
  return {
    ok: false,
    message: `docs/controls.md is stale (first difference at line ${line + 1}): run \`npm run docs\` and commit docs/controls.md`,
  };
}

function main(argv: string[]): number {
  // --file PATH: another target than docs/controls.md (used by the tests).
  const fileAt = argv.indexOf('--file');
  const path = fileAt >= 0 && argv[fileAt + 1] ? resolve(argv[fileAt + 1]!) : DOCS_PATH;
  if (argv.includes('--check')) {
    const result = checkDocs(path);
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  }
  writeFileSync(path, renderControlsDoc());
  console.log(`wrote ${path}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
