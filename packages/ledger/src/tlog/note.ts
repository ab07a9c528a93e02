// C2SP signed notes (https://c2sp.org/signed-note), Ed25519 only, following Go's
// golang.org/x/mod/sumdb/note: the text (ending in a newline), a blank line, then one line per
// signature "— <name> <base64(key id ‖ signature)>". Signatures by keys we do not hold are
// ignored, as the spec asks, so a witness may cosign the same note.
import { sign, verify } from 'node:crypto';
import { LedgerInputError, NoteVerificationError } from './errors.ts';
import { decodeStrictBase64, isValidKeyName, parseSignerKey, parseVerifierKey } from './note-key.ts';
import { isWellFormed } from './well-formed.ts';

const SIGNATURE_PREFIX = '\u2014 ';
/** Go's limit: past it a note is refused rather than parsed at length. */
const MAX_SIGNATURES = 100;

/** Signs `text` (which must end in a newline) and returns the signed note. */
export function signNote(text: string, signerKey: string): string {
  const problem = textProblem(text);
  if (problem) throw new LedgerInputError(`note text: ${problem}`);
  const signer = parseSignerKey(signerKey);
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
}

/**
 * Opens a signed note with one verifier key: returns its text if that key signed it, else throws
 * NoteVerificationError. A verifier key that does not parse is the caller's error: LedgerInputError.
 */
export function openNote(note: string, verifierKey: string): { text: string } {
  const verifier = parseVerifierKey(verifierKey);
  const malformed = (why: string): never => {
    throw new NoteVerificationError('malformed', why);
  };
  const split = note.lastIndexOf('\n\n');
  if (split < 0) malformed('no blank line between the text and the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  const problem = textProblem(text);
  if (problem) malformed(`the text ${problem}`);
  if (block.length === 0 || !block.endsWith('\n')) malformed('the signature lines must end with a newline');
  if (!isWellFormed(block) || hasControlCharacter(block)) malformed('control character or broken Unicode in the signatures');

  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) malformed(`more than ${MAX_SIGNATURES} signatures`);
  const seen: string[] = [];
  let ours: Buffer | undefined;
  lines.forEach((line, i) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) malformed(`signature line ${i + 1} does not start with "— "`);
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const raw = space < 0 ? undefined : decodeStrictBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || raw === undefined || raw.length < 5) malformed(`signature line ${i + 1} is not "— <name> <base64>"`);
    const keyId = raw!.subarray(0, 4);
    seen.push(`${name}+${keyId.toString('hex')}`);
    if (name === verifier.name && keyId.equals(verifier.keyId)) {
      const signature = raw!.subarray(4);
      if (ours !== undefined && !ours.equals(signature)) malformed('two different signatures by the same key');
      ours = signature;
    }
  });
  const expected = `${verifier.name}+${verifier.keyId.toString('hex')}`;
  if (ours === undefined) throw new NoteVerificationError('unknown key', `not signed by ${expected} (signed by ${seen.join(', ')})`);
  if (!verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, ours)) {
    throw new NoteVerificationError('bad signature', `the signature by ${expected} does not match the text`);
  }
  return { text };
}

// Notes are UTF-8 text with newlines as the only control character; the text ends in a newline.
function textProblem(text: string): string | undefined {
  if (!text.endsWith('\n')) return 'must end with a newline';
  if (!isWellFormed(text)) return 'holds broken Unicode (a lone surrogate)';
  if (hasControlCharacter(text)) return 'holds a control character other than newline';
  return undefined;
}

/** True if `s` holds an ASCII control character (below U+0020) other than newline. */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}
