import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../io.ts';
import { run } from './redact.ts';

const SEEDED_PHI = ['Maria Lopez', '03/14/1975', '415-555-2671', '219-09-9999', 'maria.lopez@example.com'];
const INPUT = [
  'Patient Maria Lopez DOB 03/14/1975 called from 415-555-2671',
  'delivered SM0123456789abcdef0123456789abcdef at 2024-03-05T12:00:00Z error 30007',
  '',
  'SSN 219-09-9999 email maria.lopez@example.com',
].join('\n');

/** Runs the command with stdin fed in the given chunks (to cross chunk boundaries). */
async function cli(chunks: (string | Buffer)[], argv: string[] = [], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const bytes: Buffer[] = [];
  const io: CommandIO = {
    stdout: (t) => void (stdout += t),
    stdoutBytes: (b) => {
      bytes.push(Buffer.from(b));
      stdout += Buffer.from(b).toString('utf8');
    },
    stderr: (t) => void (stderr += t),
    stdin: Readable.from(chunks),
    stderrIsTTY: false,
    env,
    cwd: process.cwd(),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr, bytes: Buffer.concat(bytes) };
}

describe('chaperone redact (injected IO)', () => {
  it('redacts line for line and keeps operational tokens', async () => {
    const { code, stdout } = await cli([INPUT + '\n']);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'Patient <NAME> DOB <DATE> called from <PHONE>',
      'delivered SM0123456789abcdef0123456789abcdef at 2024-03-05T12:00:00Z error 30007',
      '',
      'SSN <SSN> email <EMAIL>',
      '',
    ]);
    for (const secret of SEEDED_PHI) expect(stdout).not.toContain(secret);
  });

  it('preserves a missing final newline and CRLF line ends', async () => {
    expect((await cli(['a 219-09-9999\r\nb'])).stdout).toBe('a <SSN>\r\nb');
    expect((await cli(['x\n'])).stdout).toBe('x\n');
    expect((await cli([])).stdout).toBe('');
  });

  it('is independent of how the input is chunked, including inside a UTF-8 character', async () => {
    const text = 'Café owner José at 415-555-2671\nnext line ✓\n';
    const bytes = Buffer.from(text, 'utf8');
    const oneByOne = [...bytes].map((b) => Buffer.from([b]));
    const whole = await cli([bytes]);
    expect((await cli(oneByOne)).stdout).toBe(whole.stdout);
    // "owner" announces a person since issue 14's recall work: José is redacted too.
    expect(whole.stdout).toBe('Café owner <NAME> at <PHONE>\nnext line ✓\n');
  });

  it('passes bytes that are not UTF-8 through unchanged and redacts the text around them', async () => {
    const latin1 = Buffer.from('caf\xe9 ouvert\n', 'latin1');
    expect((await cli([latin1])).bytes.equals(latin1)).toBe(true);
    const mixed = Buffer.concat([Buffer.from('SSN 219-09-9999 '), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(' caf'), Buffer.from([0xe9, 0x0a])]);
    const out = (await cli([mixed])).bytes;
    expect(out.equals(Buffer.concat([Buffer.from('SSN <SSN> '), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(' caf'), Buffer.from([0xe9, 0x0a])]))).toBe(true);
  });

  it('random bytes come out byte for byte (nothing to redact in them)', async () => {
    // Seeded bytes without digits or letters: no recognizer can fire, so every byte must survive.
    let seed = 7;
    const random = Buffer.alloc(200_000);
    for (let i = 0; i < random.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const b = seed >> 16 & 0xff;
      random[i] = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x40 ? 0x20 : b;
    }
    const chunks = [random.subarray(0, 777), random.subarray(777, 150_001), random.subarray(150_001)];
    expect((await cli(chunks)).bytes.equals(random)).toBe(true);
  });

  it('mask style', async () => {
    expect((await cli(['call 415-555-2671\n'], ['--style', 'mask'])).stdout).toBe('call 415555****\n');
  });

  it('hash style takes its key from CHAPERONE_REDACT_KEY', async () => {
    const env = { CHAPERONE_REDACT_KEY: 'a-test-key-0123456789' };
    const a = await cli(['call 415-555-2671\n'], ['--style', 'hash'], env);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^call <PHONE:[0-9a-f]{8}>\n$/);
    expect((await cli(['call (415) 555-2671\n'], ['--style', 'hash'], env)).stdout).toBe(a.stdout);
  });

  it('hash style without a key is a usage error naming the variable', async () => {
    const { code, stdout, stderr } = await cli(['call 415-555-2671\n'], ['--style', 'hash']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/CHAPERONE_REDACT_KEY/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--check prints only line numbers and types, exit 1 when PHI is found', async () => {
    const { code, stdout } = await cli([INPUT], ['--check']);
    expect(code).toBe(1);
    expect(stdout).toBe('line 1: NAME, DATE, PHONE\nline 4: SSN, EMAIL\n');
    for (const secret of SEEDED_PHI) expect(stdout).not.toContain(secret);
  });

  it('--check exits 0 on clean input', async () => {
    const { code, stdout } = await cli(['error 30007 for SM0123456789abcdef0123456789abcdef\n'], ['--check']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('rejects an unknown style with a one-line error', async () => {
    const { code, stderr } = await cli([''], ['--style', 'blur']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--style "blur" is unknown: use mask, tag or hash/);
  });
});

describe('chaperone redact (spawned)', () => {
  const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/chaperone.js');

  it('streams stdin to stdout through the real binary', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `ok ${i}` : `Patient Maria Lopez ${i} SSN 219-09-9999`));
    const input = lines.join('\n');
    const res = spawnSync(process.execPath, [bin, 'redact'], { input, encoding: 'utf8' });
    expect(res.status).toBe(0);
    const out = res.stdout.split('\n');
    expect(out).toHaveLength(2000);
    expect(out[0]).toBe('Patient <NAME> 0 SSN <SSN>');
    expect(out[1999]).toBe('ok 1999');
    expect(res.stdout.endsWith('\n')).toBe(false);
    for (const secret of SEEDED_PHI) expect(res.stdout + res.stderr).not.toContain(secret);
  });

  it('keeps Latin-1 and other non-UTF-8 bytes through the real binary', () => {
    const input = Buffer.concat([Buffer.from('caf\xe9 r\xe9sum\xe9 SSN 219-09-9999\n', 'latin1'), Buffer.from([0x80, 0xfe, 0x0a])]);
    const res = spawnSync(process.execPath, [bin, 'redact'], { input });
    expect(res.status).toBe(0);
    expect(res.stdout.equals(Buffer.concat([Buffer.from('caf\xe9 r\xe9sum\xe9 SSN <SSN>\n', 'latin1'), Buffer.from([0x80, 0xfe, 0x0a])]))).toBe(true);
  });

  it('--check through the real binary exits 1 and prints no PHI', () => {
    const res = spawnSync(process.execPath, [bin, 'redact', '--check'], { input: INPUT, encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('line 1: NAME, DATE, PHONE\nline 4: SSN, EMAIL\n');
  });
}, 30_000);
