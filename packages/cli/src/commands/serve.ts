// `chaperone serve`: the dashboard over the ledger, until Ctrl-C.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, IdleTimeoutError, ServeError, parseIdleTimeout, startDashboard, withUserStore, type ServeOptions } from '@chaperone/web';
import { LedgerError } from '@chaperone/ledger';
import { DEFAULT_QUEUE_PREFIX, parseQueueUrl, QueueError, runProgressReader, type RunProgressReader } from '@chaperone/scan/distributed';
import type { CommandIO } from '../io.ts';
import { ledgerLocation } from './ledger-location.ts';
import { keyPathFrom } from './ledger/options.ts';

export const summary = 'the dashboard over the ledger: posture, drift, drill-down, attestations (default http://127.0.0.1:4600)';

const HELP = `Usage: chaperone serve [--ledger L] [--ledger-key FILE] [--port N] [--host HOST] [--idle-timeout SECONDS] [--tls-cert FILE --tls-key FILE] [--queue redis://HOST:PORT]

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
  --queue redis://HOST:PORT
                          the queue of \`scan --queue\`: a queued run's progress card shows accounts,
                          requests, throttling, ETA and each worker, read from Redis (without it the
                          dashboard never connects to Redis)
  --queue-prefix NAME     the queue's key prefix (default chaperone; also CHAPERONE_QUEUE_PREFIX)

Sign-in through your OpenID Connect provider (optional, beside the password accounts):
  --oidc-issuer URL       the issuer (also CHAPERONE_OIDC_ISSUER); https, or http on loopback for tests
  --oidc-client-id ID     the client registered there (also CHAPERONE_OIDC_CLIENT_ID)
  --oidc-client-secret-file FILE
                          a file holding the client secret; else CHAPERONE_OIDC_CLIENT_SECRET
                          (never a flag: it would show in the process list)
  --oidc-viewer VALUE, --oidc-attester VALUE, --oidc-admin VALUE
                          a value of the role claim that grants the role (each repeatable; the
                          highest role granted wins; a user granted none is refused)
  --oidc-role-claim NAME  the claim holding those values (default groups)
  --oidc-username-claim NAME
                          the claim naming the user, shown as oidc:NAME (default sub)
  --oidc-scope SCOPES     scopes asked for (default "openid profile email")
  --oidc-label TEXT       the button's text: Sign in with TEXT
  --public-url URL        this dashboard's address as browsers see it (also CHAPERONE_PUBLIC_URL;
                          default the --host and --port served); register URL/login/oidc/callback
`;

class UsageError extends Error {}

interface OidcFlags {
  'oidc-issuer'?: string;
  'oidc-client-id'?: string;
  'oidc-client-secret-file'?: string;
  'oidc-viewer'?: string[];
  'oidc-attester'?: string[];
  'oidc-admin'?: string[];
  'oidc-role-claim'?: string;
  'oidc-username-claim'?: string;
  'oidc-scope'?: string;
  'oidc-label'?: string;
  'public-url'?: string;
}

/** The OIDC settings from flags and environment, or undefined when no issuer is given. The secret is read, never echoed. */
function oidcOptions(values: OidcFlags, io: CommandIO): ServeOptions['oidc'] {
  const issuer = values['oidc-issuer'] ?? io.env.CHAPERONE_OIDC_ISSUER;
  const anyOidc = Object.keys(values).some((k) => k.startsWith('oidc-'));
  if (!issuer) {
    if (anyOidc) throw new UsageError('the --oidc-* options need --oidc-issuer URL (or CHAPERONE_OIDC_ISSUER)');
    return undefined;
  }
  const clientId = values['oidc-client-id'] ?? io.env.CHAPERONE_OIDC_CLIENT_ID;
  if (!clientId) throw new UsageError('--oidc-issuer needs --oidc-client-id ID (or CHAPERONE_OIDC_CLIENT_ID)');
  let clientSecret: string | undefined;
  const secretFile = values['oidc-client-secret-file'];
  if (secretFile !== undefined) {
    try {
      clientSecret = readFileSync(resolve(io.cwd, secretFile), 'utf8').trim();
    } catch (error) {
      throw new UsageError(`cannot read --oidc-client-secret-file ${secretFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}); give the file holding the client secret`);
    }
  } else clientSecret = io.env.CHAPERONE_OIDC_CLIENT_SECRET?.trim();
  if (!clientSecret) throw new UsageError('--oidc-issuer needs the client secret: --oidc-client-secret-file FILE or CHAPERONE_OIDC_CLIENT_SECRET');
  const roles = { viewer: values['oidc-viewer'] ?? [], attester: values['oidc-attester'] ?? [], admin: values['oidc-admin'] ?? [] };
  if (!roles.viewer.length && !roles.attester.length && !roles.admin.length) throw new UsageError('--oidc-issuer needs at least one of --oidc-viewer, --oidc-attester, --oidc-admin VALUE (the claim value that grants the role)');
  return {
    issuer,
    clientId,
    clientSecret,
    roles,
    ...(values['public-url'] ?? io.env.CHAPERONE_PUBLIC_URL ? { publicUrl: values['public-url'] ?? io.env.CHAPERONE_PUBLIC_URL } : {}),
    ...(values['oidc-role-claim'] ? { roleClaim: values['oidc-role-claim'] } : {}),
    ...(values['oidc-username-claim'] ? { usernameClaim: values['oidc-username-claim'] } : {}),
    ...(values['oidc-scope'] ? { scope: values['oidc-scope'] } : {}),
    ...(values['oidc-label'] ? { label: values['oidc-label'] } : {}),
  };
}

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
        'oidc-issuer': { type: 'string' },
        'oidc-client-id': { type: 'string' },
        'oidc-client-secret-file': { type: 'string' },
        'oidc-viewer': { type: 'string', multiple: true },
        'oidc-attester': { type: 'string', multiple: true },
        'oidc-admin': { type: 'string', multiple: true },
        'oidc-role-claim': { type: 'string' },
        'oidc-username-claim': { type: 'string' },
        'oidc-scope': { type: 'string' },
        'oidc-label': { type: 'string' },
        'public-url': { type: 'string' },
        queue: { type: 'string' },
        'queue-prefix': { type: 'string' },
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
  let oidc;
  try {
    oidc = oidcOptions(values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`chaperone serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let location;
  try {
    location = ledgerLocation(values.ledger, io);
  } catch (error) {
    if (error instanceof LedgerError) {
      io.stderr(`chaperone serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let progress: RunProgressReader | undefined;
  if (values.queue) {
    try {
      progress = runProgressReader(parseQueueUrl(values.queue, values['queue-prefix'] ?? (io.env.CHAPERONE_QUEUE_PREFIX?.trim() || DEFAULT_QUEUE_PREFIX)));
    } catch (error) {
      if (error instanceof QueueError) {
        io.stderr(`chaperone serve: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }
  let dashboard;
  try {
    dashboard = await startDashboard({
      ...(progress ? { queuedProgress: (run: string) => progress.read(run) } : {}),
      location,
      port,
      host: values.host,
      idleTimeoutMs,
      keyPath: keyPathFrom(values['ledger-key'], io),
      oidc,
      tls: values['tls-cert'] ? { certFile: values['tls-cert'], keyFile: values['tls-key']! } : undefined,
      log: (line) => io.stderr(`${line}\n`),
    });
  } catch (error) {
    await progress?.close();
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
  await progress?.close();
  return 0;
}
