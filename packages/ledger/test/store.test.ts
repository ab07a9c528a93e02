import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Ledger, LedgerError } from '../src/index.ts';
import { canonicalBytes, leafHash, rootOf } from '../src/tlog/index.ts';
import { BACKENDS, ledgerTests } from './backends.ts';
import { decisions } from './fixtures.ts';

const ledgers = ledgerTests();

describe.each(BACKENDS)('appending to a ledger on $name', (backend) => {
  const fresh = () => ledgers.open(backend);

  it('stores each entry as the canonical bytes of its body with seq, and its RFC 9162 leaf', async () => {
    const { ledger } = await fresh();
    const at = new Date('2026-12-03T07:00:00Z');
    expect(await ledger.append(decisions(3), at)).toEqual({ first: 0, size: 3 });
    expect(await ledger.append(decisions(2, 3), at)).toEqual({ first: 3, size: 5 });
    const rows = [];
    for await (const row of ledger.entries()) rows.push(row);
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
    const body = JSON.parse(Buffer.from(rows[4]!.body).toString('utf8'));
    expect(body).toEqual({ v: 1, seq: 4, at: '2026-12-03T07:00:00.000Z', kind: 'guard.decision', event: 'twilio.outbound.decision', level: 'info', fields: { i: 4, to: '+1415555****' } });
    expect(Buffer.from(rows[4]!.body).equals(Buffer.from(canonicalBytes(body)))).toBe(true);
    expect(Buffer.from(rows[4]!.leaf).equals(Buffer.from(leafHash(rows[4]!.body)))).toBe(true);
    const head = await ledger.head();
    expect(head.size).toBe(5);
    expect(Buffer.from(head.root).equals(Buffer.from(rootOf(rows.map((r) => r.leaf))))).toBe(true);
  });

  it('writes the projection in the same transaction', async () => {
    const { ledger } = await fresh();
    await ledger.append(decisions(2));
    const rows = await ledger.db.selectFrom('guard_decision').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [r.seq, r.event, JSON.parse(r.fields).i])).toEqual([
      [0, 'twilio.outbound.decision', 0],
      [1, 'twilio.outbound.decision', 1],
    ]);
  });

  it('an append that fails leaves nothing of itself behind', async () => {
    const { ledger } = await fresh();
    await ledger.append(decisions(1));
    // Two run.start entries with one id: the second breaks scan_run's primary key.
    const start = { kind: 'run.start' as const, run: 'r1', chaperoneVersion: '0', guideVersion: 'g', scope: { platforms: [], accounts: [], demo: true } };
    await expect(ledger.append([...decisions(2), start, start])).rejects.toThrow();
    expect((await ledger.head()).size).toBe(1);
    expect(await ledger.db.selectFrom('ledger_entry').select('seq').execute()).toEqual([{ seq: 0 }]);
    expect(await ledger.db.selectFrom('guard_decision').select('seq').execute()).toEqual([{ seq: 0 }]);
    expect(await ledger.append(decisions(1))).toEqual({ first: 1, size: 2 });
  });

  it('two writers at once never share a seq and leave no gap', async () => {
    const { ledger, location, dir } = await fresh();
    const other = await Ledger.open(location, { cwd: dir });
    try {
      await Promise.all([...Array.from({ length: 10 }, () => ledger.append(decisions(7))), ...Array.from({ length: 10 }, () => other.append(decisions(5)))]);
    } finally {
      await other.close();
    }
    const seqs = (await ledger.db.selectFrom('ledger_entry').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i));
    const leaves = [];
    for await (const row of ledger.entries()) leaves.push(row.leaf);
    expect(Buffer.from((await ledger.head()).root).equals(Buffer.from(rootOf(leaves)))).toBe(true);
  });

  it('keeps the frontier, not the leaves: the state row stays small as the ledger grows', async () => {
    const { ledger } = await fresh();
    await ledger.append(decisions(1000));
    const state = await ledger.db.selectFrom('ledger_state').select('frontier').executeTakeFirstOrThrow();
    // ceil(log2(1000)) = 10 hashes at most, base64 each.
    expect(state.frontier.length).toBeLessThan(10 * 50 + 100);
  });
});

describe('a SQLite ledger another process holds', () => {
  it('an append waits for the lock, then fails with one line naming it', async () => {
    const f = await ledgers.place(BACKENDS[0]!);
    const ledger = await Ledger.open(f.location, { create: true, cwd: f.dir, lockTimeoutMs: 100 });
    const holder = new Database(f.location);
    holder.exec('begin immediate');
    try {
      const error = await ledger.append(decisions(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as Error).message).toMatch(/ledger\.db is locked by another process/);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect(await ledger.append(decisions(1))).toEqual({ first: 0, size: 1 });
    await ledger.close();
  });
});
