// `chaperone ledger init`: creates the ledger (or opens the one there) and its signing key,
// and signs a first checkpoint, which binds the key to the ledger.
import { relative } from 'node:path';
import { checkpointHead, describeLocation, ensureSigner, Ledger } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';
import { guarded, parseFlags } from './common.ts';
import { keyPathFrom, ledgerLocationFrom, LOCATION_HELP } from './options.ts';

const HELP = `Usage: chaperone ledger init [options]

Creates the evidence ledger and its Ed25519 signing key (file mode 0600; keep it secret and
backed up: it signs every checkpoint). Existing ones are kept and checked to belong together.

Options:
${LOCATION_HELP}
  -h, --help
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseFlags('ledger init', argv, { ledger: { type: 'string' }, 'ledger-key': { type: 'string' } }, io);
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  return guarded('ledger init', io, async () => {
    const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger as string | undefined, io), { create: true, cwd: io.cwd });
    try {
      const keyPath = keyPathFrom(flags['ledger-key'] as string | undefined, io);
      const { signer, created } = await ensureSigner(keyPath, ledger.origin);
      const checkpoint = await checkpointHead(ledger, signer);
      const shownKey = relative(io.cwd, keyPath).startsWith('..') ? keyPath : relative(io.cwd, keyPath);
      io.stdout(`ledger ${describeLocation(ledger.location)}: ${checkpoint.size} entries, origin ${ledger.origin}\n`);
      io.stdout(`signing key ${shownKey}${created ? ' created (mode 0600): keep it secret and backed up' : ' (existing)'}\n`);
      io.stdout(`verifier key ${signer.verifierKey}\n`);
      return 0;
    } finally {
      await ledger.close();
    }
  });
}
