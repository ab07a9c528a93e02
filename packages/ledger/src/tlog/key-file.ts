// The signing key lives in a file of its own, outside the ledger database, readable by its
// owner only; the verifier key sits beside it in PATH.pub to hand to auditors.
import { closeSync, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { LedgerInputError } from './errors.ts';
import { generateNoteKey, parseSignerKey, parseVerifierKey } from './note-key.ts';

/** Creates a new key pair named `name`: the signer key at `path` (mode 0600), the verifier key at `path.pub`. Refuses to replace either. */
export function createKeyFile(path: string, name: string): { verifierKey: string } {
  const pubPath = `${path}.pub`;
  for (const p of [path, pubPath]) {
    if (existsSync(p)) throw new LedgerInputError(`${p} already exists; refusing to replace a signing key (move it away first, or use another --key path)`);
  }
  const { signerKey, verifierKey } = generateNoteKey(name);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeNew(path, `${signerKey}\n`, 0o600);
  writeNew(pubPath, `${verifierKey}\n`, 0o644);
  return { verifierKey };
}

/** Reads a signer key file, refusing one that group or others could read. */
export function readSignerKey(path: string): string {
  const mode = statOf(path).mode;
  if ((mode & 0o077) !== 0) {
    throw new LedgerInputError(`${path} can be read by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
  }
  return checked(path, parseSignerKey);
}

/** Reads a verifier key file (PATH.pub as written by createKeyFile, or one an auditor was given). */
export function readVerifierKey(path: string): string {
  statOf(path);
  return checked(path, parseVerifierKey);
}

// The parsers' messages say what is wrong with a key without quoting it.
function checked(path: string, parse: (key: string) => unknown): string {
  let key: string;
  try {
    key = readFileSync(path, 'utf8').trim();
  } catch {
    throw new LedgerInputError(`${path}: cannot be read as a key file`);
  }
  try {
    parse(key);
  } catch (e) {
    throw new LedgerInputError(`${path}: ${(e as Error).message}`);
  }
  return key;
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch {
    throw new LedgerInputError(`${path}: no such key file (create one with chaperone ledger init)`);
  }
}

function writeNew(path: string, text: string, mode: number): void {
  // 'wx' fails if the file appeared since the check above, so nothing is ever overwritten.
  const fd = openSync(path, 'wx', mode);
  try {
    fchmodSync(fd, mode); // the umask may have narrowed the mode; never widened, but be exact
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
