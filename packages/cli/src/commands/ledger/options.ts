// Where the ledger and its signing key are, the same way for `scan` and every `ledger`
// sub-command: the flag, else the environment variable, else the default under .chaperone/.
import { resolve } from 'node:path';
import { DEFAULT_KEY_PATH, DEFAULT_LEDGER_PATH } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';

export function ledgerLocationFrom(flag: string | undefined, io: CommandIO): string {
  const value = flag ?? io.env.CHAPERONE_LEDGER;
  return value !== undefined && value.trim() !== '' ? value : DEFAULT_LEDGER_PATH;
}

export function keyPathFrom(flag: string | undefined, io: CommandIO): string {
  const value = flag ?? io.env.CHAPERONE_LEDGER_KEY;
  return resolve(io.cwd, value !== undefined && value.trim() !== '' ? value : DEFAULT_KEY_PATH);
}

export const LOCATION_HELP = `  --ledger LOCATION        the ledger: a file path or a postgres://USER@HOST:PORT/DB[?schema=NAME] URL
                           (also CHAPERONE_LEDGER; default ${DEFAULT_LEDGER_PATH})
  --ledger-key FILE        the checkpoint signing key (also CHAPERONE_LEDGER_KEY; default ${DEFAULT_KEY_PATH})`;
