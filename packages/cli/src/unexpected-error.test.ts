import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from './io.ts';
import { runCommand } from './main.ts';

const TOKEN = 'f3a9c0d1e2b4a5968778695a4b3c2d1e';
const PATIENT_NUMBER = '+14155550123';

function capture(env: NodeJS.ProcessEnv = {}): { io: CommandIO; stderr: () => string } {
  let err = '';
  const io: CommandIO = { stdout: () => {}, stderr: (t) => void (err += t), stdin: new PassThrough(), stderrIsTTY: false, env, cwd: process.cwd() };
  return { io, stderr: () => err };
}

// What a driver or SDK error can look like: its message quotes the request it failed on.
function leakyError(): Error {
  return Object.assign(new TypeError(`cannot read "to" of https://AC1:${TOKEN}@api.twilio.com/Messages?To=${PATIENT_NUMBER}`), { code: 'ERR_INVALID_URL' });
}
const failing = { summary: 'test', run: async () => { throw leakyError(); } };

describe('the catch-all for an error no command expected', () => {
  it('prints one line naming its kind, never its message (no token, no patient number, no stack), exit 2', async () => {
    const { io, stderr } = capture();
    expect(await runCommand('scan', failing, [], io)).toBe(2);
    const printed = stderr();
    expect(printed.trimEnd().split('\n')).toHaveLength(1);
    expect(printed).toMatch(/^chaperone scan: unexpected error \(TypeError ERR_INVALID_URL\);.*CHAPERONE_DEBUG=1/);
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain('4155550123');
    expect(printed).not.toMatch(/\n\s+at /);
  });

  it('a thrown non-Error is named by its type', async () => {
    const { io, stderr } = capture();
    const throwsString = { summary: 'test', run: async () => { throw `token ${TOKEN}`; } };
    expect(await runCommand('ledger', throwsString, [], io)).toBe(2);
    expect(stderr()).toMatch(/^chaperone ledger: unexpected error \(string\);/);
    expect(stderr()).not.toContain(TOKEN);
  });

  it('CHAPERONE_DEBUG=1 adds the stack, which the user chose to see', async () => {
    const { io, stderr } = capture({ CHAPERONE_DEBUG: '1' });
    expect(await runCommand('scan', failing, [], io)).toBe(2);
    expect(stderr()).toMatch(/\n\s+at /);
  });
});
