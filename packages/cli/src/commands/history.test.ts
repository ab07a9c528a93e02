// The done-when, through the CLI: `scan --demo`, the same with an attestation added
// to chaperone.yaml, then `diff` shows exactly that change; `history` lists both runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { captureIO } from '../../../scan/test/integration/twin-scan.ts';
import { BACKENDS } from '../../../ledger/test/backends.ts';

const DEMO_CONFIG = fileURLToPath(new URL('../../../../fixtures/sample-clinic.chaperone.yaml', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe.each(BACKENDS)('chaperone history and diff on $name', (backend) => {
  it('a renewed attestation between two demo scans is the only change', async () => {
    const f = await backend.fresh();
    cleanups.push(f.cleanup);
    const env = { CHAPERONE_LEDGER: f.location, CHAPERONE_LEDGER_KEY: join(f.dir, 'ledger.key') };
    const cli = async (...argv: string[]) => {
      const io = captureIO(env, f.dir);
      return { code: await main(argv, io), out: io.out, err: io.err };
    };
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    // The demo's expired TW-RT-API-EXPLORER attestation, renewed.
    const renewed = readFileSync(DEMO_CONFIG, 'utf8').replace('    date: 2025-01-10\n    expires: 2025-07-10\n', '    date: 2026-11-30\n    expires: 2030-12-31\n');
    expect(renewed).not.toBe(readFileSync(DEMO_CONFIG, 'utf8'));
    writeFileSync(join(f.dir, 'renewed.yaml'), renewed);
    expect((await cli('scan', '--demo', '--no-progress', '--config', 'renewed.yaml')).code).toBe(1);

    const json = await cli('diff', '--format', 'json');
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.out) as { new: unknown[]; resolved: unknown[]; unknown: unknown[]; changed: { from: { control: string; status: string }; to: { control: string; status: string } }[] };
    expect([diff.new.length, diff.resolved.length, diff.unknown.length]).toEqual([0, 0, 0]);
    expect(diff.changed.length).toBeGreaterThan(0);
    for (const c of diff.changed) expect([c.from.control, c.from.status, c.to.status]).toEqual(['TW-RT-API-EXPLORER', 'manual', 'attested']);

    const terminal = await cli('diff');
    expect(terminal.out).toMatch(new RegExp(`^\\S+ -> \\S+: 0 new, 0 resolved, ${diff.changed.length} changed, 0 unknown\\n(  changed   TW-RT-API-EXPLORER AC\\w+ \\S+ \\S+: manual \\(\\w+\\) -> attested \\(\\w+\\)\\n)+$`));
    expect((await cli('diff', '--format', 'markdown')).out).toContain('| changed | TW-RT-API-EXPLORER |');

    const history = await cli('history');
    expect(history.out.trim().split('\n')).toHaveLength(3);
    expect(history.out).toMatch(/^run +started +state +accounts +fail +advisory +unknown +manual +attested +muted +pass\n/);
    expect(history.out).toMatch(/\n\d{8}T\d{6}Z-[0-9a-f]{6} +\S+ +complete +6\/6 +\d+/);
    const runs = JSON.parse((await cli('history', '--format', 'json')).out) as { runs: { totals: Record<string, number> }[] };
    expect(runs.runs[0]!.totals.attested! - runs.runs[1]!.totals.attested!).toBe(diff.changed.length);
  });

  it('bad input is one line and exit 2', async () => {
    const f = await backend.fresh();
    cleanups.push(f.cleanup);
    const env = { CHAPERONE_LEDGER: f.location };
    const cli = async (...argv: string[]) => {
      const io = captureIO(env, f.dir);
      return { code: await main(argv, io), err: io.err };
    };
    expect(await cli('diff')).toMatchObject({ code: 2, err: expect.stringMatching(/^chaperone diff: no ledger at .*\n$/) });
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    expect(await cli('diff')).toMatchObject({ code: 2, err: expect.stringMatching(/^chaperone diff: no complete run before \S+ to compare it with/) });
    expect(await cli('diff', '--from', 'x', '--to', 'y')).toMatchObject({ code: 2, err: 'chaperone diff: --to y: no such run in the ledger; `chaperone history` lists them\n' });
    expect(await cli('history', '--format', 'xml')).toMatchObject({ code: 2, err: 'chaperone history: --format "xml" is not valid; use one of: terminal, json, markdown\n' });
    expect(await cli('history', '--limit', '0')).toMatchObject({ code: 2 });
    // CHAPERONE_LEDGER=off keeps scan from recording; the reading commands say so instead of looking for a file named "off".
    const off = async (...argv: string[]) => {
      const io = captureIO({ CHAPERONE_LEDGER: 'off' }, f.dir);
      return { code: await main(argv, io), err: io.err };
    };
    for (const argv of [['diff'], ['history'], ['ledger', 'verify'], ['user', 'list'], ['serve']]) {
      expect(await off(...argv), argv.join(' ')).toMatchObject({ code: 2, err: `chaperone ${argv.join(' ')}: CHAPERONE_LEDGER=off turns the ledger off, so there is none to read; unset it, or give --ledger LOCATION\n` });
    }
  });
});

describe("the issue's done-when, as a newcomer types it", () => {
  it('scan --demo, the same with an attestation added, then diff shows exactly that change; verify passes, then fails on an edit', async () => {
    const f = await BACKENDS[0]!.fresh();
    cleanups.push(f.cleanup);
    // CHAPERONE_LEDGER empty: the default .chaperone/ledger.db under the working directory.
    const cli = async (...argv: string[]) => {
      const io = captureIO({ CHAPERONE_LEDGER: '' }, f.dir);
      return { code: await main(argv, io), out: io.out, err: io.err };
    };
    expect((await cli('scan', '--demo', '--no-progress', '--quiet')).code).toBe(1);
    // A control the demo leaves manual, now attested by a person.
    const added = readFileSync(DEMO_CONFIG, 'utf8').replace('attestations:\n', 'attestations:\n  - control: TW-FLEX-ACCESS\n    by: Privacy Officer\n    date: 2026-12-01\n    expires: 2027-12-01\n');
    writeFileSync(join(f.dir, 'chaperone.yaml'), added);
    expect((await cli('scan', '--demo', '--no-progress', '--quiet', '--config', 'chaperone.yaml')).code).toBe(1);
    const diff = await cli('diff');
    expect(diff, diff.err).toMatchObject({ code: 0, err: '' });
    expect(diff.out).toMatch(/^\S+ -> \S+: 0 new, 0 resolved, 1 changed, 0 unknown\n {2}changed {3}TW-FLEX-ACCESS AC\w+ twilio\.account AC\w+: manual \(\w+\) -> attested \(\w+\)\n$/);
    expect(await cli('ledger', 'verify')).toMatchObject({ code: 0, out: expect.stringMatching(/^ledger intact: \d+ entries, 2 signed checkpoints\n$/) });
    // The attestation, edited in the query table diff reads: caught, and named.
    await BACKENDS[0]!.raw(join(f.dir, '.chaperone', 'ledger.db'), ["update finding set status = 'attested' where control = 'TW-FLEX-CUSTOM-MEDIA' and status = 'manual'"]);
    const edited = await cli('ledger', 'verify');
    expect(edited.code).toBe(1);
    expect(edited.err).toMatch(/^chaperone ledger verify: TAMPERED: the finding table's row seq \d+ differs from entry seq \d+ in status \(a query row was edited; the entry is intact\)\n$/);
  });
});
