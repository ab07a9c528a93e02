import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_ROOT, leafHash, nodeHash, rootOf } from '../../src/tlog/index.ts';
import { RFC6962_LEAVES, referenceRoot } from './merkle-reference.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('hashes', () => {
  it('EMPTY_ROOT is SHA-256 of nothing', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('leafHash prefixes 0x00 (RFC 6962 test leaf "" hashes to 6e340b9c…)', () => {
    expect(hex(leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });
  it('nodeHash prefixes 0x01 and is ordered', () => {
    const a = leafHash(Buffer.from('a'));
    const b = leafHash(Buffer.from('b'));
    expect(nodeHash(a, b).equals(referenceRoot([Buffer.from('a'), Buffer.from('b')]))).toBe(true);
    expect(nodeHash(a, b).equals(nodeHash(b, a))).toBe(false);
    // Domain separation: a node is never the leaf hash of its own preimage.
    expect(nodeHash(a, b).equals(leafHash(Buffer.concat([a, b])))).toBe(false);
  });
});

describe('rootOf', () => {
  // Every (size, root) the happy-path proof vectors state for the RFC 6962 test tree.
  const dir = new URL('../vectors/rfc9162-merkle/', import.meta.url);
  const known = new Map<number, string>();
  for (const kind of ['inclusion', 'consistency']) {
    for (const sub of readdirSync(new URL(`${kind}/`, dir))) {
      let text: string;
      try {
        text = readFileSync(new URL(`${kind}/${sub}/happy-path.json`, dir), 'utf8');
      } catch {
        continue;
      }
      const c = JSON.parse(text) as Record<string, unknown>;
      if (kind === 'inclusion') known.set(c.treeSize as number, c.root as string);
      else {
        known.set(c.size1 as number, c.root1 as string);
        known.set(c.size2 as number, c.root2 as string);
      }
    }
  }
  it('finds roots for several sizes in the vectors', () => expect([...known.keys()].sort()).toEqual([1, 2, 3, 5, 6, 7, 8]));
  it.each([...known])('matches the vectors at size %i', (size, root) => {
    expect(rootOf(RFC6962_LEAVES.slice(0, size).map(leafHash)).toString('base64')).toBe(root);
  });
  it('is EMPTY_ROOT for no leaves', () => expect(rootOf([]).equals(EMPTY_ROOT)).toBe(true));
  it('agrees with the recursive RFC definition on random trees', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 70 }), (entries) => {
        expect(hex(rootOf(entries.map(leafHash)))).toBe(hex(referenceRoot(entries)));
      }),
    );
  });
  it('refuses a leaf hash that is not 32 bytes', () => {
    expect(() => rootOf([new Uint8Array(31)])).toThrow(/32-byte/);
  });
});
