// `chaperone init`: reads the account read-only (the scan's own collectors, through the
// same target as `chaperone scan`) and writes a commented chaperone.yaml listing every
// account with its creation date, the BAA date, and each control a person must attest.
// Never overwrites a file. Exit: 0 written, 2 usage/credential error or file exists.
import { open, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ACCOUNT_LIST_KIND, CredentialError, DEFAULT_CONFIG_FILE, isCalendarDate, ScanInputError, scanWithInventory } from '@chaperone/scan';
import type { Platform } from '@chaperone/controls';
import type { CommandIO } from '../io.ts';
import { renderInitConfig } from '../init/template.ts';
import { openTarget, UsageError, type ScanTarget } from './scan-target.ts';

export const summary = 'write a commented chaperone.yaml from a read-only scan of the account (--baa-date YYYY-MM-DD)';

const HELP = `Usage: chaperone init [options]

Reads the account of TWILIO_ACCOUNT_SID (and the Segment workspace of SEGMENT_PUBLIC_API_TOKEN)
read-only, as \`chaperone scan\` does, and writes a commented chaperone.yaml: every account with
its creation date, the BAA date, and each control a person must attest, with placeholders.
Designated accounts and attestations are written commented out: uncomment only what is true.

Options:
  --baa-date YYYY-MM-DD    the day the BAA with Twilio took effect (asked for when stdin is a terminal;
                           otherwise a placeholder is written and a warning printed)
  --output FILE            where to write (default ./${DEFAULT_CONFIG_FILE}); an existing file is never replaced
  --demo                   read the built-in twin of the sample clinic instead (no credentials)
  --account AC...          read only this account (repeatable)
  --twilio-base-url URL    send every request to URL/{sub}/{path} (also CHAPERONE_TWILIO_BASE_URL)
  -h, --help

Exit codes: 0 written, 2 usage or credential error, or the file already exists.
`;

function checkBaaDate(source: string, value: string): string {
  const text = value.trim();
  if (!isCalendarDate(text)) throw new UsageError(`${source} is not a calendar date; write the day the BAA took effect as YYYY-MM-DD, e.g. 2024-03-01`);
  return text;
}

/** Asks on the terminal; an empty answer leaves the placeholder. */
async function askBaaDate(io: CommandIO): Promise<string | undefined> {
  const output = new Writable({ write: (chunk: Buffer, _encoding, done) => (io.stderr(chunk.toString()), done()) });
  const rl = createInterface({ input: io.stdin, output });
  try {
    const answer = await rl.question('BAA effective date with Twilio (YYYY-MM-DD, empty to fill in later): ');
    return answer.trim() ? checkBaaDate('the BAA date', answer) : undefined;
  } finally {
    rl.close();
  }
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        'baa-date': { type: 'string' },
        output: { type: 'string' },
        demo: { type: 'boolean' },
        account: { type: 'string', multiple: true },
        'twilio-base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.stderr(`chaperone init: ${(error as Error).message.split('\n')[0]}. Run \`chaperone init --help\`.\n`);
    return 2;
  }
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }

  const shown = flags.output ?? DEFAULT_CONFIG_FILE;
  const path = resolve(io.cwd, shown);
  let target: ScanTarget | undefined;
  try {
    let baaDate = flags['baa-date'] !== undefined ? checkBaaDate('--baa-date', flags['baa-date']) : undefined;
    // Claim the file first (exclusive create): an existing one is refused before any request.
    const file = await open(path, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw new UsageError(`${shown} already exists; init never replaces it: edit it, or pass --output FILE for a new one`);
      throw new UsageError(`cannot create ${shown} (${error.code ?? 'error'}); check the directory exists and is writable`);
    });
    let written = false;
    try {
      if (baaDate === undefined && (io.stdin as { isTTY?: boolean }).isTTY) baaDate = await askBaaDate(io);
      target = await openTarget({ demo: flags.demo, accounts: flags.account ?? [], twilioBaseUrl: flags['twilio-base-url'] }, io);
      const { inventory, report } = await scanWithInventory({ ...(target.twilio ? { twilio: target.twilio } : {}), sources: target.sources });

      const unlisted = report.findings.find((f) => f.resource.kind === ACCOUNT_LIST_KIND && f.status === 'unknown');
      const platforms = [...new Set(inventory.accounts.map((a) => a.platform))] as Platform[];
      const text = renderInitConfig({ accounts: inventory.accounts, platforms, now: new Date(report.scan.started), ...(baaDate ? { baaDate } : {}), ...(unlisted ? { incomplete: unlisted.evidence } : {}) });
      await file.writeFile(text);
      written = true;
      if (unlisted) io.stderr(`chaperone init: warning: ${unlisted.evidence}\n`);
      if (!baaDate) io.stderr(`chaperone init: warning: no BAA date (--baa-date YYYY-MM-DD): ${shown} has a placeholder for baa.date; fill it in\n`);
      const twilioCount = inventory.accounts.filter((a) => a.platform === 'twilio').length;
      io.stdout(`wrote ${shown}: ${twilioCount} Twilio account(s)${platforms.includes('segment') ? ', the Segment workspace' : ''}; uncomment what is true, fill in the placeholders, then run \`chaperone scan\`\n`);
      return 0;
    } finally {
      await file.close();
      // A failed read leaves no half-made file behind (it was created empty above).
      if (!written) await rm(path, { force: true });
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof CredentialError || error instanceof ScanInputError) {
      io.stderr(`chaperone init: ${error.message.split('\n')[0]}\n`);
      return 2;
    }
    throw error;
  } finally {
    await target?.close();
  }
}
