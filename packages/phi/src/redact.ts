// Rewrites the PHI spans of a text in one of three styles: `mask` keeps the shape (letters
// and digits become `*`, phones go through maskPhoneNumber), `tag` names the type
// (`<PHONE>`), `hash` gives a stable keyed token (`<PHONE:3f2a9c1b>`) so the same patient
// stays correlatable across tickets without being readable.
import { createHmac } from 'node:crypto';
import { detectPhi } from './engine.ts';
import { maskPhoneNumber } from './mask.ts';
import type { PhiHit, PhiType, RedactOptions } from './types.ts';

const ALNUM = /[\p{L}\p{N}]/gu;
const HASH_HEX_CHARS = 8;

function normaliseForHash(type: PhiType, value: string): string {
  // The same number or address written two ways must hash the same.
  if (type === 'PHONE' || type === 'FAX' || type === 'SSN' || type === 'ACCOUNT') return value.replace(/\D/g, '');
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function maskValue(type: PhiType, value: string): string {
  if (type === 'PHONE' || type === 'FAX') {
    const masked = maskPhoneNumber(value);
    if (masked !== '****') return masked;
  }
  return value.replace(ALNUM, '*');
}

export function hashToken(type: PhiType, value: string, key: string): string {
  const digest = createHmac('sha256', key).update(`${type}:${normaliseForHash(type, value)}`).digest('hex');
  return `<${type}:${digest.slice(0, HASH_HEX_CHARS)}>`;
}

/** Checks options once, before any text is touched: the hash style without a key fails closed. */
export function checkRedactOptions(opts: RedactOptions): void {
  const style = opts.style ?? 'tag';
  if (style !== 'mask' && style !== 'tag' && style !== 'hash') {
    throw new Error(`redact style "${String(style)}" is unknown: use mask, tag or hash`);
  }
  if (style === 'hash' && !opts.hashKey) {
    throw new Error('redact style "hash" needs a hashKey (a secret, e.g. from CHAPERONE_REDACT_KEY)');
  }
}

export function replacement(type: PhiType, value: string, opts: RedactOptions): string {
  switch (opts.style ?? 'tag') {
    case 'mask':
      return maskValue(type, value);
    case 'hash':
      return hashToken(type, value, opts.hashKey as string);
    default:
      return `<${type}>`;
  }
}

/** `text` with the given hits (sorted, non-overlapping) replaced. */
export function applyHits(text: string, hits: readonly PhiHit[], opts: RedactOptions): string {
  if (hits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const hit of hits) {
    out += text.slice(at, hit.start) + replacement(hit.type, text.slice(hit.start, hit.end), opts);
    at = hit.end;
  }
  return out + text.slice(at);
}

/** `text` with every PHI hit at or above `minConfidence` redacted in the chosen style (default `tag`). */
export function redactPhi(text: string, opts: RedactOptions = {}): string {
  checkRedactOptions(opts);
  const hits = detectPhi(text, { minConfidence: opts.minConfidence });
  return applyHits(text, hits, opts);
}

/** Text safe to paste into a support ticket (the guide forbids PHI there): tag style. */
export function sanitizeForSupport(text: string): string {
  return redactPhi(text, { style: 'tag' });
}
