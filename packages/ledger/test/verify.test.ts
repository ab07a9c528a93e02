import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkpointHead, ensureSigner, Ledger, loadSigner, noteOpener, verifyLedger as verifyAll, type CheckpointSigner } from '../src/index.ts';
import { canonicalBytes, leafHash } from '../src/tlog/index.ts';
import { ledgerTests, VERIFY_RUNS } from './backends.ts';
import { decisions } from './fixtures.ts';
import { dropAppendOnlyTriggers } from './tamper.ts';

const ledgers = ledgerTests();

describe.each(VERIFY_RUNS)('verifying a ledger on $name, $threads.label', ({ threads, ...backend }) => {
  const verifyLedger = (ledger: Parameters<typeof verifyAll>[0], options: Parameters<typeof verifyAll>[1]) => verifyAll(ledger, { ...options, ...threads.options });
  /** 10 entries: checkpoints at 4 and 9, one entry after the last. */
  async function recorded() {
    const f = await ledgers.open(backend);
    const ledger = f.ledger;
    const { signer } = await ensureSigner(join(f.dir, 'ledger.key'), ledger.origin);
    await ledger.append(decisions(4));
    const first = await checkpointHead(ledger, signer);
    await ledger.append(decisions(5, 4));
    const second = await checkpointHead(ledger, signer);
    await ledger.append(decisions(1, 9));
    const open = noteOpener(signer.verifierKey);
    return { ...f, ledger, signer, open, first, second };
  }

  async function body(ledger: Ledger, seq: number): Promise<Record<string, unknown>> {
    const row = await ledger.db.selectFrom('ledger_entry').select('body').where('seq', '=', seq).executeTakeFirstOrThrow();
    return JSON.parse(Buffer.from(row.body).toString('utf8')) as Record<string, unknown>;
  }

  it('an intact ledger verifies, and extends its own earlier checkpoint', async () => {
    const { ledger, open, first } = await recorded();
    expect(await verifyLedger(ledger, { open })).toMatchObject({ ok: true, size: 10, checkpoints: 2, unsigned: 1 });
    expect(await verifyLedger(ledger, { open, external: first.note })).toMatchObject({ ok: true, external: 4 });
  });

  it('an edited entry is named by its seq', async () => {
    const { ledger, open } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    const edited = { ...(await body(ledger, 6)), event: 'twilio.outbound.allowed' };
    await ledger.db.updateTable('ledger_entry').set({ body: Buffer.from(canonicalBytes(edited)) }).where('seq', '=', 6).execute();
    expect(await verifyLedger(ledger, { open })).toEqual({ ok: false, seq: 6, problem: 'entry seq 6: its bytes do not match its leaf hash (the entry was edited)' });
  });

  it('an edited entry with its leaf recomputed breaks the checkpoint that covers it', async () => {
    const { ledger, open } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    const bytes = canonicalBytes({ ...(await body(ledger, 6)), event: 'twilio.outbound.allowed' });
    await ledger.db.updateTable('ledger_entry').set({ body: Buffer.from(bytes), leaf: Buffer.from(leafHash(bytes)) }).where('seq', '=', 6).execute();
    expect(await verifyLedger(ledger, { open })).toEqual({ ok: false, seq: 4, problem: 'checkpoint at size 9 does not match entries 0..8: an entry between seq 4 and 8 was rewritten' });
  });

  it('a deleted entry is named by its seq', async () => {
    const { ledger, open } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    await ledger.db.deleteFrom('ledger_entry').where('seq', '=', 2).execute();
    expect(await verifyLedger(ledger, { open })).toEqual({ ok: false, seq: 2, problem: 'entry seq 2 is missing (the next stored entry is seq 3)' });
  });

  it('reordered entries are named by the first moved seq', async () => {
    const { ledger, open } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    const rows = await ledger.db.selectFrom('ledger_entry').selectAll().where('seq', 'in', [5, 7]).orderBy('seq').execute();
    await ledger.db.deleteFrom('ledger_entry').where('seq', 'in', [5, 7]).execute();
    await ledger.db.insertInto('ledger_entry').values([{ ...rows[1]!, seq: 5 }, { ...rows[0]!, seq: 7 }]).execute();
    expect(await verifyLedger(ledger, { open })).toEqual({ ok: false, seq: 5, problem: 'entry seq 5: its body says seq 7 (entries were moved or reordered)' });
  });

  it('a truncated ledger is named from the first missing seq', async () => {
    const { ledger, open } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    await ledger.db.deleteFrom('ledger_entry').where('seq', '>=', 7).execute();
    expect(await verifyLedger(ledger, { open })).toEqual({ ok: false, seq: 7, problem: 'the ledger ends at 7 entries but checkpoint at size 9 covers 9: entries from seq 7 were removed' });
  });

  it('a truncation that also removes checkpoints and rewinds the head is caught by a checkpoint kept elsewhere', async () => {
    const { ledger, open, second } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    await ledger.db.deleteFrom('ledger_entry').where('seq', '>=', 4).execute();
    await ledger.db.deleteFrom('ledger_checkpoint').where('size', '>', 4).execute();
    await ledger.db.deleteFrom('guard_decision').where('seq', '>=', 4).execute();
    const { CompactRange } = await import('../src/tlog/index.ts');
    const range = new CompactRange();
    for await (const row of ledger.entries()) range.append(row.leaf);
    await ledger.db.updateTable('ledger_state').set({ size: 4, frontier: JSON.stringify(range.toJSON()) }).execute();
    expect(await verifyLedger(ledger, { open })).toMatchObject({ ok: true, size: 4 });
    expect(await verifyLedger(ledger, { open, external: second.note })).toEqual({
      ok: false,
      seq: 4,
      problem: 'the ledger ends at 4 entries but the given checkpoint (size 9) covers 9: entries from seq 4 were removed',
    });
  });

  it('a forged checkpoint note fails its signature', async () => {
    const { ledger, open, second } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    await ledger.db.updateTable('ledger_checkpoint').set({ note: second.note.replace('\n9\n', '\n8\n') }).where('size', '=', 9).execute();
    const result = await verifyLedger(ledger, { open });
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/^checkpoint at size 9: its signature does not verify with the ledger's key/) });
  });

  it('a history rewritten and re-signed with another key fails against the key the auditor holds', async () => {
    const { ledger, open, dir } = await recorded();
    await dropAppendOnlyTriggers(ledger);
    await ledger.db.deleteFrom('ledger_checkpoint').execute();
    await ledger.db.deleteFrom('ledger_meta').where('key', '=', 'verifier_key').execute();
    const { signer: forger } = await ensureSigner(join(dir, 'forger.key'), ledger.origin);
    await checkpointHead(ledger, forger);
    expect(await verifyLedger(ledger, { open: noteOpener(forger.verifierKey) })).toMatchObject({ ok: true });
    expect(await verifyLedger(ledger, { open })).toMatchObject({ ok: false, problem: expect.stringMatching(/^checkpoint at size 10: its signature does not verify/) });
  });

  it('refuses a key made for another ledger', async () => {
    const { ledger, dir } = await recorded();
    const { signer: foreign } = await ensureSigner(join(dir, 'foreign.key'), 'chaperone.ledger/0000000000000000');
    await expect(checkpointHead(ledger, foreign)).rejects.toThrow(/the signing key is named chaperone\.ledger\/0000000000000000, not after this ledger/);
  });

  it('refuses a second key for the same ledger', async () => {
    const { ledger, dir } = await recorded();
    const { signer: other } = await ensureSigner(join(dir, 'other.key'), ledger.origin);
    await expect(checkpointHead(ledger, other as CheckpointSigner)).rejects.toThrow(/the signing key is not this ledger's/);
    expect((await loadSigner(join(dir, 'ledger.key'))).verifierKey).toBe(await ledger.meta('verifier_key'));
  });
});
