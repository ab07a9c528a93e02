// `chaperone user`: dashboard accounts, kept in the ledger's database (scrypt hashes only).
import { parseArgs } from 'node:util';
import { MIN_PASSWORD_LENGTH, ROLES, UserInputError, isRole, withUserStore, type Role } from '@chaperone/web';
import { LedgerError } from '@chaperone/ledger';
import type { CommandIO } from '../io.ts';
import { ledgerLocation } from './ledger-location.ts';
import { readSecret } from './read-secret.ts';

export const summary = 'dashboard accounts: add NAME --role viewer|attester|admin (password on stdin), list, remove NAME';

const HELP = `Usage: chaperone user add NAME --role viewer|attester|admin [--replace] [--ledger L]
       chaperone user list [--ledger L]
       chaperone user remove NAME [--ledger L]

Accounts of the dashboard (\`chaperone serve\`), kept in the ledger's database.
  add      reads the password from stdin (typed without echo on a terminal, or piped:
           printf '%s\\n' "$PASSWORD" | chaperone user add dana --role attester);
           at least ${MIN_PASSWORD_LENGTH} characters. --replace gives an existing user a new
           password and role and ends their sessions.
  roles    viewer: sees every page; attester: also records, renews and revokes
           attestations and mutes; admin: everything.
  --ledger L   ledger file or postgres:// URL (default CHAPERONE_LEDGER, else .chaperone/ledger.db)
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: 'string' }, replace: { type: 'boolean', default: false }, ledger: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    io.stderr(`chaperone user: ${(error as Error).message}; run \`chaperone user --help\`\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, name, ...extra] = positionals;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (!action || !['add', 'list', 'remove'].includes(action) || extra.length || ((action === 'add' || action === 'remove') && !name) || (action === 'list' && name)) {
    io.stderr(`chaperone user: say what to do: add NAME --role ${ROLES.join('|')}, list, or remove NAME\n`);
    return 2;
  }
  if (action === 'add' && (!values.role || !isRole(values.role))) {
    io.stderr(`chaperone user add: --role must be one of ${ROLES.join(', ')}\n`);
    return 2;
  }
  let location;
  try {
    location = ledgerLocation(values.ledger, io);
  } catch (error) {
    if (error instanceof LedgerError) {
      io.stderr(`chaperone user ${action}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // Read before the ledger is opened: a terminal prompt must not hold the database.
  const password = action === 'add' ? await readSecret(io, `Password for ${name} (at least ${MIN_PASSWORD_LENGTH} characters, not shown): `) : '';
  try {
    return await withUserStore(location, { create: action === 'add' }, async (users) => {
      if (action === 'list') {
        const list = await users.list();
        if (list.length === 0) io.stdout('No dashboard users yet: chaperone user add NAME --role admin\n');
        for (const u of list) io.stdout(`${u.username}\t${u.role}\n`);
        return 0;
      }
      if (action === 'remove') {
        if (!(await users.remove(name!))) {
          io.stderr(`chaperone user remove: no user "${name}"\n`);
          return 2;
        }
        io.stdout(`Removed ${name} and ended their sessions.\n`);
        return 0;
      }
      const outcome = await users.add(name!, values.role as Role, password, { replace: values.replace });
      io.stdout(`${outcome === 'added' ? 'Added' : 'Replaced'} ${name} (${values.role}). Sign in at the dashboard: chaperone serve\n`);
      return 0;
    });
  } catch (error) {
    if (error instanceof UserInputError) {
      io.stderr(`chaperone user ${action}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
