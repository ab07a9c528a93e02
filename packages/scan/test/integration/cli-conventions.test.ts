// The conventions other scanners taught users, through `chaperone scan --demo`: `-` is
// stdout, output paths are checked before scanning, --checks / --skip-checks / --platform
// narrow the run, --quiet silences progress.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { run } from '../../../cli/src/commands/scan.ts';
import { captureIO } from './twin-scan.ts';

interface Report {
  scan: { accounts: { platform: string }[]; selection?: { controls: number } };
  findings: { control: string; platform: string }[];
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chaperone-conventions-'));
}

describe('chaperone scan conventions', () => {
  it('--output - writes the report to stdout (no file named "-", no summary), next to a file', async () => {
    const dir = tempDir();
    const io = captureIO({}, dir);
    expect(await run(['--demo', '--quiet', '--format', 'json', '--output', '-', '--output', 'r.csv'], io)).toBe(1);
    expect((JSON.parse(io.out) as Report).findings.length).toBeGreaterThan(100);
    expect(readdirSync(dir)).toEqual(['r.csv']);
    expect(io.err).toBe('');
  });

  it('--output - needs a format, and only one report can go to stdout', async () => {
    const io = captureIO({}, tempDir());
    expect(await run(['--demo', '--output', '-'], io)).toBe(2);
    expect(io.err).toMatch(/^chaperone scan: --output - needs its --format .*\n$/);
    const two = captureIO({}, tempDir());
    expect(await run(['--demo', '--format', 'json', '--output', '-', '--format', 'csv'], two)).toBe(2);
    expect(two.err).toContain('only one can');
  });

  it('checks output paths before the scan: a missing directory is exit 2 at once and nothing is written', async () => {
    const dir = tempDir();
    const io = captureIO({}, dir);
    expect(await run(['--demo', '--output', 'ok.json', '--output', 'missing/x.sarif'], io)).toBe(2);
    expect(io.err).toBe('chaperone scan: --output missing/x.sarif: directory missing does not exist; create it first\n');
    expect(readdirSync(dir)).toEqual([]);
    // No scan ran: no progress line, no summary.
    expect(io.out).toBe('');
    const onDir = captureIO({}, dir);
    expect(await run(['--demo', '--output', '.'], onDir)).toBe(2);
  });

  it('--checks and --skip-checks take ids and globs, case-insensitive; the verdict counts only what is reported', async () => {
    const only = captureIO();
    expect(await run(['--demo', '--quiet', '--format', 'json', '--checks', 'tw-https,TW-SIP-*'], only)).toBe(1);
    const report = JSON.parse(only.out) as Report;
    const controls = new Set(report.findings.map((f) => f.control));
    expect(controls.has('TW-HTTPS')).toBe(true);
    for (const id of controls) expect(id === 'TW-HTTPS' || id.startsWith('TW-SIP-') || id === 'TW-ACCT-DESIGNATION').toBe(true);
    expect(report.scan.selection?.controls).toBeGreaterThan(1);

    const skip = captureIO();
    expect(await run(['--demo', '--quiet', '--format', 'json', '--skip-checks', 'SEG-*', '--skip-checks', 'TW-HTTPS'], skip)).toBe(1);
    const skipped = (JSON.parse(skip.out) as Report).findings;
    expect(skipped.some((f) => f.control.startsWith('SEG-') || f.control === 'TW-HTTPS')).toBe(false);
    expect(skipped.length).toBeGreaterThan(50);

    // A selection with nothing failing: a passing control of the demo gives exit 0.
    const passing = captureIO();
    expect(await run(['--demo', '--quiet', '--format', 'json', '--checks', 'TW-CONSOLE-LOGOFF'], passing)).toBe(0);

    const bad = captureIO();
    expect(await run(['--demo', '--checks', 'TW-NOPE*'], bad)).toBe(2);
    expect(bad.err).toBe('chaperone scan: --checks "TW-NOPE*" matches no control; use a control id or a glob such as TW-SIP-* (list them with `chaperone controls`)\n');
  });

  it('--platform scans one platform only', async () => {
    const segment = captureIO();
    await run(['--demo', '--quiet', '--format', 'json', '--platform', 'segment'], segment);
    const seg = JSON.parse(segment.out) as Report;
    expect(new Set(seg.scan.accounts.map((a) => a.platform))).toEqual(new Set(['segment']));
    expect(seg.findings.every((f) => f.platform === 'segment')).toBe(true);

    const twilio = captureIO();
    await run(['--demo', '--quiet', '--format', 'json', '--platform', 'twilio'], twilio);
    const tw = JSON.parse(twilio.out) as Report;
    expect(tw.findings.every((f) => f.platform === 'twilio')).toBe(true);
    expect(tw.scan.accounts).toHaveLength(5);

    const bad = captureIO();
    expect(await run(['--demo', '--platform', 'aws'], bad)).toBe(2);
    expect(bad.err).toBe('chaperone scan: --platform "aws" is not a platform; use twilio or segment\n');
    const noToken = captureIO({ TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32), TWILIO_AUTH_TOKEN: 'x' });
    expect(await run(['--platform', 'segment'], noToken)).toBe(2);
    expect(noToken.err).toContain('SEGMENT_PUBLIC_API_TOKEN is not set');
  });

  it('--format ocsf --output - writes one valid Compliance Finding event per finding of the demo', async () => {
    const io = captureIO();
    expect(await run(['--demo', '--quiet', '--format', 'ocsf', '--output', '-'], io)).toBe(1);
    const lines = io.out.trimEnd().split('\n');
    const json = captureIO();
    await run(['--demo', '--quiet', '--format', 'json'], json);
    expect(lines).toHaveLength((JSON.parse(json.out) as Report).findings.length);
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/ocsf/compliance-finding-1.3.0.schema.json', import.meta.url)), 'utf8')) as object;
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    for (const line of lines) expect(validate(JSON.parse(line)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('--quiet silences progress on a terminal and off it', async () => {
    for (const stderrIsTTY of [true, false]) {
      const io = { ...captureIO(), stderrIsTTY };
      await run(['--demo', '--quiet', '--format', 'json'], io);
      expect(io.err).toBe('');
    }
    expect(existsSync('-')).toBe(false);
  });
});
