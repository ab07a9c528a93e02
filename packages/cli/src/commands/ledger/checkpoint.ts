// `chaperone ledger checkpoint`: the latest signed checkpoint, signing the head first when
// entries were added since the last one (a scan that was killed before its own checkpoint).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkpointHead, Ledger, loadSigner } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';
import { guarded, parseFlags } from './common.ts';
import { keyPathFrom, ledgerLocationFrom, LOCATION_HELP } from './options.ts';

const HELP = `Usage: chaperone ledger checkpoint [options]

Prints the ledger's latest signed checkpoint (C2SP tlog-checkpoint in a signed note),
signing the current head first if it has none. Keep it outside the ledger (a ticket, a
mail to the auditor, a WORM bucket): \`chaperone ledger verify --checkpoint FILE\` then
proves the ledger still extends it. Without such a copy, someone who can write the
database and read the key could rewrite all of its history undetected.

Options:
${LOCATION_HELP}
  --output FILE            write the checkpoint to FILE instead of stdout
  -h, --help
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseFlags('ledger checkpoint', argv, { ledger: { type: 'string' }, 'ledger-key': { type: 'string' }, output: { type: 'string' } }, io);
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  return guarded('ledger checkpoint', io, async () => {
    const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger as string | undefined, io), { cwd: io.cwd });
    try {
      const signer = await loadSigner(keyPathFrom(flags['ledger-key'] as string | undefined, io));
      const checkpoint = await checkpointHead(ledger, signer);
      const output = flags.output as string | undefined;
      if (output === undefined || output === '-') io.stdout(checkpoint.note);
      else {
        try {
          await writeFile(resolve(io.cwd, output), checkpoint.note);
        } catch (error) {
          io.stderr(`chaperone ledger checkpoint: cannot write --output ${output} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the directory exists and is writable\n`);
          return 2;
        }
        io.stderr(`chaperone ledger checkpoint: checkpoint of ${checkpoint.size} entries written to ${output}\n`);
      }
      return 0;
    } finally {
      await ledger.close();
    }
  });
}
