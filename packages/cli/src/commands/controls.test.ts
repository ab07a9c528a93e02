import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { controls } from '@chaperone/controls';
import type { CommandIO } from '../io.ts';
import { run } from './controls.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: new PassThrough(),
    stderrIsTTY: false,
    env: {},
    cwd: process.cwd(),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

describe('chaperone controls', () => {
  it('lists every control as a table by default', async () => {
    const { code, stdout } = await cli();
    expect(code).toBe(0);
    for (const c of controls) expect(stdout).toMatch(new RegExp(`^${c.id} `, 'm'));
    expect(stdout).toContain('87 control(s)');
  });

  it('emits the full entries as JSON', async () => {
    const { code, stdout } = await cli('--format', 'json', '--platform', 'segment');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { id: string; remediation: string }[];
    expect(parsed.length).toBe(20);
    expect(parsed.every((c) => c.id.startsWith('SEG-') && c.remediation.length > 0)).toBe(true);
  });

  it('combines filters, accepting the guide abbreviations', async () => {
    const { stdout } = await cli('--class', 'NE', '--verify', 'scan', '--format', 'json');
    const ids = (JSON.parse(stdout) as { id: string }[]).map((c) => c.id);
    expect(ids).toContain('TW-MARKETPLACE');
    expect(ids).not.toContain('TW-SMS-TAGGING');
    const byProduct = await cli('--product', 'FLEX', '--class', 'required', '--format', 'json');
    expect((JSON.parse(byProduct.stdout) as unknown[]).length).toBe(8);
  });

  it('shows one control by id as Markdown', async () => {
    const { code, stdout } = await cli('--id', 'tw-https', '--format', 'markdown');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(3);
    expect(stdout).toContain('| TW-HTTPS | Required | high |');
  });

  it.each([
    [['--platform', 'aws'], '--platform "aws" is not valid; use one of: twilio, segment'],
    [['--class', 'X'], '--class "X" is not valid; use one of: R, Rec, S, NE, P'],
    [['--verify', 'look'], '--verify "look" is not valid; use one of: scan, guard, attest'],
    [['--format', 'yaml'], '--format "yaml" is not valid; use one of: table, json, markdown'],
    [['--product', 'fax'], '--product "fax" matches no product; use part of one of: General'],
    [['--id', 'TW-HTTP'], '--id "TW-HTTP" is not a control id; did you mean TW-HTTPS?'],
    [['--colour'], "Unknown option '--colour'"],
  ])('%j exits 2 with one line naming the flag', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('says so when valid filters match nothing', async () => {
    const { code, stderr } = await cli('--platform', 'segment', '--product', 'flex');
    expect(code).toBe(0);
    expect(stderr).toContain('no control matches');
  });

  it('prints help', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--verify scan|guard|attest');
  });
});
