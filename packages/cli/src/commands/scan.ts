// `chaperone scan`: audits a Twilio account and every subaccount (and the Segment
// workspace when there is one) against the guide, read-only. Prints the terminal summary
// (or a report format) to stdout, writes report files, progress on stderr (a rewriting line
// on a terminal, a plain line every few seconds elsewhere). Exit: 0 nothing failing, 1 failing findings (only `fail`, unless --fail-on),
// 2 usage or credential error, 3 incomplete scan without failures.
import { parseArgs } from 'node:util';
import {
  CredentialError,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  exitCodeFor,
  FailOnError,
  filterReport,
  parseFailOn,
  parseReportFilter,
  ReportFilterError,
  scanStream,
  sortFindings,
  type Finding,
  type AccountFindings,
  ScanInputError,
  ACCOUNT_LIST_KIND,
  type ScanOptions,
  type ScanReport,
  ConfigError,
  loadConfig,
  createProgress,
  renderTerminalSummary,
  REPORT_FORMATS,
  parseControlSelection,
  selectControls,
  isSelected,
  ControlSelectionError,
} from '@chaperone/scan';
import { LedgerError, newRunId } from '@chaperone/ledger';
import { QueueError, scanQueued } from '@chaperone/scan/distributed';
import type { CommandIO } from '../io.ts';
import { DEMO_CONFIG, openTarget, UsageError, type ScanTarget } from './scan-target.ts';
import { ledgerWanted, openScanLedger, runScope, type ScanLedger } from './scan-ledger.ts';
import { LOCATION_HELP } from './ledger/options.ts';
import { checkOutputPaths, OutputUsageError, planOutputs, writeOutputs } from './scan-output.ts';
import { parsePlatform, PlatformError } from './scan-platform.ts';
import { createQueueProgress, QUEUE_HELP, queueTarget, reachQueue } from './scan-queue.ts';

export { planOutputs } from './scan-output.ts';

export const summary = 'audit a Twilio account (and Segment workspace) against the guide; --demo scans the built-in twin';

export const HELP = `Usage: chaperone scan [options]

Audits the Twilio account of TWILIO_ACCOUNT_SID (with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY
and TWILIO_API_SECRET) and every subaccount, read-only, against "Architecting for HIPAA on
Twilio". With SEGMENT_PUBLIC_API_TOKEN the Segment workspace is scanned too
(SEGMENT_API_BASE_URL overrides its endpoint); with only that token, Segment alone.
A Standard API key cannot list subaccounts: the master alone is scanned (exit 3 at best)
and a warning says so; use a Main API key or the auth token to reach every subaccount.

Options:
  --demo                   scan the built-in twin seeded with fixtures/sample-clinic.yaml (no credentials),
                           with fixtures/sample-clinic.chaperone.yaml as configuration unless --config is given
  --account AC...          scan only this account (repeatable)
  --twilio-base-url URL    send every request to URL/{sub}/{path} (also CHAPERONE_TWILIO_BASE_URL)
  --config FILE            chaperone.yaml with the BAA date, attestations and mutes (default ./chaperone.yaml if present;
                           with --demo, fixtures/sample-clinic.chaperone.yaml)
  --format FORMAT          ${REPORT_FORMATS.join('|')} (repeatable; paired in order with --output)
  --output FILE            write a report to FILE (repeatable; format from --format or the extension);
                           \`--output -\` writes it to stdout instead of the summary. Paths are checked before
                           the scan starts; a write that fails later is reported on stderr and the exit code stays the scan's
  --platform NAME          twilio or segment: scan only that platform (default: each one with credentials)
  --checks LIST            report only these controls: ids or globs, comma-separated or repeated (TW-HTTPS,TW-SIP-*)
  --skip-checks LIST       leave these controls out (ids or globs); the verdict counts only the controls reported
  --concurrency N          concurrent requests per account (default ${DEFAULT_CONCURRENCY})
  --timeout SECONDS        timeout of one request (default ${DEFAULT_TIMEOUT_MS / 1000}); a host whose requests time out
                           3 times in a row is given up on for 60 s (its requests fail at once, as unknown)
  --deadline SECONDS       bound on the whole run: past it nothing more is sent, what is still open is unknown
                           and the run is incomplete (exit 3 unless something fails)
  --probe-webhooks         opt-in active check of TW-WEBHOOK-SIGNATURE: after collection, send ONE unsigned
                           POST shaped like a Twilio webhook (synthetic values, no PHI, no X-Twilio-Signature)
                           to each distinct https webhook URL on a public address (redirects not followed).
                           Verdict per resource, worst URL first: 2xx/3xx -> fail; 401/403 -> pass (a 401 asking
                           for Digest after basic credentials -> unknown); 404/405/other statuses, timeouts,
                           refused connections, DNS/TLS errors, private hosts and http:// URLs (not probed) -> unknown.
                           Off by default: these are requests to your own servers, not to Twilio
  --fail-on LIST           what fails the run besides \`fail\`: statuses (advisory, manual, unknown) and/or a minimum
                           severity (critical, high, medium, low, info); comma-separated or repeated. Examples:
                           --fail-on advisory (advisories fail too), --fail-on high (only fail findings of high or
                           critical severity fail), --fail-on advisory,high (fail or advisory, high or critical)
  --status LIST            show only findings of these statuses (fail, advisory, unknown, manual, attested, muted, pass)
  --severity LIST          show only findings of these severities (critical, high, medium, low, info)
                           --status and --severity filter the terminal and every report; the verdict and the exit
                           code still count every finding
  --no-progress, --quiet   no progress on stderr (by default a rewriting line on a terminal, a plain line every
                           5 s elsewhere, e.g. CI logs)
${LOCATION_HELP}
                           every run is recorded there (run, findings, attestations and mutes as applied),
                           then a checkpoint is signed; the key is created on first use
  --no-ledger              do not record this run (also CHAPERONE_LEDGER=off)
${QUEUE_HELP}
  --resume RUN             continue a run that was interrupted (killed, machine down): the accounts it recorded
                           are not collected again, their verdicts count as recorded; same chaperone.yaml,
                           --account list and --demo as the run had (\`chaperone history\` lists runs)
  -h, --help

Statuses, worst first (the guide's classes decide them):
  fail      a required or not-eligible control is violated (or a special consideration the scan sees violated)
  advisory  a recommendation of the guide is not followed: reported, does not fail the run
  unknown   could not be collected: the scan is incomplete, never a pass
  manual    a person must review or attest it in chaperone.yaml (special considerations, attest controls)
  attested  confirmed by a person in chaperone.yaml (who, until when)
  muted     accepted in chaperone.yaml (reason, expiry)
  pass      the scan saw the control met

Exit codes: 0 nothing failing, 1 failing findings (status fail, or what --fail-on adds), 2 usage, credential or
chaperone.yaml error, 3 incomplete scan (something unknown) without failing findings.
`;


function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} "${value}" must be a whole number >= 1`);
  return n;
}

function positiveSeconds(flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} "${value}" must be a number of seconds > 0`);
  return Math.round(n * 1000);
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        account: { type: 'string', multiple: true },
        'twilio-base-url': { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string', multiple: true },
        output: { type: 'string', multiple: true },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        deadline: { type: 'string' },
        'no-progress': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        platform: { type: 'string' },
        checks: { type: 'string', multiple: true },
        'skip-checks': { type: 'string', multiple: true },
        'probe-webhooks': { type: 'boolean' },
        'fail-on': { type: 'string', multiple: true },
        status: { type: 'string', multiple: true },
        severity: { type: 'string', multiple: true },
        ledger: { type: 'string' },
        'ledger-key': { type: 'string' },
        'no-ledger': { type: 'boolean' },
        resume: { type: 'string' },
        queue: { type: 'string' },
        'queue-prefix': { type: 'string' },
        'queue-jobs': { type: 'string' },
        'queue-timeout': { type: 'string' },
        attempts: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`chaperone scan: ${(error as Error).message.split('\n')[0]}. Run \`chaperone scan --help\`.\n`);
    return 2;
  }
  const flags = parsed.values;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }

  let target: ScanTarget | undefined;
  let scanLedger: ScanLedger | undefined;
  try {
    const plan = planOutputs(flags.format ?? [], flags.output ?? []);
    checkOutputPaths(plan, io.cwd);
    const platform = parsePlatform(flags.platform);
    const selection = parseControlSelection(flags.checks ?? [], flags['skip-checks'] ?? []);
    const concurrency = positiveInt('concurrency', flags.concurrency, DEFAULT_CONCURRENCY);
    const timeoutMs = positiveSeconds('timeout', flags.timeout, DEFAULT_TIMEOUT_MS);
    const deadlineMs = flags.deadline === undefined ? undefined : positiveSeconds('deadline', flags.deadline, 0);
    const failOn = parseFailOn(flags['fail-on'] ?? []);
    const filter = parseReportFilter(flags.status ?? [], flags.severity ?? []);
    // A distributed scan reaches its Redis before anything is recorded: a wrong URL costs nothing.
    const queue = flags.queue === undefined ? undefined : queueTarget(flags.queue, flags['queue-prefix'], io);
    const queueJobs = flags['queue-jobs'] === undefined ? undefined : positiveInt('queue-jobs', flags['queue-jobs'], 1);
    const queueTimeoutMs = positiveSeconds('queue-timeout', flags['queue-timeout'], 30_000);
    const attempts = positiveInt('attempts', flags.attempts, 3);
    if (queue && flags.demo) throw new UsageError('--demo cannot go with --queue: the demo twin lives inside this process, where no worker reaches it; run `chaperone twin` and point the scan and the workers at it');
    if (queue && flags['probe-webhooks']) throw new UsageError('--probe-webhooks cannot go with --queue yet: probe webhooks in a single-process scan');
    if (queue) await reachQueue(queue);
    const config = await loadConfig(flags.config ?? (flags.demo ? DEMO_CONFIG : undefined), { cwd: io.cwd });
    target = await openTarget({ demo: flags.demo, accounts: flags.account ?? [], twilioBaseUrl: flags['twilio-base-url'], ...(platform ? { platform } : {}) }, io);
    const { twilio, sources } = target;

    const ledgerFlags = { ledger: flags.ledger, ledgerKey: flags['ledger-key'], noLedger: flags['no-ledger'] };
    if (flags.resume !== undefined && !ledgerWanted(ledgerFlags, io)) throw new UsageError('--resume continues a run recorded in the ledger: it cannot go with --no-ledger');
    if (ledgerWanted(ledgerFlags, io)) {
      const platforms = [...(twilio ? ['twilio'] : []), ...sources.map((s) => s.platform)];
      scanLedger = await openScanLedger(ledgerFlags, io, runScope({ platforms, accounts: flags.account ?? [], demo: Boolean(flags.demo), config }), flags.resume);
    }

    const quiet = Boolean(flags['no-progress'] || flags.quiet);
    const queueProgress = queue ? createQueueProgress(io, quiet) : undefined;
    const progress = quiet || queue ? createProgress({ write: io.stderr, isTTY: false }) : createProgress({ write: io.stderr, isTTY: io.stderrIsTTY, lines: true });
    const options: ScanOptions = {
      ...(twilio ? { twilio } : {}),
      sources,
      config,
      concurrency,
      timeoutMs,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      ...(flags['probe-webhooks'] ? { probeWebhooks: true } : {}),
      onProgress: (update) => progress.update(update),
    };
    // Each account is recorded as the stream hands it over; a ledger that fails mid-run is
    // said once, the scan goes on, and the run stays unfinished in the ledger (never complete).
    let ledgerError: string | undefined;
    const findings: Finding[] = [];
    let report: ScanReport;
    const hooks = {
      onFindings: async (batch: AccountFindings) => {
        // --checks / --skip-checks narrow what is recorded as well as what is shown.
        const selected = selection ? { ...batch, findings: batch.findings.filter((f) => isSelected(f, selection)) } : batch;
        for (const f of selected.findings) findings.push(f);
        if (!scanLedger || ledgerError) return;
        try {
          await scanLedger.record(selected);
        } catch (error) {
          if (!(error instanceof LedgerError)) throw error;
          ledgerError = error.message.split('\n')[0];
        }
      },
      // A queued run removes an account's outcome from Redis only once the ledger holds it.
      durable: async () => {
        if (!scanLedger || ledgerError) return;
        try {
          await scanLedger.flush();
        } catch (error) {
          if (!(error instanceof LedgerError)) throw error;
          ledgerError = error.message.split('\n')[0];
        }
      },
    };
    try {
      const summary = queue
        ? await scanQueued(options, hooks, scanLedger?.resume, {
            target: queue,
            runId: scanLedger?.runId ?? newRunId(new Date()),
            attempts,
            lostAfterMs: queueTimeoutMs,
            ...(queueJobs !== undefined ? { globalJobs: queueJobs } : {}),
            onProgress: (p) => queueProgress?.update(p),
          })
        : await scanStream(options, hooks, scanLedger?.resume);
      report = selectControls({ scan: summary, findings: sortFindings(findings) }, selection);
    } catch (error) {
      // Redis lost mid-run, or another planner holds the run: keep what was recorded, leave the run open for --resume.
      if (error instanceof QueueError) {
        queueProgress?.done();
        await scanLedger?.flush().catch(() => undefined);
        io.stderr(`chaperone scan: ${error.message.split('\n')[0]}\n`);
        return 2;
      }
      await scanLedger?.abort();
      throw error;
    } finally {
      progress.done();
      queueProgress?.done();
    }
    if (scanLedger && !ledgerError) {
      try {
        const recorded = await scanLedger.finish(report, config);
        if (!flags.quiet) io.stderr(`chaperone scan: ${recorded}\n`);
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        ledgerError = error.message.split('\n')[0];
      }
    }
    if (ledgerError) io.stderr(`chaperone scan: ledger: ${ledgerError}; this run is not fully recorded (it stays unfinished: --resume ${scanLedger?.runId} continues it)\n`);
    const ledgerFailed = ledgerError !== undefined;

    // The scan goes on without the subaccounts; say so where a person looks, once, naming
    // the listing that failed (a Standard API key, or an error on Accounts.json).
    for (const f of report.findings) if (f.resource.kind === ACCOUNT_LIST_KIND && f.status === 'unknown') io.stderr(`chaperone scan: warning: ${f.evidence}\n`);

    for (const warning of report.scan.warnings ?? []) io.stderr(`chaperone scan: warning: chaperone.yaml ${warning}\n`);
    // Each account's concurrency halves on 429 and climbs back, so throttling costs time, not
    // verdicts; a user who sees it every run should start lower.
    if (report.scan.throttled > 0 && !flags.quiet) {
      io.stderr(`chaperone scan: Twilio throttled ${report.scan.throttled} requests (429); each account's concurrency was lowered while it did. If it happens every run, pass a lower --concurrency (now ${concurrency}).\n`);
    }
    // What the reports show; the exit code (and anything recorded) uses the whole report.
    const shown = filterReport(report, filter);
    await writeOutputs(plan, shown, io);
    if (!plan.stdoutFormat) {
      // Cut to the terminal's columns only when stdout is one; a pipe or log keeps every word.
      const tty = Boolean(process.stdout.isTTY);
      io.stdout(renderTerminalSummary(shown, { color: !io.env.NO_COLOR && tty, ...(tty && process.stdout.columns ? { width: process.stdout.columns } : {}) }));
    }
    return ledgerFailed ? 2 : exitCodeFor(report, failOn);
  } catch (error) {
    if (error instanceof QueueError || error instanceof LedgerError || error instanceof UsageError || error instanceof OutputUsageError || error instanceof PlatformError || error instanceof ControlSelectionError || error instanceof FailOnError || error instanceof ReportFilterError || error instanceof CredentialError || error instanceof ScanInputError || error instanceof ConfigError) {
      io.stderr(`chaperone scan: ${error.message.split('\n')[0]}\n`);
      return 2;
    }
    throw error;
  } finally {
    await scanLedger?.close();
    await target?.close();
  }
}
