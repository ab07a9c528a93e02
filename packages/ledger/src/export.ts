// `chaperone ledger export`: everything an auditor needs to check the ledger with their own
// code from the RFCs alone, as one JSON document (fields in FORMAT.md, "Export bundle").
// Written as a stream: entries go out as they are read, never all held as one string.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { latestCheckpoint, listCheckpoints } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { ProofIndex } from './proof-index.ts';
import type { Ledger } from './store.ts';

export const BUNDLE_FORMAT = 'chaperone-ledger-bundle/1';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export interface ExportSummary {
  entries: number;
  checkpoints: number;
  proofs: number;
  /** Size of the checkpoint the proofs are against. */
  provenAgainst: number;
  /** Consistency proofs, one from each earlier checkpoint to the latest. */
  consistency: number;
}

export async function writeBundle(ledger: Ledger, out: Writable, now: Date = new Date()): Promise<ExportSummary> {
  const verifierKey = await ledger.meta('verifier_key');
  const latest = await latestCheckpoint(ledger);
  if (!verifierKey || !latest) throw new LedgerError('the ledger has no signed checkpoint yet; run `chaperone ledger checkpoint` first, then export');
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const checkpoints = await listCheckpoints(ledger);
  await write(
    `{"format":${JSON.stringify(BUNDLE_FORMAT)},"exported":${JSON.stringify(now.toISOString())},"origin":${JSON.stringify(ledger.origin)},` +
      `"verifierKey":${JSON.stringify(verifierKey)},"publicKey":${JSON.stringify(publicKeyOf(verifierKey))},` +
      `"checkpoints":${JSON.stringify(checkpoints.map((c) => ({ size: c.size, note: c.note })))},"entries":[`,
  );
  const leaves: Uint8Array[] = [];
  const findings: number[] = [];
  let first = true;
  for await (const row of ledger.entries()) {
    leaves.push(row.leaf);
    if (row.kind === 'finding' && row.seq < latest.size) findings.push(row.seq);
    await write(`${first ? '' : ','}{"seq":${row.seq},"kind":${JSON.stringify(row.kind)},"bytes":"${b64(row.body)}"}`);
    first = false;
  }
  await write('],"inclusionProofs":[');
  const index = new ProofIndex(leaves.slice(0, latest.size));
  for (const [i, seq] of findings.entries()) {
    const proof = { seq, treeSize: latest.size, leafHash: b64(leaves[seq]!), path: index.inclusionPath(seq, latest.size).map(b64) };
    await write(`${i === 0 ? '' : ','}${JSON.stringify(proof)}`);
  }
  // From each earlier checkpoint to the latest: an auditor who kept only an old checkpoint (and
  // not the entries) checks that the latest head extends it with a handful of hashes.
  const earlier = checkpoints.filter((c) => c.size > 0 && c.size < latest.size);
  const consistency = earlier.map((c) => ({ fromSize: c.size, toSize: latest.size, path: index.consistencyPath(c.size, latest.size).map(b64) }));
  await write(`],"consistencyProofs":${JSON.stringify(consistency)}}\n`);
  return { entries: leaves.length, checkpoints: checkpoints.length, proofs: findings.length, provenAgainst: latest.size, consistency: consistency.length };
}

/** The raw 32-byte Ed25519 public key inside a C2SP vkey (`name+keyhash+base64(0x01 || key)`), base64. */
function publicKeyOf(verifierKey: string): string {
  const parts = verifierKey.split('+');
  const raw = Buffer.from(parts.slice(2).join('+'), 'base64');
  return raw.subarray(1).toString('base64');
}

/** The bundle written to `out` (a file, an HTTP response): the name the dashboard and other callers use. */
export const exportBundle = writeBundle;
