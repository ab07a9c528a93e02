// Recording a scan run: `run.start` before anything is collected, then per account its
// findings followed by `run.account` (complete or not) in the same transaction, the
// chaperone.yaml entries as applied, and `run.end`. A run killed before `run.end` stays
// `running` in scan_run: never complete. Free text from chaperone.yaml (mute reasons,
// attestation notes) passes through the PHI redactor; findings carry the scanner's masked
// evidence and SIDs, never a resource's friendly name (a person may have typed PHI there)
// nor the report's note (the attestation/mute entries hold it, structured).
import { redactPhi } from '@chaperone/phi';
import type { ChaperoneConfig, Finding, ScanReport } from '@chaperone/scan';
import type { AppliedConfigEntry, EntryContent, FindingEntry, RunScope } from '../entries.ts';
import type { Ledger } from '../store.ts';
import { LedgerWriter } from '../writer/ledger-writer.ts';
import { newRunId } from './run-id.ts';

export interface RunStart {
  runId?: string;
  chaperoneVersion: string;
  guideVersion: string;
  scope: RunScope;
  now?: () => Date;
}

/**
 * Entries per transaction: one fsync per batch, never splitting an account from its run.account.
 * Each commit rewrites the B-tree pages it touched and syncs the WAL: 2,000 cost a 1,001-account
 * scan 24 commits, where the flush interval alone makes about one a second.
 */
const BATCH_ENTRIES = 5_000;
/** ...and at least this often, so a run killed at 99% has kept its accounts up to the last second (for --resume). */
const FLUSH_INTERVAL_MS = 1_000;
/** Batches written while the scan goes on; past it, the scan waits for the oldest (memory stays bounded). */
const MOST_IN_FLIGHT = 2;

/**
 * Records a run's entries through a writer thread (writer/), so that the scan's own thread
 * only queues them: canonical bytes, hashes, inserts and fsyncs overlap the collection of the
 * next accounts. A write that fails is thrown by the next call (account, findings, flush, end).
 */
export class RunRecorder {
  private pending: EntryContent[] = [];
  private recorded = 0;
  private lastFlush = Date.now();
  private readonly inFlight: Promise<void>[] = [];
  private failure: unknown;
  private readonly writer: LedgerWriter;

  constructor(
    ledger: Ledger,
    readonly runId: string,
    private readonly now: () => Date,
  ) {
    this.writer = LedgerWriter.forLocation(ledger.location, { lockTimeoutMs: ledger.lockTimeoutMs });
    // Started now, so its start-up overlaps the first accounts' collection.
    this.writer.start();
  }

  /** Entries of this run written so far. */
  get entries(): number {
    return this.recorded;
  }

  /** Queues one account's findings and its completion; written once a batch is full. */
  async account(account: { platform: string; sid: string; complete: boolean }, findings: readonly Finding[]): Promise<void> {
    for (const f of findings) this.pending.push(findingEntry(this.runId, f));
    this.pending.push({ kind: 'run.account', run: this.runId, account: account.sid, platform: account.platform, complete: account.complete });
    if (this.pending.length >= BATCH_ENTRIES || Date.now() - this.lastFlush >= FLUSH_INTERVAL_MS) await this.post();
  }

  async findings(findings: readonly Finding[]): Promise<void> {
    for (const f of findings) this.pending.push(findingEntry(this.runId, f));
    if (this.pending.length >= BATCH_ENTRIES) await this.post();
  }

  async config(config: ChaperoneConfig, findings: readonly Finding[]): Promise<void> {
    this.pending.push(...appliedConfigEntries(this.runId, config, findings));
  }

  async end(report: ScanReport): Promise<void> {
    const totals: Record<string, number> = {};
    for (const f of report.findings) totals[f.status] = (totals[f.status] ?? 0) + 1;
    this.pending.push({
      kind: 'run.end',
      run: this.runId,
      state: report.scan.complete ? 'complete' : 'incomplete',
      totals,
      findings: report.findings.length,
      accounts: report.scan.accounts.length,
      requests: report.scan.requests,
      errors: report.scan.errors.length,
    });
    await this.flush();
  }

  /** The scan stopped before a report (credentials refused, bad input): ended, incomplete. */
  async abort(): Promise<void> {
    this.pending.push({ kind: 'run.end', run: this.runId, state: 'incomplete', totals: {}, findings: 0, accounts: 0, requests: 0, errors: 1 });
    await this.flush();
  }

  /** Writes what is queued and waits until every entry handed over is stored. */
  async flush(): Promise<void> {
    this.send();
    await Promise.all(this.inFlight.splice(0));
    this.throwFailure();
  }

  /** Stops the writer thread (after what it holds is written). */
  async close(): Promise<void> {
    await this.writer.close();
  }

  /** Hands the queued entries to the writer; waits only when MOST_IN_FLIGHT batches are out. */
  private async post(): Promise<void> {
    this.send();
    while (this.inFlight.length >= MOST_IN_FLIGHT) await this.inFlight.shift();
    this.throwFailure();
  }

  private send(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    const written = this.writer.append(batch, this.now()).then(
      () => {
        this.recorded += batch.length;
      },
      (error: unknown) => {
        this.failure ??= error;
      },
    );
    this.inFlight.push(written);
  }

  private throwFailure(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** Writes `run.start` at once (so a run killed later is still seen) and returns the recorder. */
export async function startRun(ledger: Ledger, start: RunStart): Promise<RunRecorder> {
  const now = start.now ?? (() => new Date());
  const runId = start.runId ?? newRunId(now());
  await ledger.append([{ kind: 'run.start', run: runId, chaperoneVersion: start.chaperoneVersion, guideVersion: start.guideVersion, scope: start.scope }], now());
  const recorder = new RunRecorder(ledger, runId, now);
  return recorder;
}

/**
 * Records a finished scan report: each account's findings then its completion, findings of
 * no listed account, the chaperone.yaml entries as applied, then run.end.
 */
export async function recordReport(recorder: RunRecorder, report: ScanReport, config: ChaperoneConfig): Promise<void> {
  const byAccount = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byAccount.get(f.account);
    if (list) list.push(f);
    else byAccount.set(f.account, [f]);
  }
  for (const account of report.scan.accounts) {
    await recorder.account(account, byAccount.get(account.sid) ?? []);
    byAccount.delete(account.sid);
  }
  for (const rest of byAccount.values()) await recorder.findings(rest);
  await recorder.config(config, report.findings);
  await recorder.end(report);
}

function findingEntry(run: string, f: Finding): FindingEntry {
  return {
    kind: 'finding',
    run,
    control: f.control,
    status: f.status,
    severity: f.severity,
    account: f.account,
    platform: f.platform,
    resource: { kind: f.resource.kind, sid: f.resource.sid },
    evidence: f.evidence,
    // The note repeats an attestation or mute (who, until when, why): recorded once, in
    // structured form, by the attestation/mute entries of the run.
  };
}

/** chaperone.yaml free text may name a patient; the ledger keeps it redacted. */
function safeText(text: string): string {
  return redactPhi(text, { style: 'tag' });
}

function appliedConfigEntries(run: string, config: ChaperoneConfig, findings: readonly Finding[]): AppliedConfigEntry[] {
  const attestations = config.attestations.map((a): AppliedConfigEntry => {
    const prefix = `attested by ${a.by} on ${a.date}, valid until ${a.expires}`;
    const settled = findings.filter(
      (f) =>
        f.status === 'attested' &&
        f.control === a.control &&
        (!a.accounts || a.accounts.includes(f.account)) &&
        (!a.resources || a.resources.includes(f.resource.sid)) &&
        f.note?.startsWith(prefix),
    ).length;
    return {
      kind: 'attestation',
      run,
      control: a.control,
      ...(a.accounts ? { accounts: a.accounts } : {}),
      ...(a.resources ? { resources: a.resources } : {}),
      // Who attested is a member of the workforce, not a patient: kept as written.
      by: a.by,
      ...(a.note ? { reason: safeText(a.note) } : {}),
      date: a.date,
      expires: a.expires,
      findings: settled,
    };
  });
  const mutes = config.mutes.map((m): AppliedConfigEntry => {
    const note = `muted until ${m.expires}: ${m.reason}`;
    const settled = findings.filter(
      (f) => f.status === 'muted' && f.control === m.control && (m.resource === '*' || m.resource === f.resource.sid) && (m.account === undefined || m.account === f.account) && f.note === note,
    ).length;
    return {
      kind: 'mute',
      run,
      control: m.control,
      ...(m.account ? { accounts: [m.account] } : {}),
      resources: [m.resource],
      reason: safeText(m.reason),
      ...(m.date ? { date: m.date } : {}),
      expires: m.expires,
      findings: settled,
    };
  });
  return [...attestations, ...mutes];
}
