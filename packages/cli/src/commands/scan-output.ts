// Where `chaperone scan` puts its reports: --format/--output pairs (`-` is stdout), paths
// checked before the scan starts (a multi-minute scan must not end in "cannot write"),
// and the writes themselves. A write that still fails (disk full, directory removed during
// the scan) is one line on stderr and never changes the exit code: the verdict (0, 1, 3)
// is what CI gates on, and losing it to an I/O error would hide failing findings.
import { accessSync, constants, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatFromFileName, isReportFormat, renderReport, REPORT_FORMATS, writeSarif, type ReportFormat, type ScanReport } from '@chaperone/scan';

/** A usage error about --format / --output: exit 2 before anything is scanned. */
export class OutputUsageError extends Error {
  override name = 'OutputUsageError';
}

export interface Plan {
  files: { format: ReportFormat; path: string }[];
  stdoutFormat?: ReportFormat;
}

/** `--output -`: the report goes to stdout (instead of the terminal summary). */
export const STDOUT = '-';

/** Pairs --format and --output in order; an --output without a format takes its extension's. */
export function planOutputs(formats: readonly string[], outputs: readonly string[]): Plan {
  for (const f of formats) if (!isReportFormat(f)) throw new OutputUsageError(`--format "${f}" is not a report format; use one of: ${REPORT_FORMATS.join(', ')}`);
  const toStdout: ReportFormat[] = [];
  const files: Plan['files'] = [];
  outputs.forEach((path, i) => {
    const given = formats[i] as ReportFormat | undefined;
    if (path === STDOUT) {
      if (!given) throw new OutputUsageError(`--output - needs its --format (${REPORT_FORMATS.join('|')}): stdout has no file name to tell it from`);
      toStdout.push(given);
      return;
    }
    const format = given ?? formatFromFileName(path);
    if (!format) throw new OutputUsageError(`--output ${path}: cannot tell the format from the file name; add --format (${REPORT_FORMATS.join('|')}) for it`);
    files.push({ format, path });
  });
  toStdout.push(...(formats.slice(outputs.length) as ReportFormat[]));
  if (toStdout.length > 1) throw new OutputUsageError(`${toStdout.length} reports would go to stdout (--output - or a --format without --output): only one can; add --output FILE for the others`);
  return { files, ...(toStdout[0] ? { stdoutFormat: toStdout[0] } : {}) };
}

/** Every file of the plan can be created or replaced: its directory exists and is writable, the path is not a directory. */
export function checkOutputPaths(plan: Plan, cwd: string): void {
  const seen = new Set<string>();
  for (const file of plan.files) {
    const path = resolve(cwd, file.path);
    if (seen.has(path)) throw new OutputUsageError(`--output ${file.path} is given twice; give each report its own file`);
    seen.add(path);
    const dir = dirname(path);
    const dirStat = statSync(dir, { throwIfNoEntry: false });
    if (!dirStat) throw new OutputUsageError(`--output ${file.path}: directory ${dirname(file.path)} does not exist; create it first`);
    if (!dirStat.isDirectory()) throw new OutputUsageError(`--output ${file.path}: ${dirname(file.path)} is not a directory`);
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new OutputUsageError(`--output ${file.path} is a directory; name a file inside it`);
    try {
      accessSync(existing ? path : dir, constants.W_OK);
    } catch {
      throw new OutputUsageError(`--output ${file.path}: ${existing ? 'the file' : `directory ${dirname(file.path)}`} is not writable; choose another path or fix its permissions`);
    }
  }
}

/** One report's text, and what the writer had to leave out to stay within the format's limits. */
function render(format: ReportFormat, report: ScanReport): { text: string; warnings: string[] } {
  if (format !== 'sarif') return { text: renderReport(format, report), warnings: [] };
  const { text, truncated } = writeSarif(report);
  return { text, warnings: truncated.map((t) => `SARIF truncated to ${t.kept} results (${t.dropped} dropped, least severe first) to fit GitHub code scanning's ${t.reason === 'results' ? 'results per run' : 'upload size'}; every finding is in the JSON report`) };
}

export interface WriteIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** Writes every report of the plan; returns false when a file could not be written (already reported on stderr). */
export async function writeOutputs(plan: Plan, report: ScanReport, io: WriteIO): Promise<boolean> {
  let ok = true;
  for (const file of plan.files) {
    const { text, warnings } = render(file.format, report);
    for (const warning of warnings) io.stderr(`chaperone scan: warning: ${file.path}: ${warning}\n`);
    try {
      await writeFile(resolve(io.cwd, file.path), text);
    } catch (error) {
      ok = false;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      io.stderr(`chaperone scan: cannot write --output ${file.path} (${code}); the other reports are written and the exit code is the scan's\n`);
    }
  }
  if (plan.stdoutFormat) {
    const { text, warnings } = render(plan.stdoutFormat, report);
    for (const warning of warnings) io.stderr(`chaperone scan: warning: stdout: ${warning}\n`);
    io.stdout(text);
  }
  return ok;
}
