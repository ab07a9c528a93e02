import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, leafHash, verifyConsistency, verifyInclusion } from '../../src/tlog/index.ts';
import { RFC6962_LEAVES } from './merkle-reference.ts';

const root = new URL('../vectors/rfc9162-merkle/', import.meta.url);

function casesUnder(kind: string): [string, Record<string, unknown>][] {
  const dir = new URL(`${kind}/`, root);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => [`${kind}/${f}`, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<string, unknown>]);
}
const b64 = (v: unknown): Buffer => Buffer.from((v as string | null) ?? '', 'base64');
const proofOf = (v: unknown): Buffer[] => ((v as string[] | null) ?? []).map(b64);

const inclusion = casesUnder('inclusion');
const consistency = casesUnder('consistency');
const leaves = RFC6962_LEAVES.map(leafHash);

describe('RFC 9162 proofs against the transparency-dev/merkle vectors', () => {
  it('has every case, positives and negatives', () => {
    expect(inclusion).toHaveLength(98);
    expect(consistency).toHaveLength(98);
    expect(inclusion.filter(([, c]) => c.wantErr === false).length).toBeGreaterThan(4);
    expect(consistency.filter(([, c]) => c.wantErr === true).length).toBeGreaterThan(80);
  });

  it.each(inclusion)('%s', (_file, c) => {
    const ok = verifyInclusion(c.leafIdx as number, c.treeSize as number, b64(c.leafHash), proofOf(c.proof), b64(c.root));
    expect(ok).toBe(c.wantErr === false);
  });

  it.each(consistency)('%s', (_file, c) => {
    const ok = verifyConsistency(c.size1 as number, c.size2 as number, b64(c.root1), b64(c.root2), proofOf(c.proof));
    expect(ok).toBe(c.wantErr === false);
  });

  // The happy paths are over RFC 6962's eight test leaves, so the generator must produce them exactly.
  it.each(inclusion.filter(([f, c]) => f.endsWith('/happy-path.json') && c.leafHash === leaves[c.leafIdx as number]!.toString('base64')))(
    'inclusionProof reproduces %s',
    (_file, c) => {
      expect(inclusionProof(c.leafIdx as number, leaves.slice(0, c.treeSize as number))).toEqual(proofOf(c.proof));
    },
  );
  it.each(consistency.filter(([f, c]) => f.endsWith('/happy-path.json') && (c.size1 as number) > 0))('consistencyProof reproduces %s', (_file, c) => {
    expect(consistencyProof(c.size1 as number, leaves.slice(0, c.size2 as number))).toEqual(proofOf(c.proof));
  });
});
