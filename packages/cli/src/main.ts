// Entry point of the `chaperone` command: dispatches to one module per sub-command.
// Each command module exports `run(argv: string[], io: CommandIO): Promise<number>` and
// returns the process exit code (0 ok, 1 failing findings, 2 usage/credential error or an
// unexpected error, 3 incomplete scan).
import { readFileSync } from 'node:fs';
import type { CommandIO } from './io.ts';
import { defaultIO } from './io.ts';
import { reportUnexpectedError } from './unexpected-error.ts';

export interface CommandModule {
  summary: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

const commands: Record<string, () => Promise<CommandModule>> = {
  scan: () => import('./commands/scan.ts'),
  init: () => import('./commands/init.ts'),
  twin: () => import('./commands/twin.ts'),
  controls: () => import('./commands/controls.ts'),
  redact: () => import('./commands/redact.ts'),
  serve: () => import('./commands/serve.ts'),
  user: () => import('./commands/user.ts'),
  ledger: () => import('./commands/ledger/index.ts'),
  history: () => import('./commands/history.ts'),
  diff: () => import('./commands/diff.ts'),
  worker: () => import('./commands/worker.ts'),
};

const summaries: Record<string, string> = {
  scan: 'audit a Twilio account (and Segment workspace) against the guide; --demo scans the built-in twin',
  init: 'write a commented chaperone.yaml from a read-only scan (--baa-date YYYY-MM-DD)',
  twin: 'run the local Twilio API twin: --fixture FILE --port N',
  controls: 'list the control catalog (--format table|json|markdown, filters)',
  redact: 'redact PHI from stdin to stdout, line for line',
  serve: 'the dashboard over the ledger (http://127.0.0.1:4600): posture, drift, drill-down, attestations',
  user: 'dashboard accounts: add NAME --role viewer|attester|admin (password on stdin), list, remove NAME',
  ledger: 'the evidence ledger: init, verify, checkpoint, export (every scan records into it)',
  history: 'list the scan runs the ledger holds, with their totals',
  diff: 'what changed between two scan runs (default: the last two complete ones)',
  worker: 'run the account jobs of distributed scans (chaperone scan --queue): --queue redis://HOST:PORT',
};

function usage(): string {
  const lines = ['Usage: chaperone <command> [options]', '', 'Commands:'];
  for (const [name, text] of Object.entries(summaries)) lines.push(`  ${name.padEnd(10)} ${text}`);
  lines.push('', 'Run `chaperone <command> --help` for the options of one command; `chaperone --version` for the version.');
  return lines.join('\n');
}

/** The CLI's own version (src/ and dist/ both sit one level below package.json). */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[], io: CommandIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`chaperone ${version()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage() + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`chaperone: unknown command "${name}". Run \`chaperone --help\` for the list.\n`);
    return 2;
  }
  return runCommand(name, await load(), rest, io);
}

/** Runs one command; an error it did not answer itself is a bug: one line, exit 2. */
export async function runCommand(name: string, mod: CommandModule, argv: string[], io: CommandIO): Promise<number> {
  try {
    return await mod.run(argv, io);
  } catch (error) {
    reportUnexpectedError(name, error, io);
    return 2;
  }
}
