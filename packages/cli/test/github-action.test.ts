// The composite GitHub Action (.github/actions/chaperone-scan): its wiring is read from
// action.yml, every flag its scan script passes is one `chaperone scan` accepts, and the
// script run as the action runs it (inputs as INPUT_* variables, --demo) writes a SARIF
// file that GitHub code scanning accepts and records the scan's exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/commands/scan.ts';
import { githubSarifProblems, sarifSchemaValidator } from '../../scan/src/reports/fixtures/sarif-validators.ts';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const ACTION_DIR = join(ROOT, '.github/actions/chaperone-scan');
const SCRIPT = readFileSync(join(ACTION_DIR, 'scan.sh'), 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ACTION_DIR, 'action.yml'), 'utf8')) as Action;

/** Help text of `chaperone scan`: what it documents, it accepts (parseArgs is strict). */
async function scanHelp(): Promise<string> {
  let out = '';
  await run(['--help'], { stdout: (t) => void (out += t), stderr: () => {}, stdin: process.stdin, stderrIsTTY: false, env: {}, cwd: ROOT });
  return out;
}

describe('the chaperone-scan GitHub Action', () => {
  it('is a composite action whose steps use only declared inputs, and every input is used', () => {
    expect(action.runs.using).toBe('composite');
    const text = JSON.stringify(action.runs.steps) + JSON.stringify(action.outputs);
    const used = new Set([...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !(name in action.inputs))).toEqual([]);
    expect(Object.keys(action.inputs).filter((name) => !used.has(name))).toEqual([]);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description.length, name).toBeGreaterThan(10);
  });

  it('hands every input of the scan step to the script, which reads each one', () => {
    const scan = action.runs.steps.find((s) => s.id === 'scan')!;
    expect(scan.run).toContain('scan.sh');
    const variables = Object.keys(scan.env!).filter((name) => name.startsWith('INPUT_'));
    expect(variables.length).toBeGreaterThanOrEqual(8);
    for (const name of variables) expect(SCRIPT, name).toContain(`\${${name}`);
  });

  it('passes only flags that chaperone scan documents and accepts', async () => {
    const flags = [...new Set([...SCRIPT.matchAll(/(?:\(scan |\+=\()(--[a-z-]+)/g)].map((m) => m[1]!))];
    expect(flags.sort()).toEqual(['--account', '--checks', '--config', '--demo', '--fail-on', '--format', '--platform', '--skip-checks'].sort());
    expect(SCRIPT).toContain('--output "$sarif"');
    const help = await scanHelp();
    for (const flag of [...flags, '--output']) expect(help, flag).toMatch(new RegExp(`^\\s+${flag}[ ,]`, 'm'));
  });

  it('uploads with upload-sarif the file the scan wrote, without a category that would merge the platform runs', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toEqual({ sarif_file: '${{ inputs.sarif-file }}' });
    expect(upload.if).toContain('always()');
    expect(upload.if).toContain("steps.scan.outputs.sarif-written == 'true'");
  });

  it('run as the action runs it, writes an acceptable SARIF file and records the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaperone-action-'));
    const output = join(dir, 'github-output');
    const env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? dir,
      CHAPERONE_ROOT: ROOT,
      GITHUB_OUTPUT: output,
      INPUT_DEMO: 'true',
      INPUT_SARIF_FILE: join(dir, 'chaperone.sarif'),
      INPUT_SKIP_CHECKS: 'TW-HTTPS',
      INPUT_FAIL_ON: 'advisory',
      INPUT_CONFIG: '',
      INPUT_ACCOUNTS: '',
      INPUT_PLATFORM: '',
      INPUT_CHECKS: '',
    };
    await promisify(execFile)('bash', [join(ACTION_DIR, 'scan.sh')], { env, cwd: dir });
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\nsarif-written=true\n');
    const sarif = readFileSync(join(dir, 'chaperone.sarif'), 'utf8');
    expect(githubSarifProblems(sarif)).toEqual([]);
    const validate = sarifSchemaValidator();
    expect(validate(JSON.parse(sarif))).toBe(true);
    const results = (JSON.parse(sarif) as { runs: { results: { ruleId: string }[] }[] }).runs.flatMap((r) => r.results);
    expect(results.length).toBeGreaterThan(50);
    expect(results.some((r) => r.ruleId === 'TW-HTTPS')).toBe(false);
  });
});
