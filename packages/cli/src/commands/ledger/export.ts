// `chaperone ledger export --output FILE`: the bundle an auditor verifies with their own code,
// or (--format oscal) one run as OSCAL assessment results whose findings name their entries.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { exportBundle, Ledger, oscalAssessmentResults } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';
import { guarded, parseFlags, UsageError } from './common.ts';
import { ledgerLocationFrom, LOCATION_HELP } from './options.ts';

const HELP = `Usage: chaperone ledger export --output FILE [options]

Writes a JSON bundle: every entry (base64 of its exact bytes, with its seq), every signed
checkpoint, the verifier and public key, an inclusion proof of each finding against the
latest checkpoint, and a consistency proof from each earlier checkpoint to the latest.
packages/ledger/FORMAT.md documents each field and how to verify it from RFC 8785, RFC 9162
and the C2SP checkpoint and signed-note specifications alone.

With --format oscal: one run as an OSCAL 1.1.3 assessment-results document; each finding
and observation names its ledger entry (props ledger-seq and ledger-leaf-sha256, namespace
urn:chaperone:ledger), and the signed checkpoint covering the run is in back-matter.

Options:
${LOCATION_HELP.split('\n').slice(0, 2).join('\n')}
  --output FILE            where to write it (required)
  --format FORMAT          bundle (default) or oscal
  --run RUN                with --format oscal: the run (its id or unique beginning; default the latest complete run)
  -h, --help
`;

const FORMATS = ['bundle', 'oscal'] as const;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseFlags('ledger export', argv, { ledger: { type: 'string' }, output: { type: 'string' }, format: { type: 'string' }, run: { type: 'string' } }, io);
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  return guarded('ledger export', io, async () => {
    const output = flags.output as string | undefined;
    const format = (flags.format as string | undefined) ?? 'bundle';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" is not valid; use one of: ${FORMATS.join(', ')}`);
    if (!output) throw new UsageError(`--output FILE is required: where to write the ${format === 'oscal' ? 'OSCAL document' : 'bundle'}`);
    const runRef = flags.run as string | undefined;
    if (runRef !== undefined && format !== 'oscal') throw new UsageError('--run goes with --format oscal (a bundle holds every run)');
    const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger as string | undefined, io), { cwd: io.cwd });
    try {
      const line = await writeAtomically(resolve(io.cwd, output), output, async (out) => {
        if (format === 'oscal') {
          const doc = await oscalAssessmentResults(ledger, runRef === undefined ? {} : { run: runRef });
          const result = (doc['assessment-results'].results as { findings?: unknown[]; props: { name: string; value: string }[] }[])[0]!;
          out.write(JSON.stringify(doc) + '\n');
          const runId = result.props.find((p) => p.name === 'run-id')?.value;
          return `OSCAL assessment results of run ${runId}, ${result.findings?.length ?? 0} findings with their ledger entries`;
        }
        const summary = await exportBundle(ledger, out);
        return `${summary.entries} entries, ${summary.checkpoints} checkpoints, ${summary.proofs} inclusion proofs against the checkpoint of ${summary.provenAgainst}, ${summary.consistency} consistency proofs to it`;
      });
      io.stderr(`chaperone ledger export: ${output}: ${line}\n`);
      return 0;
    } finally {
      await ledger.close();
    }
  });
}

/** Written beside, then renamed: a failed export never leaves half a file under the name. */
async function writeAtomically(path: string, shown: string, write: (out: Writable) => Promise<string>): Promise<string> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  try {
    await new Promise<void>((ok, fail) => out.once('open', () => ok()).once('error', fail));
  } catch (error) {
    throw new UsageError(`cannot write --output ${shown} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the directory exists and is writable`);
  }
  try {
    const line = await write(out);
    out.end();
    await finished(out);
    await rename(partial, path);
    return line;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
