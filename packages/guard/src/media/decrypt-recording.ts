import { createDecipheriv, constants, privateDecrypt, type DecipherGCM, type KeyLike } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** The `encryption_details` of a Recording (or the recordingStatusCallback parameter). */
export interface RecordingEncryptionDetails {
  type: string;
  encrypted_cek: string;
  iv: string;
  public_key_sid?: string;
}

export class RecordingDecryptionError extends Error {
  override readonly name = 'RecordingDecryptionError';
}

const GCM_TAG_BYTES = 16;

/**
 * Decrypts a recording made with Voice Recording Encryption, streaming. Twilio's documented
 * scheme (type `rsa-aes`): the per-recording content key (CEK) is wrapped with the
 * customer's RSA public key using RSAES-OAEP with SHA-256 and MGF1-SHA-256; the media is
 * AES-256-GCM with the given 12-byte IV and the 16-byte tag appended to the ciphertext.
 *
 * Plaintext is emitted before the tag can be checked (that is what streaming GCM means);
 * the stream errors at the end if the tag does not match, so treat output as untrusted
 * until 'finish'.
 */
export function decryptRecording(details: RecordingEncryptionDetails | string, privateKey: KeyLike): Transform {
  const parsed: RecordingEncryptionDetails = typeof details === 'string' ? parseDetails(details) : details;
  if (parsed.type !== 'rsa-aes') throw new RecordingDecryptionError(`encryption_details.type is "${String(parsed.type)}"; only "rsa-aes" (Voice Recording Encryption) is supported`);
  let cek: Buffer;
  try {
    cek = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(parsed.encrypted_cek, 'base64'));
  } catch {
    throw new RecordingDecryptionError('encrypted_cek could not be unwrapped; use the private key matching public_key_sid');
  }
  const iv = Buffer.from(parsed.iv, 'base64');
  if (cek.length !== 32) throw new RecordingDecryptionError('the content key is not 256 bits; encryption_details do not match Voice Recording Encryption');
  if (iv.length === 0) throw new RecordingDecryptionError('encryption_details.iv is empty');
  const decipher = createDecipheriv('aes-256-gcm', cek, iv, { authTagLength: GCM_TAG_BYTES }) as DecipherGCM;
  return new GcmTailTransform(decipher);
}

function parseDetails(text: string): RecordingEncryptionDetails {
  try {
    return JSON.parse(text) as RecordingEncryptionDetails;
  } catch {
    throw new RecordingDecryptionError('encryption_details is not JSON; pass the object from the Recording resource');
  }
}

// The tag is the last 16 bytes of the stream, which is only known at the end: always hold
// back the most recent 16 bytes and decrypt everything before them.
class GcmTailTransform extends Transform {
  #tail: Buffer = Buffer.alloc(0);

  constructor(private readonly decipher: DecipherGCM) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.#tail.length ? Buffer.concat([this.#tail, chunk]) : chunk;
    if (data.length <= GCM_TAG_BYTES) {
      this.#tail = data;
      return callback();
    }
    this.#tail = Buffer.from(data.subarray(data.length - GCM_TAG_BYTES));
    callback(null, this.decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)));
  }

  override _flush(callback: TransformCallback): void {
    if (this.#tail.length !== GCM_TAG_BYTES) return callback(new RecordingDecryptionError('the recording is truncated: no authentication tag'));
    try {
      this.decipher.setAuthTag(this.#tail);
      callback(null, this.decipher.final());
    } catch {
      callback(new RecordingDecryptionError('the recording failed authentication: it was altered, truncated, or the key does not match'));
    }
  }
}
