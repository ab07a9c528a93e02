import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, emptyConfig, loadConfig } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'chaperone-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('loadConfig', () => {
  it('returns an empty config when the default file is absent', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(await loadConfig(undefined, { cwd: empty })).toEqual(emptyConfig());
  });

  it('reads chaperone.yaml from cwd and records its path', async () => {
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'chaperone.yaml'), 'baa:\n  date: 2024-03-01\n');
    const config = await loadConfig(undefined, { cwd: project });
    expect(config.baa).toEqual({ date: '2024-03-01', designatedAccounts: [] });
    expect(config.source).toBe(join(project, 'chaperone.yaml'));
  });

  it('fails on an explicit file that does not exist, in one line', async () => {
    const error = await loadConfig('missing.yaml', { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`missing.yaml: file not found (looked at ${join(dir, 'missing.yaml')}); check the --config path`);
    expect((error as ConfigError).stack).not.toMatch(/\n\s+at /);
  });

  it('fails on a directory', async () => {
    await expect(loadConfig('.', { cwd: dir })).rejects.toThrow(/is a directory/);
  });

  it('names the file as given in errors', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'baa:\n  date: [\n');
    await expect(loadConfig('bad.yaml', { cwd: dir })).rejects.toThrow(/^bad\.yaml:\d+: not valid YAML/);
  });

  it('accepts the repository example, which points editors at the schema', async () => {
    const config = await loadConfig('chaperone.example.yaml', { cwd: repoRoot });
    expect(config.attestations.length).toBeGreaterThan(0);
    expect(config.mutes.length).toBeGreaterThan(0);
    expect(config.segment.baaVendors.length).toBeGreaterThan(0);
    const { readFileSync } = await import('node:fs');
    const firstLine = readFileSync(join(repoRoot, 'chaperone.example.yaml'), 'utf8').split('\n')[0]!;
    const schemaRef = /^# yaml-language-server: \$schema=(.+)$/.exec(firstLine)?.[1];
    expect(schemaRef).toBe('./packages/scan/schema/chaperone.schema.json');
    expect(JSON.parse(readFileSync(join(repoRoot, schemaRef!), 'utf8'))).toHaveProperty('title', 'chaperone.yaml');
  });
});
