// The query tables derived from entries. Written in the same transaction as the entries
// (so they never disagree after a crash), and rebuilt from the entries alone. JSON columns
// hold their value's canonical text, so verify compares them with the rebuilt text as strings.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AppliedConfigTable, FindingTable, GuardDecisionTable, LedgerDatabase, ScanAccountTable, ScanRunTable } from './db/schema.ts';
import type { EntryBody } from './entries.ts';
import { canonicalText } from './tlog/index.ts';

export interface ProjectionRows {
  scan_run: Insertable<ScanRunTable>[];
  scan_account: Insertable<ScanAccountTable>[];
  finding: Insertable<FindingTable>[];
  applied_config: Insertable<AppliedConfigTable>[];
  guard_decision: Insertable<GuardDecisionTable>[];
  /** run.end: the run's row is completed in place (the entry, not this row, is the evidence). */
  runEnds: { run_id: string; end_seq: number; finished_at: string; state: 'complete' | 'incomplete'; totals: string }[];
}

export function emptyProjection(): ProjectionRows {
  return { scan_run: [], scan_account: [], finding: [], applied_config: [], guard_decision: [], runEnds: [] };
}

/** `text`: the canonical text of a member (JSON.stringify when the entry is a sortedJsonCopy). */
export function project(entry: EntryBody, into: ProjectionRows, text: (value: unknown) => string = canonicalText): void {
  switch (entry.kind) {
    case 'run.start':
      into.scan_run.push({
        run_id: entry.run,
        start_seq: entry.seq,
        started_at: entry.at,
        end_seq: null,
        finished_at: null,
        state: 'running',
        chaperone_version: entry.chaperoneVersion,
        guide_version: entry.guideVersion,
        scope: text(entry.scope),
        totals: null,
      });
      return;
    case 'finding':
      into.finding.push({
        seq: entry.seq,
        run_id: entry.run,
        control: entry.control,
        account: entry.account,
        platform: entry.platform,
        resource_kind: entry.resource.kind,
        resource_sid: entry.resource.sid,
        status: entry.status,
        severity: entry.severity,
        evidence: entry.evidence,
        note: entry.note ?? null,
      });
      return;
    case 'attestation':
    case 'mute':
      into.applied_config.push({
        seq: entry.seq,
        run_id: entry.run,
        kind: entry.kind,
        control: entry.control,
        accounts: entry.accounts ? text(entry.accounts) : null,
        resources: entry.resources ? text(entry.resources) : null,
        by: entry.by ?? null,
        reason: entry.reason ?? null,
        date: entry.date ?? null,
        expires: entry.expires,
        findings: entry.findings,
      });
      return;
    case 'run.account':
      into.scan_account.push({ run_id: entry.run, account: entry.account, platform: entry.platform, complete: entry.complete ? 1 : 0, seq: entry.seq });
      return;
    case 'run.end':
      into.runEnds.push({ run_id: entry.run, end_seq: entry.seq, finished_at: entry.at, state: entry.state, totals: text(entry.totals) });
      return;
    case 'guard.decision':
      into.guard_decision.push({ seq: entry.seq, at: entry.at, event: entry.event, level: entry.level, fields: text(entry.fields) });
      return;
  }
}

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_INSERT = 400;

/** PostgreSQL: the rows through Kysely, in multi-row INSERTs (SQLite's go through db/sqlite-append.ts). */
export async function writeProjection(trx: Kysely<LedgerDatabase> | Transaction<LedgerDatabase>, rows: ProjectionRows): Promise<void> {
  for (const table of ['scan_run', 'finding', 'applied_config', 'guard_decision'] as const) {
    const list = rows[table];
    for (let i = 0; i < list.length; i += ROWS_PER_INSERT) await trx.insertInto(table).values(list.slice(i, i + ROWS_PER_INSERT) as never).execute();
  }
  for (let i = 0; i < rows.scan_account.length; i += ROWS_PER_INSERT) {
    // A resumed run may record an account again; the later record wins.
    await trx
      .insertInto('scan_account')
      .values(rows.scan_account.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) => oc.columns(['run_id', 'account']).doUpdateSet((eb) => ({ complete: eb.ref('excluded.complete'), seq: eb.ref('excluded.seq'), platform: eb.ref('excluded.platform') })))
      .execute();
  }
  for (const end of rows.runEnds) {
    await trx.updateTable('scan_run').set({ end_seq: end.end_seq, finished_at: end.finished_at, state: end.state, totals: end.totals }).where('run_id', '=', end.run_id).execute();
  }
}
