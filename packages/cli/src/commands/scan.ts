// `chaperone scan`: audits a Twilio account and every subaccount (and the Segment
// workspace when there is one) against the guide, read-only. Prints the terminal summary
// (or a report format) to stdout, writes report files, progress on stderr when it is a
// terminal. Exit: 0 nothing failing, 1 failing findings (only `fail`, unless --fail-on),
// 2 usage or credential error, 3 incomplete scan without failures.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
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
  scan,
  ScanInputError,
  ACCOUNT_LIST_KIND,
  type ScanOptions,
  type ScanReport,
  ConfigError,
  loadConfig,
  createProgress,
  formatFromFileName,
  isReportFormat,
  renderReport,
  renderTerminalSummary,
  REPORT_FORMATS,
  type ReportFormat,
} from '@chaperone/scan';
import { LedgerError } from '@chaperone/ledger';
import type { CommandIO } from '../io.ts';
import { DEMO_CONFIG, openTarget, UsageError, type ScanTarget } from './scan-target.ts';
import { ledgerWanted, openScanLedger, runScope, type ScanLedger } from './scan-ledger.ts';
import { LOCATION_HELP } from './ledger/options.ts';

export const summary = 'audit a Twilio account (and Segment workspace) against the guide; --demo scans the built-in twin';

const HELP = `Usage: chaperone scan [options]

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
  --output FILE            write a report to FILE (repeatable; format from --format or the extension)
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
  --no-progress            no progress line on stderr
${LOCATION_HELP}
                           every run is recorded there (run, findings, attestations and mutes as applied)
  --no-ledger              do not record this run (also CHAPERONE_LEDGER=off)
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

interface Plan {
  files: { format: ReportFormat; path: string }[];
  stdoutFormat?: ReportFormat;
}

/** Pairs --format and --output in order; an --output without a format takes its extension's. */
export function planOutputs(formats: readonly string[], outputs: readonly string[]): Plan {
  for (const f of formats) if (!isReportFormat(f)) throw new UsageError(`--format "${f}" is not a report format; use one of: ${REPORT_FORMATS.join(', ')}`);
  const files = outputs.map((path, i) => {
    const format = (formats[i] as ReportFormat | undefined) ?? formatFromFileName(path);
    if (!format) throw new UsageError(`--output ${path}: cannot tell the format from the file name; add --format (${REPORT_FORMATS.join('|')}) for it`);
    return { format, path };
  });
  const unpaired = formats.slice(outputs.length) as ReportFormat[];
  if (unpaired.length > 1) throw new UsageError(`--format given ${unpaired.length} times without --output: only one report can go to stdout; add --output FILE for the others`);
  return { files, ...(unpaired[0] ? { stdoutFormat: unpaired[0] } : {}) };
}

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
        'probe-webhooks': { type: 'boolean' },
        'fail-on': { type: 'string', multiple: true },
        status: { type: 'string', multiple: true },
        severity: { type: 'string', multiple: true },
        ledger: { type: 'string' },
        'no-ledger': { type: 'boolean' },
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
    const concurrency = positiveInt('concurrency', flags.concurrency, DEFAULT_CONCURRENCY);
    const timeoutMs = positiveSeconds('timeout', flags.timeout, DEFAULT_TIMEOUT_MS);
    const deadlineMs = flags.deadline === undefined ? undefined : positiveSeconds('deadline', flags.deadline, 0);
    const failOn = parseFailOn(flags['fail-on'] ?? []);
    const filter = parseReportFilter(flags.status ?? [], flags.severity ?? []);
    const config = await loadConfig(flags.config ?? (flags.demo ? DEMO_CONFIG : undefined), { cwd: io.cwd });
    target = await openTarget({ demo: flags.demo, accounts: flags.account ?? [], twilioBaseUrl: flags['twilio-base-url'] }, io);
    const { twilio, sources } = target;

    const ledgerFlags = { ledger: flags.ledger, noLedger: flags['no-ledger'] };
    if (ledgerWanted(ledgerFlags, io)) {
      const platforms = [...(twilio ? ['twilio'] : []), ...sources.map((s) => s.platform)];
      scanLedger = await openScanLedger(ledgerFlags, io, runScope({ platforms, accounts: flags.account ?? [], demo: Boolean(flags.demo), config }));
    }

    const progress = createProgress({ write: io.stderr, isTTY: io.stderrIsTTY && !flags['no-progress'] });
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
    let report: ScanReport;
    try {
      report = await scan(options);
    } catch (error) {
      await scanLedger?.abort();
      throw error;
    } finally {
      progress.done();
    }
    // Recorded before any report is written, on the whole report (filters are a view).
    let ledgerFailed = false;
    if (scanLedger) {
      try {
        io.stderr(`chaperone scan: ${await scanLedger.finish(report, config)}\n`);
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        io.stderr(`chaperone scan: ledger: ${error.message.split('\n')[0]}; this run is not fully recorded (it stays incomplete)\n`);
        ledgerFailed = true;
      }
    }

    // The scan goes on without the subaccounts; say so where a person looks, once, naming
    // the listing that failed (a Standard API key, or an error on Accounts.json).
    for (const f of report.findings) if (f.resource.kind === ACCOUNT_LIST_KIND && f.status === 'unknown') io.stderr(`chaperone scan: warning: ${f.evidence}\n`);

    for (const warning of report.scan.warnings ?? []) io.stderr(`chaperone scan: warning: chaperone.yaml ${warning}\n`);
    // What the reports show; the exit code (and anything recorded) uses the whole report.
    const shown = filterReport(report, filter);
    for (const file of plan.files) {
      const path = resolve(io.cwd, file.path);
      try {
        await writeFile(path, renderReport(file.format, shown));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        io.stderr(`chaperone scan: cannot write --output ${file.path} (${code}); check the directory exists and is writable\n`);
        return 2;
      }
    }
    if (plan.stdoutFormat) io.stdout(renderReport(plan.stdoutFormat, shown));
    else {
      // Cut to the terminal's columns only when stdout is one; a pipe or log keeps every word.
      const tty = Boolean(process.stdout.isTTY);
      io.stdout(renderTerminalSummary(shown, { color: !io.env.NO_COLOR && tty, ...(tty && process.stdout.columns ? { width: process.stdout.columns } : {}) }));
    }
    return ledgerFailed ? 2 : exitCodeFor(report, failOn);
  } catch (error) {
    if (error instanceof LedgerError || error instanceof UsageError || error instanceof FailOnError || error instanceof ReportFilterError || error instanceof CredentialError || error instanceof ScanInputError || error instanceof ConfigError) {
      io.stderr(`chaperone scan: ${error.message.split('\n')[0]}\n`);
      return 2;
    }
    throw error;
  } finally {
    await scanLedger?.close();
    await target?.close();
  }
}
