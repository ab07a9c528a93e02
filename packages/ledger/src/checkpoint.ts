// Signed checkpoints: the tree head (origin, size, root) in the C2SP tlog-checkpoint
// format, signed as a C2SP signed note with the ledger's Ed25519 key. One per tree size;
// the first signer's verifier key is bound to the ledger (ledger_meta.verifier_key), so a
// checkpoint signed with another key is refused, not silently mixed in.
import { formatCheckpoint } from './tlog/index.ts';
import { LedgerError } from './errors.ts';
import { describeLocation } from './location.ts';
import type { Ledger } from './store.ts';
import { CompactRange } from './tlog/index.ts';

/** What signs checkpoints: the key file's signer, seen through the functions it needs. */
export interface CheckpointSigner {
  /** The verifier key (C2SP vkey text) that checks this signer's notes. */
  verifierKey: string;
  sign(text: string): string;
  /** The key file it was loaded from, so that a writer thread can load it too (a key never crosses threads). */
  keyFile?: string;
}

export interface StoredCheckpoint {
  size: number;
  root: Uint8Array;
  note: string;
  created_at: string;
}

/**
 * Signs the current head unless a checkpoint of that size exists; returns the checkpoint of
 * the head either way. Runs under the append lock, so the signed size is the stored size.
 */
export async function checkpointHead(ledger: Ledger, signer: CheckpointSigner, now: Date = new Date()): Promise<StoredCheckpoint & { created: boolean }> {
  return ledger.writeTransaction(async (trx) => {
    const state = await ledger.lockState(trx);
    // The key is named after the ledger's origin, so the note's signature line names the log it signs.
    const name = signer.verifierKey.split('+')[0];
    if (name !== ledger.origin) throw new LedgerError(`the signing key is named ${name}, not after this ledger (${ledger.origin}); use the key created for this ledger (--ledger-key), or a new ledger`);
    const bound = await trx.selectFrom('ledger_meta').select('value').where('key', '=', 'verifier_key').executeTakeFirst();
    if (bound && bound.value !== signer.verifierKey) {
      throw new LedgerError(
        `the signing key is not this ledger's (${describeLocation(ledger.location)} was signed by ${bound.value.split('+').slice(0, 2).join('+')}); use the key file it was created with (--ledger-key), or a new ledger`,
      );
    }
    if (!bound) await trx.insertInto('ledger_meta').values({ key: 'verifier_key', value: signer.verifierKey }).execute();
    const existing = await trx.selectFrom('ledger_checkpoint').selectAll().where('size', '=', state.size).executeTakeFirst();
    if (existing) return { ...existing, created: false };
    const range = state.frontier === 'null' ? new CompactRange() : CompactRange.fromJSON(JSON.parse(state.frontier));
    const root = range.root();
    const note = signer.sign(formatCheckpoint({ origin: ledger.origin, size: state.size, rootHash: Buffer.from(root), extensions: [] }));
    const row = { size: state.size, root: Buffer.from(root), note, created_at: now.toISOString() };
    await trx.insertInto('ledger_checkpoint').values(row).execute();
    return { ...row, created: true };
  });
}

export async function listCheckpoints(ledger: Ledger): Promise<StoredCheckpoint[]> {
  return ledger.db.selectFrom('ledger_checkpoint').selectAll().orderBy('size').execute();
}

export async function latestCheckpoint(ledger: Ledger): Promise<StoredCheckpoint | undefined> {
  return ledger.db.selectFrom('ledger_checkpoint').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
}
