import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import type { CommandIO } from '../io.ts';
import { parseTwinArgs, run, startFromArgs, writeCredentialsFile } from './twin.ts';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/sample-clinic.yaml', import.meta.url));

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: Readable.from([]), stderrIsTTY: false, env: {}, cwd: process.cwd() };
  return { io, out, err };
}

describe('chaperone twin', () => {
  it('parses fixture, port, generate and fault flags', () => {
    const parsed = parseTwinArgs(['--fixture', 'f.yaml', '--port', '0', '--generate', 'subaccounts=2,resources=3', '--latency-ms', '5', '--concurrency', '4']);
    expect(parsed.options).toMatchObject({ fixture: 'f.yaml', port: 0, generate: { subaccounts: 2, resources: 3 }, faults: { latencyMs: 5, concurrency: 4 } });
  });

  it('rejects bad flags with a one-line reason and exit 2', async () => {
    const { io, err } = captureIO();
    expect(await run(['--port', 'x'], io)).toBe(2);
    expect(err.join('')).toMatch(/^chaperone twin: --port is "x"; fix: give a number >= 0\n/);
    expect(await run(['--error-rate', '2'], captureIO().io)).toBe(2);
  });

  it('starts on the sample fixture, prints the base URL and SID but never a token', async () => {
    const { io, out } = captureIO();
    const twin = await startFromArgs(parseTwinArgs(['--fixture', FIXTURE, '--port', '0']), io);
    try {
      const text = out.join('');
      expect(text).toContain(`twin listening at ${twin.baseUrl}`);
      expect(text).toContain('master account AC0ba1e00000000000000000000000b001; 4 subaccount(s)');
      for (const account of twin.accounts) expect(text).not.toContain(account.authToken);
    } finally {
      await twin.close();
    }
  });

  it('writes generated master credentials only to the requested file', async () => {
    const { io, out } = captureIO();
    const file = join(mkdtempSync(join(tmpdir(), 'twin-')), 'creds.env');
    const twin = await startFromArgs(parseTwinArgs(['--generate', 'subaccounts=2,resources=3', '--port', '0', '--credentials-file', file]), io);
    try {
      expect(readFileSync(file, 'utf8')).toContain(`TWILIO_AUTH_TOKEN=${twin.master.authToken}`);
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(out.join('')).not.toContain(twin.master.authToken);
    } finally {
      await twin.close();
    }
  });

  it('replaces a pre-existing world-readable credentials file with a 0600 one, leaving no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-'));
    const file = join(dir, 'creds.env');
    writeFileSync(file, 'old\n', { mode: 0o644 });
    expect(statSync(file).mode & 0o077).not.toBe(0);
    writeCredentialsFile(file, 'TWILIO_AUTH_TOKEN=secret-token-value\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('TWILIO_AUTH_TOKEN=secret-token-value\n');
    expect(readdirSync(dir)).toEqual(['creds.env']);
  });

  it('refuses, in one line and before starting, a credentials path that is not a regular file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-'));
    const target = join(dir, 'elsewhere');
    writeFileSync(target, '');
    symlinkSync(target, join(dir, 'link.env'));
    mkdirSync(join(dir, 'adir'));
    for (const name of ['link.env', 'adir']) {
      const { io, out, err } = captureIO();
      expect(await run(['--generate', 'subaccounts=1,resources=1', '--port', '0', '--credentials-file', join(dir, name)], io)).toBe(2);
      expect(err.join('')).toMatch(/^chaperone twin: --credentials-file .* is not a regular file.*\n$/);
      expect(out.join('')).toBe('');
    }
    expect(readFileSync(target, 'utf8')).toBe('');
  });
});
