// What every `ledger` sub-command shares: argument errors and ledger errors as one line, exit 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LedgerError } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses the sub-command's flags; undefined (after printing one line) when they are wrong. */
export function parseFlags<T extends Options>(command: string, argv: string[], options: T, io: CommandIO) {
  try {
    return parseArgs({ args: argv, allowPositionals: false, options: { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } } }).values;
  } catch (error) {
    io.stderr(`chaperone ${command}: ${(error as Error).message.split('\n')[0]}. Run \`chaperone ${command} --help\`.\n`);
    return undefined;
  }
}

/** Runs a sub-command body; a LedgerError or UsageError becomes its one line and exit 2. */
export async function guarded(command: string, io: CommandIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof LedgerError || error instanceof UsageError) {
      io.stderr(`chaperone ${command}: ${error.message.split('\n')[0]}\n`);
      return 2;
    }
    throw error;
  }
}
