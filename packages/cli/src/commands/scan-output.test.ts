import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '@chaperone/scan';
import { checkOutputPaths, planOutputs, writeOutputs } from './scan-output.ts';

const report: ScanReport = {
  scan: { started: '2026-12-01T00:00:00Z', finished: '2026-12-01T00:00:01Z', accounts: [], complete: true, requests: 0, throttled: 0, retries: 0, errors: [], expired: [], chaperoneVersion: '0.1.0', guideVersion: 'test' },
  findings: [],
};

function capture() {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), cwd: mkdtempSync(join(tmpdir(), 'chaperone-out-')) };
  return io;
}

describe('scan outputs', () => {
  it('pairs formats with outputs, `-` with stdout', () => {
    expect(planOutputs(['json', 'sarif'], ['-', 'x.sarif'])).toEqual({ files: [{ format: 'sarif', path: 'x.sarif' }], stdoutFormat: 'json' });
    expect(planOutputs([], ['a.html'])).toEqual({ files: [{ format: 'html', path: 'a.html' }] });
    expect(() => planOutputs(['json'], ['-', '-'])).toThrow('--output - needs its --format');
  });

  it('refuses before the scan a path in a read-only directory, a directory, or one given twice', () => {
    const io = capture();
    mkdirSync(join(io.cwd, 'ro'));
    chmodSync(join(io.cwd, 'ro'), 0o500);
    // root ignores permissions: the check would then rightly pass.
    if (process.getuid?.() !== 0) expect(() => checkOutputPaths(planOutputs([], ['ro/r.json']), io.cwd)).toThrow('directory ro is not writable');
    expect(() => checkOutputPaths(planOutputs([], ['ro']), io.cwd)).toThrow(/cannot tell the format/);
    expect(() => checkOutputPaths(planOutputs(['json'], ['ro']), io.cwd)).toThrow('--output ro is a directory');
    expect(() => checkOutputPaths(planOutputs([], ['a.json', './a.json']), io.cwd)).toThrow('given twice');
    expect(() => checkOutputPaths(planOutputs([], ['ok.json']), io.cwd)).not.toThrow();
  });

  it('a write that fails after the check is one line and the other reports are still written', async () => {
    const io = capture();
    mkdirSync(join(io.cwd, 'gone'));
    const plan = planOutputs(['json', 'csv', 'json'], ['gone/r.json', 'r.csv']);
    checkOutputPaths(plan, io.cwd);
    rmSync(join(io.cwd, 'gone'), { recursive: true });
    writeFileSync(join(io.cwd, 'marker'), '');
    expect(await writeOutputs(plan, report, io)).toBe(false);
    expect(io.err).toBe("chaperone scan: cannot write --output gone/r.json (ENOENT); the other reports are written and the exit code is the scan's\n");
    expect(readFileSync(join(io.cwd, 'r.csv'), 'utf8')).toContain('control');
    expect(JSON.parse(io.out)).toMatchObject({ findings: [] });
  });
});
