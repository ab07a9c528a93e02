// `chaperone serve`: opens the ledger, brings the dashboard's tables up to date, and serves
// the dashboard. Plain http only on a loopback address (development); anywhere else TLS
// (certificate and key files), so the session cookie can be `__Host-` and Secure.
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Ledger, type LedgerLocation } from '@chaperone/ledger';
import { createDashboard } from './app.tsx';
import { systemClock, type Clock } from './clock.ts';
import { migrateWeb } from './db/migrations.ts';
import type { DashboardDb } from './db/types.ts';
import type { WebDatabase } from './db/schema.ts';
import type { Kysely } from 'kysely';
import { ledgerPages } from './routes.tsx';
import type { QueuedProgressSource } from './data/progress.ts';
import { attestationRoutes } from './attestation-routes.tsx';
import { evidenceRoutes, type EvidenceHooks } from './evidence-routes.tsx';
import type { DecisionWriter } from './data/decisions.ts';
import { SessionStore } from './auth/sessions.ts';
import { idlePolicy } from './auth/idle.ts';
import { ledgerEvidence } from './ledger-evidence.ts';
import { OidcConfigError, OidcSignIn, type OidcOptions } from './auth/oidc.ts';

export const DEFAULT_HOST = '127.0.0.1';

/** Decisions go through the ledger's append: one entry each, hashed into the log with everything else. */
function ledgerWriter(ledger: Ledger, clock: Clock): DecisionWriter {
  return async (body) => {
    const at = new Date(clock.now());
    const { first } = await ledger.append([body], at);
    return { seq: first, at: at.toISOString() };
  };
}
export const DEFAULT_PORT = 4600;

export class ServeError extends Error {
  override name = 'ServeError';
}

export interface ServeOptions {
  location: LedgerLocation;
  host?: string;
  port?: number;
  idleTimeoutMs?: number;
  tls?: { certFile: string; keyFile: string };
  clock?: Clock;
  log?: (line: string) => void;
  /** Appends attestation and mute decisions to the ledger; without it they are read only. */
  decisions?: DecisionWriter;
  /** The evidence page's actions; by default the ledger's verification and export bundle. */
  evidence?: EvidenceHooks;
  /** The checkpoint signing key file: verification trusts its PATH.pub over the key the ledger names. */
  keyPath?: string;
  /** Sign-in through an OpenID Connect provider; `publicUrl` defaults to this server's own address (needs a fixed port). */
  oidc?: Omit<OidcOptions, 'publicUrl'> & { publicUrl?: string };
  /** `serve --queue`: the progress records of queued runs (per worker, ETA) beside what the ledger holds. */
  queuedProgress?: QueuedProgressSource;
}

export interface RunningDashboard {
  url: string;
  port: number;
  ledger: Ledger;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const SWEEP_MS = 60_000;

export async function startDashboard(options: ServeOptions): Promise<RunningDashboard> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!options.tls && !isLoopback(host)) {
    throw new ServeError(`plain http is allowed on a loopback address only (not ${host}): give --tls-cert FILE and --tls-key FILE, or serve on 127.0.0.1 behind your TLS proxy`);
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (options.tls) {
    try {
      tls = { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) };
    } catch (error) {
      throw new ServeError(`cannot read the TLS certificate or key (${(error as NodeJS.ErrnoException).code ?? 'error'}); check --tls-cert and --tls-key`);
    }
  }
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  let oidc: OidcSignIn | undefined;
  if (options.oidc) {
    const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    if (!options.oidc.publicUrl && port === 0) throw new ServeError('OIDC sign-in needs the address the provider sends browsers back to: give --public-url, or a fixed --port');
    try {
      oidc = await OidcSignIn.discover({ ...options.oidc, publicUrl: options.oidc.publicUrl ?? `${tls ? 'https' : 'http'}://${shown}:${port}` }, () => clock.now());
    } catch (error) {
      if (error instanceof OidcConfigError) throw new ServeError(error.message);
      throw error;
    }
  }
  const ledger = await Ledger.open(options.location);
  try {
    await migrateWeb(ledger.db, ledger.dialect);
  } catch (error) {
    await ledger.close();
    throw error;
  }
  const db = ledger.db as unknown as DashboardDb;
  const pages = ledgerPages(db, ledger, options.queuedProgress);
  const app = createDashboard({
    // The same connection, seen through the dashboard's own tables (Kysely types are invariant).
    db: ledger.db as unknown as Kysely<WebDatabase>,
    secure: Boolean(tls),
    clock,
    idleTimeoutMs: options.idleTimeoutMs,
    log,
    oidc,
    registerPages: (a, deps) => {
      pages.register(a, deps);
      attestationRoutes(db, options.decisions ?? ledgerWriter(ledger, clock))(a, deps);
      evidenceRoutes(db, options.evidence ?? ledgerEvidence(ledger, { keyPath: options.keyPath }), log)(a, deps);
    },
  });
  // Summarise runs recorded while the dashboard was down, before the first visitor waits for it.
  void pages.refresh().catch((error: unknown) => log(`dashboard: summarising runs failed (${(error as Error).name})`));
  const sessions = new SessionStore(ledger.db as unknown as Kysely<WebDatabase>, clock, idlePolicy(options.idleTimeoutMs));
  const sweep = setInterval(() => void sessions.sweep().catch(() => undefined), SWEEP_MS);
  sweep.unref();

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      tls ? { fetch: app.fetch, port, hostname: host, createServer: createHttpsServer, serverOptions: tls } : { fetch: app.fetch, port, hostname: host },
      () => resolve(s),
    );
    s.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new ServeError(`port ${port} on ${host} is in use; give another with --port`) : error);
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  if (oidc) log(`dashboard: OIDC sign-in enabled, callback ${oidc.redirectUri}`);
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${address.port}`,
    port: address.port,
    ledger,
    close: async () => {
      clearInterval(sweep);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets (a browser tab) would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await ledger.close();
    },
  };
}
