// The README's benchmark section comes only from bench/results: the splice keeps the rest
// of the README, and a missing or old-shaped result is one line naming the file and the fix.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResults, ResultError, withSection } from './readme-table.ts';

describe('README benchmark section', () => {
  it('replaces only what lies between the markers', () => {
    const readme = 'intro\n<!-- bench:start -->\nold figures\n<!-- bench:end -->\noutro\n';
    expect(withSection(readme, '<!-- bench:start -->\nnew\n<!-- bench:end -->')).toBe('intro\n<!-- bench:start -->\nnew\n<!-- bench:end -->\noutro\n');
  });

  it('refuses a README without the markers', () => {
    expect(() => withSection('no markers here', 'x')).toThrow(ResultError);
  });

  it('refuses results in the old shape, naming the file and the command that fixes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    for (const name of ['twin', 'scan', 'phi', 'guard']) writeFileSync(join(dir, `${name}.json`), JSON.stringify({ name, date: '2026-11-25', node: 'v20', metrics: {} }));
    expect(() => loadResults(dir)).toThrow(/bench\/results\/twin\.json has no method, machine or spread.*npm run bench twin/);
  });

  it('refuses a missing result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    expect(() => loadResults(dir)).toThrow(/bench\/results\/twin\.json is missing/);
  });
});
