// `chaperone scan` records into the evidence ledger: opened before the
// scan starts, so a ledger that cannot be used stops the run before any request, with one
// line; `run.start` written at once; the report at the end.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { GUIDE_VERSION } from '@chaperone/controls';
import { describeLocation, Ledger, recordReport, startRun, type RunRecorder, type RunScope } from '@chaperone/ledger';
import { CHAPERONE_VERSION, type ChaperoneConfig, type ScanReport } from '@chaperone/scan';
import type { CommandIO } from '../io.ts';
import { ledgerLocationFrom } from './ledger/options.ts';

/** CHAPERONE_LEDGER=off does what --no-ledger does (for CI jobs that cannot keep a file). */
const OFF = new Set(['off', 'none', 'no', 'false', '0']);

export interface ScanLedgerFlags {
  ledger?: string;
  noLedger?: boolean;
}

export interface ScanLedger {
  runId: string;
  /** Records the report; returns the line to show. */
  finish(report: ScanReport, config: ChaperoneConfig): Promise<string>;
  /** The scan stopped with an error: the run is recorded as ended incomplete (best effort). */
  abort(): Promise<void>;
  close(): Promise<void>;
}

export function ledgerWanted(flags: ScanLedgerFlags, io: CommandIO): boolean {
  if (flags.noLedger) return false;
  return !(flags.ledger === undefined && OFF.has((io.env.CHAPERONE_LEDGER ?? '').trim().toLowerCase()));
}

export async function openScanLedger(flags: ScanLedgerFlags, io: CommandIO, scope: RunScope): Promise<ScanLedger> {
  const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger, io), { create: true, cwd: io.cwd });
  let recorder: RunRecorder;
  try {
    recorder = await startRun(ledger, { chaperoneVersion: CHAPERONE_VERSION, guideVersion: GUIDE_VERSION, scope });
  } catch (error) {
    await ledger.close();
    throw error;
  }
  return {
    runId: recorder.runId,
    async finish(report, config) {
      await recordReport(recorder, report, config);
      return `run ${recorder.runId} recorded in ${describeLocation(ledger.location)} (${recorder.entries + 1} entries)`;
    },
    abort: () => recorder.abort().catch(() => undefined),
    close: () => ledger.close(),
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
