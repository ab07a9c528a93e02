// `chaperone scan` records into the evidence ledger: opened (and its key loaded) before the
// scan starts, so a ledger that cannot be used stops the run before any request, with one
// line; `run.start` written at once; each account's findings as the scan hands them over
// (so a run killed at 99% keeps 99% and `--resume` continues it); the rest, then a signed
// checkpoint, at the end.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { GUIDE_VERSION } from '@chaperone/controls';
import { getControl } from '@chaperone/controls';
import { checkpointHead, describeLocation, ensureSigner, interruptedRun, Ledger, LedgerError, RunRecorder, startRun, type CheckpointSigner, type RunScope } from '@chaperone/ledger';
import { CHAPERONE_VERSION, type AccountFindings, type ChaperoneConfig, type Finding, type ResumeState, type ScanReport } from '@chaperone/scan';
import type { CommandIO } from '../io.ts';
import { keyPathFrom, LEDGER_OFF, ledgerLocationFrom } from './ledger/options.ts';


export interface ScanLedgerFlags {
  ledger?: string;
  ledgerKey?: string;
  noLedger?: boolean;
}

export interface ScanLedger {
  runId: string;
  /** Set when resuming: the accounts the interrupted run recorded, which the scan does not collect again. */
  resume?: ResumeState;
  /** One batch of the stream: an account's findings with its completion, recorded at once. */
  record(batch: AccountFindings): Promise<void>;
  /** Writes what was handed over so far (a queued run removes an account's outcome from Redis only after this). */
  flush(): Promise<void>;
  /** Records the run-wide findings, chaperone.yaml as applied and the run's end, then signs a checkpoint; returns the line to show. */
  finish(report: ScanReport, config: ChaperoneConfig): Promise<string>;
  /** The scan stopped with an error: the run is recorded as ended incomplete (best effort). */
  abort(): Promise<void>;
  close(): Promise<void>;
}

export function ledgerWanted(flags: ScanLedgerFlags, io: CommandIO): boolean {
  if (flags.noLedger) return false;
  return !(flags.ledger === undefined && LEDGER_OFF.has((io.env.CHAPERONE_LEDGER ?? '').trim().toLowerCase()));
}

export async function openScanLedger(flags: ScanLedgerFlags, io: CommandIO, scope: RunScope, resumeRef?: string): Promise<ScanLedger> {
  const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger, io), { create: resumeRef === undefined, cwd: io.cwd });
  let recorder: RunRecorder;
  let resume: ResumeState | undefined;
  let signer: CheckpointSigner;
  try {
    const keyPath = keyPathFrom(flags.ledgerKey, io);
    const key = await ensureSigner(keyPath, ledger.origin);
    signer = key.signer;
    if (key.created) {
      const shown = relative(io.cwd, keyPath).startsWith('..') ? keyPath : relative(io.cwd, keyPath);
      io.stderr(`chaperone scan: created the ledger's signing key ${shown} (mode 0600): keep it secret and backed up\n`);
    }
    if (resumeRef !== undefined) {
      const run = await interruptedRun(ledger, resumeRef);
      if (run.scope.config?.sha256 !== scope.config?.sha256 || JSON.stringify(run.scope.accounts) !== JSON.stringify(scope.accounts) || run.scope.demo !== scope.demo) {
        throw new LedgerError(`--resume ${run.runId}: that run was started with another chaperone.yaml, --account list or --demo; resume it with the same ones`);
      }
      recorder = new RunRecorder(ledger, run.runId, () => new Date());
      resume = {
        accounts: new Map(
          [...run.accounts].map(([sid, a]) => [sid, { platform: a.platform as Finding['platform'], complete: a.complete, findings: a.findings.map((f) => ({ ...f, remediation: getControl(f.control).remediation })) }]),
        ),
      };
    } else {
      recorder = await startRun(ledger, { chaperoneVersion: CHAPERONE_VERSION, guideVersion: GUIDE_VERSION, scope });
    }
  } catch (error) {
    await ledger.close();
    throw error;
  }
  // The root's run-wide manual findings arrive after every account; they are written with
  // the run's end, in its transaction, so a resumed run never records them twice.
  const runWide: Finding[] = [];
  return {
    runId: recorder.runId,
    ...(resume ? { resume } : {}),
    async record(batch) {
      if (batch.resumed) return;
      if (batch.runWide) runWide.push(...batch.findings);
      else await recorder.account({ platform: batch.platform, sid: batch.account, complete: batch.complete }, batch.findings);
    },
    flush: () => recorder.flush(),
    async finish(report, config) {
      await recorder.findings(runWide);
      await recorder.config(config, report.findings);
      await recorder.end(report);
      const checkpoint = await checkpointHead(ledger, signer);
      return `run ${recorder.runId} ${resume ? 'resumed and ' : ''}recorded in ${describeLocation(ledger.location)} (${recorder.entries + (resume ? 0 : 1)} entries${resume ? ' added' : ''}, checkpoint of ${checkpoint.size} signed)`;
    },
    abort: () => recorder.abort().catch(() => undefined),
    close: async () => {
      await recorder.close();
      await ledger.close();
    },
  };
}

/** What the run covers, for run.start: never a credential, the config file by name and digest. */
export function runScope(options: { platforms: string[]; accounts: readonly string[]; demo: boolean; config: ChaperoneConfig }): RunScope {
  const scope: RunScope = { platforms: options.platforms, accounts: [...options.accounts], demo: options.demo };
  if (options.config.source) {
    const bytes = readFileSync(options.config.source);
    scope.config = { file: basename(options.config.source), sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return scope;
}
