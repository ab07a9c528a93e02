// FORMAT.md's worked example, recomputed: every value the page shows must be what the code
// produces, and what the page's own formulas give with nothing but node:crypto.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalBytes,
  consistencyProof,
  formatCheckpoint,
  inclusionProof,
  leafHash,
  noteKeyFromSeed,
  openNote,
  parseCheckpoint,
  rootOf,
  signNote,
  verifyConsistency,
  verifyInclusion,
} from '../../src/tlog/index.ts';

const doc = readFileSync(new URL('../../FORMAT.md', import.meta.url), 'utf8');
const blocks = new Map<string, string>();
for (const m of doc.matchAll(/<!-- example:([\w-]+) -->\n```[a-z]*\n([\s\S]*?)\n```/g)) blocks.set(m[1]!, m[2]!);
const block = (name: string): string => {
  const b = blocks.get(name);
  if (b === undefined) throw new Error(`FORMAT.md has no example block ${name}`);
  return b;
};
const hexLines = (name: string): string[] => block(name).split('\n');
const sha = (...parts: (Uint8Array | number[])[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(Uint8Array.from(p));
  return h.digest();
};

const lines = block('entries').split('\n');
const entries = lines.map((l) => JSON.parse(l) as unknown);
const leaves = entries.map((e) => leafHash(canonicalBytes(e)));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('FORMAT.md worked example', () => {
  it('has all its blocks', () => {
    expect([...blocks.keys()].sort()).toEqual(
      ['consistency-2-to-3', 'entries', 'head-2', 'head-3', 'inclusion-1-in-3', 'leaf-hashes', 'signed-checkpoint', 'verifier-key'].sort(),
    );
  });

  it('entries are shown in canonical form, and their leaf hashes are SHA-256(0x00 ‖ bytes)', () => {
    entries.forEach((e, i) => expect(Buffer.from(canonicalBytes(e)).toString()).toBe(lines[i]));
    expect(leaves.map(hex)).toEqual(hexLines('leaf-hashes'));
    expect(lines.map((l) => hex(sha([0], Buffer.from(l))))).toEqual(hexLines('leaf-hashes'));
  });

  it('heads follow the page’s MTH formulas', () => {
    const [l0, l1, l2] = leaves as [Buffer, Buffer, Buffer];
    const head2 = sha([1], l0, l1);
    expect(hex(head2)).toBe(block('head-2'));
    expect(hex(sha([1], head2, l2))).toBe(block('head-3'));
    expect(hex(rootOf(leaves.slice(0, 2)))).toBe(block('head-2'));
    expect(hex(rootOf(leaves))).toBe(block('head-3'));
  });

  it('proofs are what the code generates, and verify', () => {
    const head2 = Buffer.from(block('head-2'), 'hex');
    const head3 = Buffer.from(block('head-3'), 'hex');
    const incl = hexLines('inclusion-1-in-3').map((h) => Buffer.from(h, 'hex'));
    const cons = hexLines('consistency-2-to-3').map((h) => Buffer.from(h, 'hex'));
    expect(inclusionProof(1, leaves).map(hex)).toEqual(hexLines('inclusion-1-in-3'));
    expect(consistencyProof(2, leaves).map(hex)).toEqual(hexLines('consistency-2-to-3'));
    expect(verifyInclusion(1, 3, leaves[1]!, incl, head3)).toBe(true);
    expect(verifyConsistency(2, 3, head2, head3, cons)).toBe(true);
  });

  it('the key, key id and signed checkpoint come from the published seed', () => {
    const name = 'example.com/chaperone-ledger';
    const seed = sha(Buffer.from('chaperone FORMAT.md example key'));
    const keys = noteKeyFromSeed(name, seed);
    expect(keys.verifierKey).toBe(block('verifier-key'));
    const pub = Buffer.from(keys.verifierKey.split('+').slice(2).join('+'), 'base64'); // base64 may hold '+'
    expect(pub[0]).toBe(0x01);
    expect(keys.verifierKey.split('+')[1]).toBe(hex(sha(Buffer.from(name), [0x0a], pub).subarray(0, 4)));

    const text = formatCheckpoint({ origin: name, size: 3, rootHash: rootOf(leaves), extensions: [] });
    const note = `${block('signed-checkpoint')}\n`;
    expect(signNote(text, keys.signerKey)).toBe(note);
    expect(parseCheckpoint(openNote(note, keys.verifierKey).text)).toEqual({ origin: name, size: 3, rootHash: rootOf(leaves), extensions: [] });

    // The page's description of the signature line, checked with node:crypto alone.
    const [body, sigLine] = note.split('\n\n') as [string, string];
    expect(sigLine.startsWith(`\u2014 ${name} `)).toBe(true);
    const raw = Buffer.from(sigLine.slice(`\u2014 ${name} `.length).trimEnd(), 'base64');
    expect(hex(raw.subarray(0, 4))).toBe(keys.verifierKey.split('+')[1]);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pub.subarray(1).toString('base64url') }, format: 'jwk' });
    expect(verify(null, Buffer.from(`${body}\n`), publicKey, raw.subarray(4))).toBe(true);
  });
});
