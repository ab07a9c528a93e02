import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerInputError, createKeyFile, openNote, readSignerKey, readVerifierKey, signNote } from '../../src/tlog/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tlog-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('key files', () => {
  it('writes the signer key 0600 in a new 0700 directory and the verifier key beside it', () => {
    const path = join(dir, 'keys', 'ledger.key');
    const { verifierKey } = createKeyFile(path, 'chaperone.example/ledger');
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readVerifierKey(`${path}.pub`)).toBe(verifierKey);
    const signer = readSignerKey(path);
    expect(readFileSync(`${path}.pub`, 'utf8')).not.toContain(signer.split('+')[4]);
    expect(openNote(signNote('x\n', signer), readVerifierKey(`${path}.pub`))).toEqual({ text: 'x\n' });
  });

  it('never replaces an existing key or verifier file', () => {
    const path = join(dir, 'ledger.key');
    createKeyFile(path, 'n');
    const before = readFileSync(path, 'utf8');
    expect(() => createKeyFile(path, 'n')).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    const other = join(dir, 'other.key');
    writeFileSync(`${other}.pub`, 'keep me');
    expect(() => createKeyFile(other, 'n')).toThrow(LedgerInputError);
    expect(readFileSync(`${other}.pub`, 'utf8')).toBe('keep me');
    expect(() => statSync(other)).toThrow();
  });

  it.each([0o640, 0o604, 0o644, 0o660])('refuses a signer key file with mode %o, saying chmod 600 PATH and not the key', (mode) => {
    const path = join(dir, 'ledger.key');
    createKeyFile(path, 'n');
    const key = readFileSync(path, 'utf8').trim();
    chmodSync(path, mode);
    let message = '';
    try {
      readSignerKey(path);
    } catch (e) {
      expect(e).toBeInstanceOf(LedgerInputError);
      message = (e as Error).message;
    }
    expect(message).toContain(`chmod 600 ${path}`);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toContain(key.split('+')[4]);
  });

  it('names a missing or wrong file in one line', () => {
    expect(() => readSignerKey(join(dir, 'none'))).toThrow(/none: no such key file/);
    const path = join(dir, 'wrong.key');
    writeFileSync(path, 'not a key\n', { mode: 0o600 });
    expect(() => readSignerKey(path)).toThrow(/signer key/);
    expect(() => readVerifierKey(path)).toThrow(/verifier key/);
    expect(() => readVerifierKey(dir)).toThrow(/cannot be read as a key file/);
  });
});
