// Where the ledger is, the same way for every command: the flag, else the environment
// variable, else the default under .chaperone/.
import { DEFAULT_LEDGER_PATH } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';

export function ledgerLocationFrom(flag: string | undefined, io: CommandIO): string {
  const value = flag ?? io.env.CHAPERONE_LEDGER;
  return value !== undefined && value.trim() !== '' ? value : DEFAULT_LEDGER_PATH;
}

export const LOCATION_HELP = `  --ledger LOCATION        the ledger: a file path or a postgres://USER@HOST:PORT/DB[?schema=NAME] URL
                           (also CHAPERONE_LEDGER; default ${DEFAULT_LEDGER_PATH})`;
