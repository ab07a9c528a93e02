// `chaperone scan --resume RUN`: what an interrupted run recorded, so the scan continues it
// without collecting those accounts again. Only a run that never recorded its end (killed,
// or the machine went down) can be resumed; one that ended is history and stays as it is.
import type { Finding } from '@chaperone/scan';
import { LedgerError } from '../errors.ts';
import type { RunScope } from '../entries.ts';
import { listRuns } from '../history.ts';
import type { Ledger } from '../store.ts';

/** A recorded finding as the ledger keeps it: no remediation text (the catalog has it), no note (the attestation entries do). */
export type RecordedFinding = Omit<Finding, 'remediation' | 'note'>;

export interface InterruptedRun {
  runId: string;
  scope: RunScope;
  /** Every account the run recorded (its findings and its run.account entry, in one transaction). */
  accounts: Map<string, { platform: string; complete: boolean; findings: RecordedFinding[] }>;
}

export async function interruptedRun(ledger: Ledger, ref: string): Promise<InterruptedRun> {
  const matches = (await listRuns(ledger, Number.MAX_SAFE_INTEGER)).filter((r) => r.run.startsWith(ref));
  if (matches.length === 0) throw new LedgerError(`--resume ${ref}: no such run in the ledger; \`chaperone history\` lists them`);
  if (matches.length > 1) throw new LedgerError(`--resume ${ref}: names ${matches.length} runs; give more of the run id`);
  const run = matches[0]!;
  if (run.state !== 'running') throw new LedgerError(`--resume ${run.run}: that run ended (${run.state}); only an interrupted run can be resumed: start a new scan`);
  const row = await ledger.db.selectFrom('scan_run').select('scope').where('run_id', '=', run.run).executeTakeFirstOrThrow();
  const accounts: InterruptedRun['accounts'] = new Map();
  for (const a of await ledger.db.selectFrom('scan_account').select(['account', 'platform', 'complete']).where('run_id', '=', run.run).execute()) {
    accounts.set(a.account, { platform: a.platform, complete: a.complete === 1, findings: [] });
  }
  const findings = await ledger.db
    .selectFrom('finding')
    .select(['control', 'account', 'platform', 'resource_kind', 'resource_sid', 'status', 'severity', 'evidence'])
    .where('run_id', '=', run.run)
    .orderBy('seq')
    .execute();
  for (const f of findings) {
    accounts.get(f.account)?.findings.push({
      control: f.control as Finding['control'],
      account: f.account,
      platform: f.platform as Finding['platform'],
      resource: { kind: f.resource_kind, sid: f.resource_sid },
      status: f.status as Finding['status'],
      severity: f.severity as Finding['severity'],
      evidence: f.evidence,
    });
  }
  return { runId: run.run, scope: JSON.parse(row.scope) as RunScope, accounts };
}
