// `chaperone diff [--from RUN] [--to RUN]`: what changed between two runs of the ledger.
import { diffRuns, Ledger, resolveRuns, type DiffFinding, type RunDiff } from '@chaperone/ledger';
import type { CommandIO } from '../io.ts';
import { guarded, parseFlags, UsageError } from './ledger/common.ts';
import { ledgerLocationFrom } from './ledger/options.ts';

export const summary = 'what changed between two scan runs (default: the last two complete ones)';

const HELP = `Usage: chaperone diff [--from RUN] [--to RUN] [options]

Compares two runs of the ledger, finding by finding; a finding is the same finding when its
control, account and resource are. Default: the last two complete runs. RUN is a run id as
\`chaperone history\` shows it, or its unique beginning.

  new        in the later run only
  resolved   failing (or advisory, manual...) before, passing now, or gone from an account
             the later run collected completely
  changed    another status or severity
  unknown    now unknown, or gone from an account the later run did not collect completely:
             counted apart, never as resolved

Options:
  --from RUN, --to RUN
  --ledger LOCATION        the ledger (file path or postgres:// URL; also CHAPERONE_LEDGER)
  --format FORMAT          terminal (default), json, markdown
  -h, --help
`;

const FORMATS = ['terminal', 'json', 'markdown'] as const;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseFlags('diff', argv, { ledger: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } }, io);
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  return guarded('diff', io, async () => {
    const format = (flags.format as string | undefined) ?? 'terminal';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" is not valid; use one of: ${FORMATS.join(', ')}`);
    const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger as string | undefined, io), { cwd: io.cwd });
    try {
      const runs = await resolveRuns(ledger, flags.from as string | undefined, flags.to as string | undefined);
      const diff = await diffRuns(ledger, runs.from, runs.to);
      io.stdout(format === 'json' ? JSON.stringify(diff, null, 2) + '\n' : format === 'markdown' ? markdown(diff) : terminal(diff));
      return 0;
    } finally {
      await ledger.close();
    }
  });
}

const where = (f: DiffFinding) => `${f.control} ${f.account} ${f.resource.kind} ${f.resource.sid}`;
const state = (f?: DiffFinding) => (f ? `${f.status} (${f.severity})` : 'not seen');

function rows(diff: RunDiff): { change: string; finding: DiffFinding; from: string; to: string }[] {
  return [
    ...diff.new.map((f) => ({ change: 'new', finding: f, from: 'not seen', to: state(f) })),
    ...diff.resolved.map((r) => ({ change: 'resolved', finding: r.from, from: state(r.from), to: r.to ? state(r.to) : 'gone' })),
    ...diff.changed.map((c) => ({ change: 'changed', finding: c.to, from: state(c.from), to: state(c.to) })),
    ...diff.unknown.map((u) => ({ change: 'unknown', finding: (u.to ?? u.from)!, from: state(u.from), to: u.to ? state(u.to) : 'not collected' })),
  ];
}

function headline(diff: RunDiff): string {
  return `${diff.from.run} -> ${diff.to.run}: ${diff.new.length} new, ${diff.resolved.length} resolved, ${diff.changed.length} changed, ${diff.unknown.length} unknown`;
}

function terminal(diff: RunDiff): string {
  const lines = [headline(diff)];
  for (const r of rows(diff)) lines.push(`  ${r.change.padEnd(8)}  ${where(r.finding)}: ${r.from} -> ${r.to}`);
  return lines.join('\n') + '\n';
}

function markdown(diff: RunDiff): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [`**${headline(diff)}**`, '', '| change | control | account | resource | before | now |', '|---|---|---|---|---|---|'];
  for (const r of rows(diff)) lines.push(`| ${r.change} | ${r.finding.control} | ${r.finding.account} | ${cell(`${r.finding.resource.kind} ${r.finding.resource.sid}`)} | ${r.from} | ${r.to} |`);
  return lines.join('\n') + '\n';
}
