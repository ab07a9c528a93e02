// `chaperone history`: the runs the ledger holds, newest first, with their totals.
import { describeLocation, Ledger, listRuns, type RunSummary } from '@chaperone/ledger';
import type { CommandIO } from '../io.ts';
import { guarded, parseFlags, UsageError } from './ledger/common.ts';
import { ledgerLocationFrom } from './ledger/options.ts';

export const summary = 'list the scan runs the ledger holds, with their totals';

const HELP = `Usage: chaperone history [options]

Lists the scan runs recorded in the ledger, newest first: id, start, state (complete,
incomplete, or running for a run that never recorded its end), accounts fully collected,
and findings by status.

Options:
  --ledger LOCATION        the ledger (file path or postgres:// URL; also CHAPERONE_LEDGER)
  --limit N                at most N runs (default 20)
  --format FORMAT          terminal (default), json, markdown
  -h, --help
`;

const FORMATS = ['terminal', 'json', 'markdown'] as const;
const STATUSES = ['fail', 'advisory', 'unknown', 'manual', 'attested', 'muted', 'pass'];

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseFlags('history', argv, { ledger: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' } }, io);
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  return guarded('history', io, async () => {
    const format = (flags.format as string | undefined) ?? 'terminal';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" is not valid; use one of: ${FORMATS.join(', ')}`);
    const limitText = (flags.limit as string | undefined) ?? '20';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit "${limitText}" must be a whole number >= 1`);
    const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger as string | undefined, io), { cwd: io.cwd });
    try {
      const runs = await listRuns(ledger, limit);
      if (format === 'json') io.stdout(JSON.stringify({ ledger: describeLocation(ledger.location), runs }, null, 2) + '\n');
      else if (format === 'markdown') io.stdout(markdown(runs));
      else io.stdout(terminal(runs));
      return 0;
    } finally {
      await ledger.close();
    }
  });
}

const counts = (r: RunSummary) => STATUSES.map((s) => r.totals[s] ?? 0);

function terminal(runs: RunSummary[]): string {
  if (runs.length === 0) return 'no runs recorded yet; `chaperone scan` records one\n';
  const rows = [['run', 'started', 'state', 'accounts', ...STATUSES], ...runs.map((r) => [r.run, r.started.replace(/\.\d{3}Z$/, 'Z'), r.state, `${r.accountsComplete}/${r.accounts}`, ...counts(r).map(String)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function markdown(runs: RunSummary[]): string {
  const lines = ['| run | started | state | accounts complete | ' + STATUSES.join(' | ') + ' |', '|---|---|---|---:|' + STATUSES.map(() => '---:').join('|') + '|'];
  for (const r of runs) lines.push(`| ${r.run} | ${r.started} | ${r.state} | ${r.accountsComplete}/${r.accounts} | ${counts(r).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
