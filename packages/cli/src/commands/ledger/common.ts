// What every `ledger` sub-command shares: argument errors and ledger errors as one line, exit 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LedgerError } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<T extends Options> = T & { help: { type: 'boolean'; short: 'h' } };
// Spelled out so the built declarations can name it (parseArgs' own result types are not exported).
type Flags<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: false; options: WithHelp<T> }>>['values'];

/** Parses the sub-command's flags; undefined (after printing one line) when they are wrong. */
export function parseFlags<T extends Options>(command: string, argv: string[], options: T, io: CommandIO): Flags<T> | undefined {
  try {
    return parseArgs({ args: argv, allowPositionals: false, options: { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<T> }).values;
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
