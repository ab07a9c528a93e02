// The twin's public API: startTwin for tests and the CLI, the SDK httpClient, the
// base-URL rewrite, fixture errors and the extension interface.
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultOptions } from './faults.ts';
import type { TwinExtension } from './extension.ts';
import { loadFixtureFile, loadFixtureText } from './fixture.ts';
import { generateInto, type GenerateOptions } from './generate.ts';
import { createTwinServer } from './server.ts';
import { catalog } from './spec/catalog.ts';
import { TwinState } from './state.ts';

export { rewriteTwilioUrl } from './base-url.ts';
export { twinHttpClient, TwinRequestClient } from './http-client.ts';
export { FixtureError } from './errors.ts';
export type { TwinExtension } from './extension.ts';
export { validateFaults, type FaultConfig, type FaultOptions } from './faults.ts';
export { generateOrganisation, parseGenerateSpec, type GenerateOptions } from './generate.ts';
export { catalog } from './spec/catalog.ts';

/** Concurrent requests per account before 429, as Twilio's default account limit. */
export const DEFAULT_CONCURRENCY = 100;

export interface TwinOptions {
  /** Path of a YAML fixture file. */
  fixture?: string;
  /** Fixture YAML given inline (`fixtureName` names it in errors). */
  fixtureText?: string;
  fixtureName?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultOptions;
  /** Adds generated subaccounts under the first master account. */
  generate?: GenerateOptions;
  extensions?: TwinExtension[];
  /** Seeds SIDs and tokens the twin creates (default 1). */
  seed?: number;
  /** Cache each record's rendered JSON (default true); the benchmark turns it off to measure rendering. */
  renderCache?: boolean;
}

export interface TwinAccount {
  sid: string;
  authToken: string;
  friendlyName: string;
  ownerAccountSid: string | null;
}

export interface Twin {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
  accounts: TwinAccount[];
  close(): Promise<void>;
}

export async function startTwin(options: TwinOptions = {}): Promise<Twin> {
  const state = new TwinState(catalog(), options.seed ?? 1, options.renderCache ?? true);
  const extensions = options.extensions ?? [];
  if (options.fixture !== undefined) loadFixtureFile(state, options.fixture, { extensions });
  else if (options.fixtureText !== undefined) loadFixtureText(state, options.fixtureText, options.fixtureName ?? '(inline fixture)', { extensions });
  let master = state.masters()[0];
  if (!master) {
    // Without a fixture the twin still needs someone to authenticate as.
    master = { sid: state.newSid('AC'), authToken: state.newToken(), friendlyName: 'Twin master', status: 'active', ownerSid: null, seq: state.nextSeq() };
    state.addAccount(master);
  }
  if (options.generate) generateInto(state, master, options.generate);
  // Twilio caps concurrent requests per account (100 by default); so does the twin unless told otherwise.
  const faults = new FaultInjector({ seed: options.seed ?? 1, concurrency: DEFAULT_CONCURRENCY, ...options.faults });
  const server = createTwinServer({ state, faults, extensions });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    baseUrl: `http://${host}:${address.port}`,
    master: { accountSid: master.sid, authToken: master.authToken },
    accounts: [...state.accounts.values()].map((a) => ({ sid: a.sid, authToken: a.authToken, friendlyName: a.friendlyName, ownerAccountSid: a.ownerSid })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
