// `chaperone ledger <init|verify|checkpoint|export>`: the evidence ledger's own commands.
import type { CommandIO } from '../../io.ts';

export const summary = 'the evidence ledger: init, verify, checkpoint, export';

const HELP = `Usage: chaperone ledger <command> [options]

Every \`chaperone scan\` records its run, findings, attestations and mutes in the ledger
(.chaperone/ledger.db unless --ledger/CHAPERONE_LEDGER say otherwise), an append-only log
whose entries are hashed into a Merkle tree (RFC 9162) and signed as checkpoints (C2SP
tlog-checkpoint, Ed25519).

Commands:
  init         create the ledger and its signing key (.chaperone/ledger.key, mode 0600)
  verify       recompute every entry and tree head, check every checkpoint's signature and,
               with --checkpoint FILE, that the ledger still extends a checkpoint kept elsewhere
               (exit 0 intact, 1 tampered, 2 usage)
  checkpoint   sign the current head if needed and print the latest checkpoint (--output FILE):
               keep it outside the ledger, the only thing that shows a rewrite of all history
  export       write a JSON bundle an auditor can verify with their own code (--output FILE)

Run \`chaperone ledger <command> --help\` for its options.
`;

interface Sub {
  run(argv: string[], io: CommandIO): Promise<number>;
}

const subs: Record<string, () => Promise<Sub>> = {
  init: () => import('./init.ts'),
  verify: () => import('./verify.ts'),
  checkpoint: () => import('./checkpoint.ts'),
  export: () => import('./export.ts'),
};

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP);
    return name ? 0 : 2;
  }
  const load = subs[name];
  if (!load) {
    io.stderr(`chaperone ledger: unknown command "${name}"; use one of: ${Object.keys(subs).join(', ')}\n`);
    return 2;
  }
  return (await load()).run(rest, io);
}
