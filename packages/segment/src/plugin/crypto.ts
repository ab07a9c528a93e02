// Field protection with node:crypto: HMAC-SHA256 for pseudonymous joins (same input, same
// output under one key) and AES-256-GCM for values a BAA-covered receiver must read back.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** Accepts a 32-byte key as a Buffer, 64 hex characters or base64. */
export function parseKey(key: Buffer | string, name: string): Buffer {
  const bytes = Buffer.isBuffer(key) ? key : /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes (64 hex characters or base64); fix: generate one with \`openssl rand -hex 32\``);
  return bytes;
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function hmacField(value: unknown, key: Buffer): string {
  return createHmac('sha256', key).update(text(value)).digest('hex');
}

/** `enc:v1:<iv>.<tag>.<ciphertext>` (base64url), the JSON of the value encrypted with AES-256-GCM. */
export function encryptField(value: unknown, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext.toString('base64url')}`;
}

/** The receiving side's inverse of encryptField. Throws on a tampered or foreign value. */
export function decryptField(sealed: string, key: Buffer): unknown {
  if (!sealed.startsWith(PREFIX)) throw new Error('not an enc:v1 value');
  const [iv, tag, ciphertext] = sealed.slice(PREFIX.length).split('.');
  if (!iv || !tag || ciphertext === undefined) throw new Error('malformed enc:v1 value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8'));
}
