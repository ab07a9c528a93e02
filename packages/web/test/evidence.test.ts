// The evidence page's data and actions over a real ledger: the guard's decisions by day and
// outcome (as the ledger sink records them), verification with the ledger's verifier (intact,
// tampered, signed by another key), and no download before a checkpoint is signed.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointHead, ensureSigner, LedgerError } from '@chaperone/ledger';
import { guardDecisionsByDay } from '../src/data/evidence.ts';
import { ledgerEvidence, verifyOpenLedger } from '../src/ledger-evidence.ts';
import { LedgerFixture } from './ledger-fixture.ts';

const NOW = Date.UTC(2026, 11, 3, 9);
const DAY = 86_400_000;

let fixture: LedgerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const outbound = (outcome: string) => ({ kind: 'guard.decision' as const, event: 'twilio.outbound.decision', level: outcome === 'allowed' ? 'debug' : 'error', fields: { outcome, mode: 'enforce', method: 'POST', controlIds: [] } });
const rejected = { kind: 'guard.decision' as const, event: 'twilio.webhook.rejected', level: 'warn', fields: { reason: 'bad-signature', status: 403, controlId: 'TW-WEBHOOK-SIGNATURE', method: 'POST', path: '/sms' } };

describe('guard decisions by day', () => {
  it('counts each day by event and outcome, within the window only', async () => {
    fixture = await LedgerFixture.create();
    const { ledger } = fixture;
    await ledger.append([outbound('allowed'), outbound('allowed'), outbound('denied'), rejected], new Date(NOW - DAY));
    await ledger.append([outbound('reported'), rejected, rejected], new Date(NOW));
    await ledger.append([outbound('denied')], new Date(NOW - 40 * DAY));
    const days = await guardDecisionsByDay(fixture.db, NOW, 30);
    expect(days).toEqual([
      { day: '2026-12-02', series: 'outbound allowed', count: 2 },
      { day: '2026-12-02', series: 'outbound denied', count: 1 },
      { day: '2026-12-02', series: 'webhook rejected', count: 1 },
      { day: '2026-12-03', series: 'outbound reported', count: 1 },
      { day: '2026-12-03', series: 'webhook rejected', count: 2 },
    ]);
  });
});

describe('verification and downloads from the dashboard', () => {
  it('offers no download before a checkpoint, then verifies intact, and names a rewritten entry', async () => {
    fixture = await LedgerFixture.create();
    const { ledger } = fixture;
    const keyPath = join(fixture.dir, 'ledger.key');
    const hooks = ledgerEvidence(ledger, { keyPath });
    await ledger.append([outbound('allowed'), rejected], new Date(NOW));
    expect(await hooks.exportProblem!()).toMatch(/no signed checkpoint/);
    await checkpointHead(ledger, ensureSigner(keyPath, ledger.origin).signer, new Date(NOW));
    expect(await hooks.exportProblem!()).toBeUndefined();
    // No complete run yet: the OSCAL document is refused with the ledger's one line.
    await expect(hooks.oscal!()).rejects.toThrow(LedgerError);
    const intact = await hooks.verify!();
    expect(intact.ok).toBe(true);
    expect(intact.summary).toMatch(/^2 entries, 1 signed checkpoint, verified with key /);

    // What an attacker with write access does: drop the append-only triggers, edit an entry.
    const drop = ledger.dialect === 'sqlite' ? ['drop trigger ledger_entry_no_update'] : ['drop trigger ledger_entry_append_only on ledger_entry'];
    for (const s of drop) await sql.raw(s).execute(ledger.db);
    await sql`update ledger_entry set body = ${new TextEncoder().encode('{"kind":"guard.decision","seq":1}')} where seq = 1`.execute(ledger.db);
    const tampered = await verifyOpenLedger(ledger, { keyPath });
    expect(tampered).toEqual({ ok: false, summary: 'entry seq 1: its bytes do not match its leaf hash (the entry was edited)' });
  });

  it('refuses checkpoints that the key file beside the dashboard did not sign', async () => {
    fixture = await LedgerFixture.create();
    const { ledger } = fixture;
    await ledger.append([rejected], new Date(NOW));
    await checkpointHead(ledger, ensureSigner(join(fixture.dir, 'ledger.key'), ledger.origin).signer, new Date(NOW));
    ensureSigner(join(fixture.dir, 'other.key'), ledger.origin);
    const result = await verifyOpenLedger(ledger, { keyPath: join(fixture.dir, 'other.key') });
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/^the ledger names verifier key .+, not .+ \(the key file's\)/);
  });
});
