import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emit } from '@chaperone/guard';
import { ensureSigner, Ledger, ledgerSink } from '../src/index.ts';
import { BACKENDS, ledgerTests } from './backends.ts';

const ledgers = ledgerTests();

const decision = (i: number) => ({ event: 'twilio.outbound.decision', decision: i % 2 ? 'allow' : 'deny', to: '+1415555****', accountSid: 'AC0ba1e00000000000000000000000b001', i, skipped: undefined });

describe.each(BACKENDS)('the guard sink on $name', (backend) => {
  it('records outbound decisions and webhook rejections in batches, nothing else', async () => {
    const { ledger } = await ledgers.open(backend);
    const sink = ledgerSink(ledger, { batchSize: 100, flushMs: 10_000 });
    for (let i = 0; i < 250; i++) emit(sink, 'info', decision(i));
    emit(sink, 'warn', { event: 'twilio.webhook.rejected', reason: 'bad signature', path: '/voice' });
    emit(sink, 'debug', { event: 'twilio.webhook.accepted', path: '/voice' });
    await sink.close();
    const rows = await ledger.db.selectFrom('guard_decision').select(['event', 'level', 'fields']).orderBy('seq').execute();
    expect(rows).toHaveLength(251);
    expect(rows.filter((r) => r.event === 'twilio.webhook.rejected')).toEqual([{ event: 'twilio.webhook.rejected', level: 'warn', fields: '{"path":"/voice","reason":"bad signature"}' }]);
    expect(JSON.parse(rows[7]!.fields)).toEqual({ decision: 'allow', to: '+1415555****', accountSid: 'AC0ba1e00000000000000000000000b001', i: 7 });
    expect(sink.stats).toEqual({ recorded: 251, dropped: 0, failedWrites: 0, pending: 0 });
    // Several appends, not one per event.
    expect((await ledger.head()).size).toBe(251);
  });

  it('signs a checkpoint every N decisions', async () => {
    const { ledger, dir } = await ledgers.open(backend);
    const { signer } = ensureSigner(join(dir, 'ledger.key'), ledger.origin);
    const sink = ledgerSink(ledger, { batchSize: 50, flushMs: 10_000, signer, checkpointEvery: 100 });
    for (let i = 0; i < 220; i++) emit(sink, 'info', decision(i));
    await sink.close();
    const sizes = (await ledger.db.selectFrom('ledger_checkpoint').select('size').orderBy('size').execute()).map((c) => c.size);
    expect(sizes).toEqual([100, 200]);
  });
});

describe('the guard sink while the ledger is down', () => {
  it('never throws into the app, drops what it cannot write, and records the outage once it can', async () => {
    const f = await ledgers.place(BACKENDS[0]!);
    const ledger = await Ledger.open(f.location, { create: true, cwd: f.dir, lockTimeoutMs: 20 });
    ledgers.cleanups.push(() => ledger.close());
    const errors: string[] = [];
    const sink = ledgerSink(ledger, { batchSize: 10, flushMs: 5, onError: (m) => errors.push(m) });
    const holder = new Database(f.location);
    holder.exec('begin immediate');
    for (let i = 0; i < 25; i++) expect(() => emit(sink, 'info', decision(i))).not.toThrow();
    await sink.flush();
    holder.exec('rollback');
    holder.close();
    expect(sink.stats.dropped).toBe(25);
    expect(errors[0]).toMatch(/^ledger sink: 10 guard decisions not recorded: .*is locked by another process/);
    emit(sink, 'info', decision(99));
    await sink.close();
    const rows = await ledger.db.selectFrom('guard_decision').select(['event', 'fields']).orderBy('seq').execute();
    expect(rows.map((r) => r.event)).toEqual(['ledger.sink.dropped', 'twilio.outbound.decision']);
    expect(JSON.parse(rows[0]!.fields)).toMatchObject({ count: 25, reason: expect.stringMatching(/locked/) });
  });

  it('bounds its queue and counts what it dropped', async () => {
    const { ledger } = await ledgers.open(BACKENDS[0]!);
    const sink = ledgerSink(ledger, { batchSize: 1_000, flushMs: 10_000, maxQueue: 5 });
    for (let i = 0; i < 8; i++) emit(sink, 'info', decision(i));
    await sink.close();
    const rows = await ledger.db.selectFrom('guard_decision').select(['event', 'fields']).orderBy('seq').execute();
    expect(rows.map((r) => (r.event === 'ledger.sink.dropped' ? 'dropped' : JSON.parse(r.fields).i))).toEqual(['dropped', 3, 4, 5, 6, 7]);
    expect(JSON.parse(rows[0]!.fields)).toEqual({ count: 3, reason: 'queue full: the ledger did not keep up' });
  });
});

describe('the guard sink with an event JSON cannot carry', () => {
  it('never throws into the app: that event is counted as dropped, the rest of its batch is recorded', async () => {
    const { ledger } = await ledgers.open(BACKENDS[0]!);
    const sink = ledgerSink(ledger, { batchSize: 3, flushMs: 10_000 });
    expect(() => {
      emit(sink, 'info', decision(1));
      emit(sink, 'info', { event: 'twilio.outbound.decision', big: 10n });
      emit(sink, 'info', decision(3));
    }).not.toThrow();
    await sink.close();
    expect(sink.stats).toMatchObject({ recorded: 2, dropped: 1 });
    const rows = await ledger.db.selectFrom('guard_decision').select(['event', 'fields']).orderBy('seq').execute();
    expect(rows.map((r) => r.event)).toEqual(['twilio.outbound.decision', 'twilio.outbound.decision', 'ledger.sink.dropped']);
    expect(JSON.parse(rows[2]!.fields)).toEqual({ count: 1, reason: 'an event held a value JSON cannot carry' });
  });

  it('refuses, at creation, a signer whose key file the writer thread cannot open', async () => {
    const { ledger } = await ledgers.open(BACKENDS[0]!);
    expect(() => ledgerSink(ledger, { signer: { verifierKey: 'x+00000000+AA==', sign: (t) => t } })).toThrow(/^ledgerSink: pass a signer from loadSigner or ensureSigner/);
  });
});
