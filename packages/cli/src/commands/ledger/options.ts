// Where the ledger and its signing key are, the same way for `scan` and every `ledger`
// sub-command: the flag, else the environment variable, else the default under .chaperone/.
import { resolve } from 'node:path';
import { DEFAULT_KEY_PATH, DEFAULT_LEDGER_PATH, LedgerError } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';

/** CHAPERONE_LEDGER values that turn recording off (`chaperone scan` records nothing). */
export const LEDGER_OFF = new Set(['off', 'none', 'no', 'false', '0']);

export function ledgerLocationFrom(flag: string | undefined, io: CommandIO): string {
  const value = flag ?? io.env.CHAPERONE_LEDGER;
  // Not a file named "off": the ledger commands need a ledger, so say where the setting came from.
  if (flag === undefined && value !== undefined && LEDGER_OFF.has(value.trim().toLowerCase())) {
    throw new LedgerError(`CHAPERONE_LEDGER=${value.trim()} turns the ledger off, so there is none to read; unset it, or give --ledger LOCATION`);
  }
  return value !== undefined && value.trim() !== '' ? value : DEFAULT_LEDGER_PATH;
}

export function keyPathFrom(flag: string | undefined, io: CommandIO): string {
  const value = flag ?? io.env.CHAPERONE_LEDGER_KEY;
  return resolve(io.cwd, value !== undefined && value.trim() !== '' ? value : DEFAULT_KEY_PATH);
}

export const LOCATION_HELP = `  --ledger LOCATION        the ledger: a file path or a postgres://USER@HOST:PORT/DB[?schema=NAME] URL
                           (also CHAPERONE_LEDGER; default ${DEFAULT_LEDGER_PATH})
  --ledger-key FILE        the checkpoint signing key (also CHAPERONE_LEDGER_KEY; default ${DEFAULT_KEY_PATH})`;
