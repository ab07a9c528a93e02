// The checkpoint signing key: an Ed25519 key in a file of its own (mode 0600, its verifier
// key beside it in PATH.pub), never in the database, so a person who can write the database
// still cannot sign a checkpoint.
import { existsSync } from 'node:fs';
import { createKeyFile, openNote, readSignerKey, readVerifierKey, signNote } from './tlog/index.ts';
import type { CheckpointSigner } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import type { NoteOpener } from './verify.ts';

export const DEFAULT_KEY_PATH = '.chaperone/ledger.key';

/** C2SP verifier key text: name+keyhash(8 hex)+base64(0x01 || Ed25519 key). */
const VERIFIER_KEY = /^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/;

export function loadSigner(path: string): CheckpointSigner {
  if (!existsSync(path)) throw new LedgerError(`no signing key at ${path}; \`chaperone ledger init\` creates one, or point --ledger-key at it`);
  try {
    const signerKey = readSignerKey(path);
    const verifierKey = readVerifierKey(`${path}.pub`);
    return { verifierKey, sign: (text) => signNote(text, signerKey), keyFile: path };
  } catch (error) {
    throw new LedgerError(`cannot use the signing key ${path}: ${oneLine(error)}`);
  }
}

/** Loads the key at `path`, or creates it (named after the ledger's origin) when there is none. */
export function ensureSigner(path: string, name: string): { signer: CheckpointSigner; created: boolean } {
  if (existsSync(path)) return { signer: loadSigner(path), created: false };
  try {
    createKeyFile(path, name);
  } catch (error) {
    // Another scan created it a moment ago: use that one.
    if (existsSync(path) && existsSync(`${path}.pub`)) return { signer: loadSigner(path), created: false };
    throw new LedgerError(`cannot create the signing key ${path}: ${oneLine(error)}; check the directory is writable`);
  }
  return { signer: loadSigner(path), created: true };
}

/** Reads a verifier key given as its text or as a file holding it (PATH.pub). */
export function verifierKeyFrom(value: string): string {
  const text = value.trim();
  if (VERIFIER_KEY.test(text)) return text;
  if (existsSync(text)) {
    try {
      return readVerifierKey(text);
    } catch (error) {
      throw new LedgerError(oneLine(error));
    }
  }
  throw new LedgerError('the verifier key is neither a key (name+hash+key, as `chaperone ledger init` prints it) nor a file holding one');
}

/** Opens notes signed by the holder of `verifierKey` (C2SP vkey text). */
export function noteOpener(verifierKey: string): NoteOpener {
  return (note) => openNote(note, verifierKey).text;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
