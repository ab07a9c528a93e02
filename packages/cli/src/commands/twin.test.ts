import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import type { CommandIO } from '../io.ts';
import { parseTwinArgs, run, startFromArgs } from './twin.ts';

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
});
