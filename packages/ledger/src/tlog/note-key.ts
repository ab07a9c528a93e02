// Keys in the encodings of the signed-note format (https://c2sp.org/signed-note, as in Go's
// golang.org/x/mod/sumdb/note): signer "PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>"
// and verifier "<name>+<hex key id>+<base64(0x01 ‖ public key)>", 0x01 meaning Ed25519.
// Ed25519 itself is node:crypto; only the text encodings are written here.
import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { LedgerInputError } from './errors.ts';
import { isWellFormed } from './well-formed.ts';

export const ED25519 = 0x01;

export interface NoteKeyPair {
  /** Secret: whoever has it can sign checkpoints. */
  signerKey: string;
  verifierKey: string;
}

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  privateKey: KeyObject;
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

// PKCS#8 DER of an Ed25519 private key is this fixed prefix followed by the 32-byte seed
// (RFC 8410 §7); node:crypto takes keys as DER or PEM, not as a bare seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Valid key names: non-empty, well-formed, no Unicode space and no "+" (as Go's isValidName). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && isWellFormed(name) && !/[\s\u0085+]/u.test(name);
}

/** The 4-byte key id: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. */
export function keyIdOf(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, ED25519])).update(publicKey).digest().subarray(0, 4);
}

export function generateNoteKey(name: string): NoteKeyPair {
  if (!isValidKeyName(name)) throw new LedgerInputError('key name: must be non-empty, without spaces or "+"');
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length);
  return noteKeyFromSeed(name, seed);
}

/** The key pair of a known 32-byte Ed25519 seed (for tests and known-answer checks). */
export function noteKeyFromSeed(name: string, seed: Uint8Array): NoteKeyPair {
  if (!isValidKeyName(name)) throw new LedgerInputError('key name: must be non-empty, without spaces or "+"');
  if (seed.length !== 32) throw new LedgerInputError('Ed25519 seed: must be 32 bytes');
  const pub = rawPublicKey(privateKeyOf(seed));
  const id = keyIdOf(name, pub).toString('hex');
  return {
    signerKey: `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`,
    verifierKey: `${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), pub]).toString('base64')}`,
  };
}

/** Parses a signer key; the message never repeats the key. */
export function parseSignerKey(signerKey: string): NoteSigner {
  const bad = (why: string): never => {
    throw new LedgerInputError(`signer key: ${why} (expected PRIVATE+KEY+<name>+<8 hex>+<base64>)`);
  };
  const parts = signerKey.trim().split('+');
  if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') bad('not a signed-note signer key');
  // The base64 part may itself contain "+".
  const [name, hexId, ...rest] = parts.slice(2) as [string, string, ...string[]];
  const key = decodeKeyData(rest.join('+')) ?? bad('key data is not standard base64');
  if (!isValidKeyName(name)) bad('bad name');
  if (!/^[0-9a-f]{8}$/.test(hexId)) bad('key id is not 8 lower-case hex digits');
  if (key[0] !== ED25519 || key.length !== 33) bad('not an Ed25519 key');
  const privateKey = privateKeyOf(key.subarray(1));
  const keyId = keyIdOf(name, rawPublicKey(privateKey));
  if (keyId.toString('hex') !== hexId) bad('key id does not match the key');
  return { name, keyId, privateKey };
}

/** Parses a verifier key. */
export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const bad = (why: string): never => {
    throw new LedgerInputError(`verifier key: ${why} (expected <name>+<8 hex>+<base64>)`);
  };
  const parts = verifierKey.trim().split('+');
  if (parts.length < 3 || parts[0] === 'PRIVATE') bad('not a signed-note verifier key');
  const [name, hexId, ...rest] = parts as [string, string, ...string[]];
  const key = decodeKeyData(rest.join('+')) ?? bad('key data is not standard base64');
  if (!isValidKeyName(name)) bad('bad name');
  if (!/^[0-9a-f]{8}$/.test(hexId)) bad('key id is not 8 lower-case hex digits');
  if (key[0] !== ED25519 || key.length !== 33) bad('not an Ed25519 key');
  const pub = key.subarray(1);
  const keyId = keyIdOf(name, pub);
  if (keyId.toString('hex') !== hexId) bad('key id does not match the key');
  return { name, keyId, publicKey: createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, pub]), format: 'der', type: 'spki' }) };
}

function privateKeyOf(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
}

/** Strict standard base64 (padding required, nothing Buffer would silently skip), or undefined. */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function decodeKeyData(text: string): Buffer | undefined {
  const bytes = decodeStrictBase64(text);
  return bytes && bytes.length > 0 ? bytes : undefined;
}
