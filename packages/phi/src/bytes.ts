// Lossless text view of arbitrary bytes, so a redactor changes only what it redacts. Valid
// UTF-8 decodes as usual; each byte that is not part of a valid UTF-8 sequence becomes the
// lone surrogate U+DC00 + byte (Python's "surrogateescape"), which no valid UTF-8 text can
// hold, which is not a letter or digit to any recognizer, and which `encodeEscaped` turns
// back into the same byte. Latin-1 "caf\xe9" round-trips byte for byte.
// Hand-written: Node's TextDecoder can only replace (U+FFFD) or throw, and no well-kept npm
// package offers surrogateescape.
import { isUtf8 } from 'node:buffer';

const ESCAPE_BASE = 0xdc00;

/** Length of the valid UTF-8 sequence starting at `i` (RFC 3629: no overlongs, no surrogates, <= U+10FFFF), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const c = b[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** `bytes` as a string, undecodable bytes escaped as U+DC80..U+DCFF. */
export function decodeEscaped(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (run < i) parts.push(bytes.toString('utf8', run, i));
    parts.push(String.fromCharCode(ESCAPE_BASE + (bytes[i] as number)));
    i++;
    run = i;
  }
  if (run < bytes.length) parts.push(bytes.toString('utf8', run));
  return parts.join('');
}

const isEscape = (c: number): boolean => c >= 0xdc80 && c <= 0xdcff;
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** The bytes `decodeEscaped` read `text` from: escaped bytes restored, the rest UTF-8. */
export function encodeEscaped(text: string): Buffer {
  const parts: Buffer[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate right after a high one is half of a real character, not an escape.
    if (!isEscape(c) || (i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) continue;
    if (run < i) parts.push(Buffer.from(text.slice(run, i), 'utf8'));
    parts.push(Buffer.from([c - ESCAPE_BASE]));
    run = i + 1;
  }
  if (parts.length === 0) return Buffer.from(text, 'utf8');
  if (run < text.length) parts.push(Buffer.from(text.slice(run), 'utf8'));
  return Buffer.concat(parts);
}
