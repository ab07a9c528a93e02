// `chaperone ledger export --format oscal` after a demo scan: a valid OSCAL 1.1.3
// assessment-results document (NIST's schema, ajv draft-07), whose findings point at entries
// of the bundle exported from the same ledger, leaf hash for leaf hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerWorkspace } from '../../../test/ledger-workspace.ts';
import { BACKENDS } from '../../../../ledger/test/backends.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const schema = JSON.parse(readFileSync(new URL('../../../../ledger/schema/oscal/oscal_assessment-results_schema-1.1.3.json', import.meta.url), 'utf8')) as object;

describe('chaperone ledger export --format oscal', () => {
  it('writes OSCAL assessment results whose findings name the bundle entries they come from', async () => {
    const { cli, dir } = await ledgerWorkspace(BACKENDS[0]!, cleanups);
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    const exported = await cli('ledger', 'export', '--format', 'oscal', '--output', 'ar.json');
    expect(exported).toMatchObject({ code: 0, out: '' });
    expect(exported.err).toMatch(/^chaperone ledger export: ar\.json: OSCAL assessment results of run \S+, \d+ findings with their ledger entries\n$/);
    const doc = JSON.parse(readFileSync(join(dir, 'ar.json'), 'utf8')) as { 'assessment-results': { results: { findings: { props: { name: string; value: string }[] }[] }[] } };
    const ajv = new AjvModule.default({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    expect((await cli('ledger', 'export', '--output', 'bundle.json')).code).toBe(0);
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as { entries: { seq: number; kind: string; bytes: string }[] };
    const findings = doc['assessment-results'].results[0]!.findings;
    expect(findings.length).toBe(bundle.entries.filter((e) => e.kind === 'finding').length);
    for (const f of findings) {
      const seq = Number(f.props.find((p) => p.name === 'ledger-seq')!.value);
      const leaf = createHash('sha256').update(Buffer.concat([Buffer.of(0), Buffer.from(bundle.entries[seq]!.bytes, 'base64')])).digest('hex');
      expect(f.props.find((p) => p.name === 'ledger-leaf-sha256')!.value).toBe(leaf);
    }
  });

  it('bad flags are one line, exit 2', async () => {
    const { cli } = await ledgerWorkspace(BACKENDS[0]!, cleanups);
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    expect(await cli('ledger', 'export', '--format', 'xml', '--output', 'x')).toMatchObject({ code: 2, err: 'chaperone ledger export: --format "xml" is not valid; use one of: bundle, oscal\n' });
    expect(await cli('ledger', 'export', '--run', 'x', '--output', 'x')).toMatchObject({ code: 2, err: 'chaperone ledger export: --run goes with --format oscal (a bundle holds every run)\n' });
    expect(await cli('ledger', 'export', '--format', 'oscal', '--run', 'nope', '--output', 'x')).toMatchObject({
      code: 2,
      err: 'chaperone ledger export: --run nope: no such run in the ledger; `chaperone history` lists them\n',
    });
  });
});
