// A ledger in a temp directory with runs written straight into its projection tables (the
// read side is what these tests exercise; recording itself is the ledger's and is tested there).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '@chaperone/ledger';
import { migrateWeb } from '../src/db/migrations.ts';
import type { DashboardDb } from '../src/db/types.ts';

export interface FixtureFinding {
  control: string;
  account: string;
  resource: string;
  status: string;
  severity?: string;
  platform?: string;
}

export interface FixtureRun {
  id: string;
  state?: 'complete' | 'incomplete' | 'running';
  accounts: { sid: string; complete?: boolean; platform?: string }[];
  findings: FixtureFinding[];
}

export class LedgerFixture {
  private seq = 0;
  private minute = 0;
  private constructor(
    readonly ledger: Ledger,
    readonly dir: string,
  ) {}

  static async create(): Promise<LedgerFixture> {
    const dir = mkdtempSync(join(tmpdir(), 'web-test-'));
    const ledger = await Ledger.open({ kind: 'sqlite', path: join(dir, 'ledger.db') }, { create: true });
    await migrateWeb(ledger.db, 'sqlite');
    return new LedgerFixture(ledger, dir);
  }

  get db(): DashboardDb {
    return this.ledger.db as unknown as DashboardDb;
  }

  async addRun(run: FixtureRun): Promise<void> {
    const startSeq = this.seq++;
    const at = new Date(Date.UTC(2026, 11, 1, 8, this.minute++)).toISOString();
    const state = run.state ?? 'complete';
    await this.db
      .insertInto('scan_run')
      .values({
        run_id: run.id,
        start_seq: startSeq,
        started_at: at,
        end_seq: state === 'running' ? null : startSeq + run.findings.length + run.accounts.length + 1,
        finished_at: state === 'running' ? null : at,
        state,
        chaperone_version: '0.1.0',
        guide_version: 'test',
        scope: '{}',
        totals: null,
      })
      .execute();
    for (const f of run.findings) {
      await this.db
        .insertInto('finding')
        .values({
          seq: this.seq++,
          run_id: run.id,
          control: f.control,
          account: f.account,
          platform: f.platform ?? 'twilio',
          resource_kind: 'api.test',
          resource_sid: f.resource,
          status: f.status,
          severity: f.severity ?? 'high',
          evidence: `evidence of ${f.resource}`,
          note: null,
        })
        .execute();
    }
    for (const a of run.accounts) {
      await this.db.insertInto('scan_account').values({ run_id: run.id, account: a.sid, platform: a.platform ?? 'twilio', complete: a.complete === false ? 0 : 1, seq: this.seq++ }).execute();
    }
    this.seq++;
  }

  async close(): Promise<void> {
    await this.ledger.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
