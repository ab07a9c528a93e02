// Where the dashboard's commands find the ledger: the same rule as scan and the ledger commands
// (--ledger, else CHAPERONE_LEDGER, where "off" is refused with a line, else .chaperone/ledger.db),
// parsed here because serve and user open it through the web package.
import { parseLedgerLocation, type LedgerLocation } from '@chaperone/ledger';
import type { CommandIO } from '../io.ts';
import { ledgerLocationFrom } from './ledger/options.ts';

export function ledgerLocation(flag: string | undefined, io: CommandIO): LedgerLocation {
  return parseLedgerLocation(ledgerLocationFrom(flag, io), io.cwd);
}
