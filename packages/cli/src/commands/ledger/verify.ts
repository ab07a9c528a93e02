// `chaperone ledger verify`: exit 0 intact, 1 tampered (one line naming the first bad entry
// or the broken checkpoint), 2 usage or a ledger that cannot be opened.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Ledger, loadSigner, noteOpener, verifierKeyFrom, verifyLedger } from '@chaperone/ledger';
import type { CommandIO } from '../../io.ts';
import { guarded, parseFlags, UsageError } from './common.ts';
import { keyPathFrom, ledgerLocationFrom, LOCATION_HELP } from './options.ts';

const HELP = `Usage: chaperone ledger verify [options]

Recomputes every entry's leaf hash from its stored bytes and the Merkle tree head (RFC 9162)
at every checkpoint, checks every checkpoint's Ed25519 signature, and with --checkpoint
that the ledger still extends a checkpoint kept elsewhere. Needs no network.

Options:
${LOCATION_HELP}
                           (when the key file exists, the ledger's key must be its key)
  --checkpoint FILE        a checkpoint saved earlier (\`chaperone ledger checkpoint\`): the ledger must extend it
  --verifier-key VKEY      the verifier key you hold (as \`chaperone ledger init\` printed it, or a file holding it,
                           e.g. ledger.key.pub), instead of the key file's
  -h, --help

Exit codes: 0 intact, 1 tampered (the line names the first bad entry's seq or the checkpoint), 2 usage.
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseFlags(
    'ledger verify',
    argv,
    { ledger: { type: 'string' }, 'ledger-key': { type: 'string' }, checkpoint: { type: 'string' }, 'verifier-key': { type: 'string' } },
    io,
  );
  if (!flags) return 2;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  return guarded('ledger verify', io, async () => {
    const checkpointFile = flags.checkpoint as string | undefined;
    let external: string | undefined;
    if (checkpointFile !== undefined) {
      try {
        external = await readFile(resolve(io.cwd, checkpointFile), 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read --checkpoint ${checkpointFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}); give the file \`chaperone ledger checkpoint --output\` wrote`);
      }
    }
    const keyFlag = flags['ledger-key'] as string | undefined;
    const keyPath = keyPathFrom(keyFlag, io);
    const ledger = await Ledger.open(ledgerLocationFrom(flags.ledger as string | undefined, io), { cwd: io.cwd });
    try {
      const given = flags['verifier-key'] as string | undefined;
      let trusted = given === undefined ? undefined : verifierKeyFrom(given);
      if (trusted === undefined && (keyFlag !== undefined || existsSync(keyPath))) trusted = loadSigner(keyPath).verifierKey;
      const bound = await ledger.meta('verifier_key');
      const tampered = (line: string) => {
        io.stderr(`chaperone ledger verify: TAMPERED: ${line}\n`);
        return 1;
      };
      if (trusted !== undefined && bound !== undefined && trusted !== bound) return tampered(`the ledger names verifier key ${short(bound)}, not ${short(trusted)} (the key given); its checkpoints were not signed by your key`);
      const key = trusted ?? bound;
      const hasCheckpoints = (await ledger.db.selectFrom('ledger_checkpoint').select('size').limit(1).execute()).length > 0;
      if (!key && (hasCheckpoints || external !== undefined)) return tampered('the ledger has checkpoints but no verifier key; give --verifier-key or --ledger-key');
      const open = key
        ? noteOpener(key)
        : () => {
            throw new Error('no verifier key');
          };
      const storage = await ledger.storageCheck();
      if (storage !== 'ok') return tampered(`the database file is damaged (SQLite integrity_check: ${storage.slice(0, 200)})`);
      const result = await verifyLedger(ledger, { open, ...(external !== undefined ? { external } : {}) });
      if (!result.ok) return tampered(result.problem);
      const parts = [`ledger intact: ${result.size} entries, ${result.checkpoints} signed checkpoint${result.checkpoints === 1 ? '' : 's'}`];
      if (result.external !== undefined) parts.push(`extends the given checkpoint of ${result.external} entries`);
      if (result.unsigned > 0) parts.push(`the last ${result.unsigned} entries are not yet signed (\`chaperone ledger checkpoint\` signs them)`);
      io.stdout(parts.join('; ') + '\n');
      return 0;
    } finally {
      await ledger.close();
    }
  });
}

function short(vkey: string): string {
  return vkey.split('+').slice(0, 2).join('+');
}
