// Where the dashboard's commands find the ledger: --ledger, else CHAPERONE_LEDGER, else the
// scan's default (.chaperone/ledger.db beside where the command runs).
import { DEFAULT_LEDGER_PATH, parseLedgerLocation, type LedgerLocation } from '@chaperone/ledger';
import type { CommandIO } from '../io.ts';

export function ledgerLocation(flag: string | undefined, io: CommandIO): LedgerLocation {
  return parseLedgerLocation(flag ?? io.env.CHAPERONE_LEDGER ?? DEFAULT_LEDGER_PATH, io.cwd);
}
