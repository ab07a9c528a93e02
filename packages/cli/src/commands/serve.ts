// `chaperone serve`: the dashboard over the ledger, until Ctrl-C.
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, IdleTimeoutError, ServeError, parseIdleTimeout, startDashboard, withUserStore } from '@chaperone/web';
import type { CommandIO } from '../io.ts';
import { ledgerLocation } from './ledger-location.ts';
import { keyPathFrom } from './ledger/options.ts';

export const summary = 'the dashboard over the ledger: posture, drift, drill-down, attestations (default http://127.0.0.1:4600)';

const HELP = `Usage: chaperone serve [--ledger L] [--ledger-key FILE] [--port N] [--host HOST] [--idle-timeout SECONDS] [--tls-cert FILE --tls-key FILE]

Serves the dashboard over the ledger until Ctrl-C. Sign in with an account made by
\`chaperone user add NAME --role viewer|attester|admin\`.
  --ledger L              ledger file or postgres:// URL (default CHAPERONE_LEDGER, else .chaperone/ledger.db)
  --ledger-key FILE       the checkpoint signing key: "Verify now" on the Evidence page trusts
                          its FILE.pub (also CHAPERONE_LEDGER_KEY; default .chaperone/ledger.key)
  --port N                port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST             address to bind (default ${DEFAULT_HOST}); plain http only on a loopback address
  --idle-timeout SECONDS  sign out after this many idle seconds: 1 to 900 (default and most: 15 minutes)
  --tls-cert FILE, --tls-key FILE
                          serve https (PEM files): needed on any address but loopback
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        ledger: { type: 'string' },
        'ledger-key': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'idle-timeout': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    io.stderr(`chaperone serve: ${(error as Error).message}; run \`chaperone serve --help\`\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535) {
    io.stderr('chaperone serve: --port must be a whole number from 0 to 65535\n');
    return 2;
  }
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    io.stderr('chaperone serve: give both --tls-cert and --tls-key, or neither\n');
    return 2;
  }
  let idleTimeoutMs: number;
  try {
    idleTimeoutMs = parseIdleTimeout(values['idle-timeout']);
  } catch (error) {
    if (error instanceof IdleTimeoutError) {
      io.stderr(`chaperone serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const location = ledgerLocation(values.ledger, io);
  let dashboard;
  try {
    dashboard = await startDashboard({
      location,
      port,
      host: values.host,
      idleTimeoutMs,
      keyPath: keyPathFrom(values['ledger-key'], io),
      tls: values['tls-cert'] ? { certFile: values['tls-cert'], keyFile: values['tls-key']! } : undefined,
      log: (line) => io.stderr(`${line}\n`),
    });
  } catch (error) {
    if (error instanceof ServeError) {
      io.stderr(`chaperone serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const users = await withUserStore(location, {}, (u) => u.list());
  io.stdout(`Dashboard at ${dashboard.url} (idle logoff after ${idleTimeoutMs / 1000} s). Ctrl-C stops it.\n`);
  if (users.length === 0) io.stderr('No dashboard user yet: add one with `chaperone user add NAME --role admin` (no restart needed).\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await dashboard.close();
  return 0;
}
