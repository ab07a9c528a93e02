import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDocs, DOCS_PATH } from '../scripts/generate-docs.ts';
import { controls, renderControlsDoc, controlsMarkdownTable } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'chaperone-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/controls.md', () => {
  it('is the committed output of the generator', () => {
    expect(readFileSync(DOCS_PATH, 'utf8')).toBe(renderControlsDoc());
    expect(checkDocs().ok).toBe(true);
  });

  it('names every control with a heading', () => {
    const doc = renderControlsDoc();
    for (const c of controls) expect(doc).toContain(`### ${c.id}\n`);
  });

  it('reports a stale file with the line and the fix', () => {
    const path = join(dir, 'controls.md');
    const lines = renderControlsDoc().split('\n');
    lines[30] = '| TW-HTTPS | edited by hand |';
    writeFileSync(path, lines.join('\n'));
    const result = checkDocs(path);
    expect(result.ok).toBe(false);
    expect(result.message).toBe('docs/controls.md is stale (first difference at line 31): run `npm run docs` and commit docs/controls.md');
  });

  it('reports a missing file', () => {
    const result = checkDocs(join(dir, 'absent.md'));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/missing: run `npm run docs`/);
  });

  it('notices a catalog change (generated text differs)', () => {
    const path = join(dir, 'current.md');
    writeFileSync(path, renderControlsDoc());
    const changed = renderControlsDoc(controls.map((c) => (c.id === 'TW-PKCV' ? { ...c, severity: 'medium' as const } : c)));
    expect(checkDocs(path, changed).ok).toBe(false);
  });

  it('escapes pipes in table cells', () => {
    const table = controlsMarkdownTable([{ ...controls[0]!, summary: 'a | b' }]);
    expect(table).toContain('a \\| b');
    expect(table.split('\n')[2]!.split(/(?<!\\)\|/).length).toBe(8);
  });

  it('`generate-docs --check` exits 1 with the message on a stale file and 0 after regenerating', () => {
    const path = join(dir, 'cli.md');
    writeFileSync(path, 'stale\n');
    const script = fileURLToPath(new URL('../scripts/generate-docs.ts', import.meta.url));
    const tsx = (...args: string[]) => spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', script, ...args], { encoding: 'utf8' });
    const stale = tsx('--check', '--file', path);
    expect(stale.status).toBe(1);
    expect(stale.stderr.trim()).toBe('docs/controls.md is stale (first difference at line 1): run `npm run docs` and commit docs/controls.md');
    expect(tsx('--file', path).status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(renderControlsDoc());
    expect(tsx('--check', '--file', path).status).toBe(0);
  });
});
