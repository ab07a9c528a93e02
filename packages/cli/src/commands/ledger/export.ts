// `chaperone ledger export --output FILE`: the bundle an auditor verifies with their own code.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { resolve } from 'node:path';
import { Ledger, writeBundle } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';
import { guarded, parseFlags, UsageError } from './common.ts';
import { ledgerLocationFrom, LOCATION_HELP } from './options.ts';

const HELP = `Usage: chaperone ledger export --output FILE [options]

Writes a JSON bundle: every entry (base64 of its exact bytes, with its seq), every signed
checkpoint, the verifier and public key, an inclusion proof of each finding against the
latest checkpoint, and a consistency proof from each earlier checkpoint to the latest. packages/ledger/FORMAT.md documents each field and how to verify it from
RFC 8785, RFC 9162 and the C2SP checkpoint and signed-note specifications alone.

Options:
${LOCATION_HELP.split('\n').slice(0, 2).join('\n')}
  --output FILE            where to write the bundle (required)
  -h, --help
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseFlags('ledger export', argv, { ledger: { type: 'string' }, output: { type: 'string' } }, io);
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  return guarded('ledger export', io, async () => {
    const output = flags.output as string | undefined;
    if (!output) throw new UsageError('--output FILE is required: where to write the bundle');
    const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger as string | undefined, io), { cwd: io.cwd });
    const path = resolve(io.cwd, output);
    // Written beside, then renamed: a failed export never leaves half a bundle under the name.
    const partial = `${path}.partial`;
    try {
      const out = createWriteStream(partial);
      const opened = new Promise<void>((ok, fail) => out.once('open', () => ok()).once('error', fail));
      try {
        await opened;
      } catch (error) {
        throw new UsageError(`cannot write --output ${output} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the directory exists and is writable`);
      }
      let summary;
      try {
        summary = await writeBundle(ledger, out);
        out.end();
        await finished(out);
        await rename(partial, path);
      } catch (error) {
        out.destroy();
        await rm(partial, { force: true });
        throw error;
      }
      io.stderr(
        `chaperone ledger export: ${output}: ${summary.entries} entries, ${summary.checkpoints} checkpoints, ${summary.proofs} inclusion proofs against the checkpoint of ${summary.provenAgainst}, ${summary.consistency} consistency proofs to it\n`,
      );
      return 0;
    } finally {
      await ledger.close();
    }
  });
}
