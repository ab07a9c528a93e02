// Shared set-up of the integration tests: the twin seeded with the sample clinic, and a
// scan of it through the real SDK and the scanner's own HTTP client.
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { fileURLToPath } from 'node:url';
import type { CommandIO } from '../../../cli/src/io.ts';
import { startTwin, type FaultOptions, type Twin } from '@chaperone/twin';
import { parseConfig } from '../../src/config/index.ts';
import { scanWithInventory, type ScanOptions, type ScanResult } from '../../src/engine/scan.ts';

export const FIXTURE = fileURLToPath(new URL('../../../../fixtures/sample-clinic.yaml', import.meta.url));

export const B = 'AC0ba1e00000000000000000000000b001';
export const C = 'AC0ba1e00000000000000000000000c001';
export const D = 'AC0ba1e00000000000000000000000d001';
export const E = 'AC0ba1e00000000000000000000000e001';
export const F = 'AC0ba1e00000000000000000000000f001';

/** The BAA as the clinic would write it: signed 2023-01-01, the four working accounts designated. */
export const CLINIC_CONFIG = `baa:
  date: 2023-01-01
  designatedAccounts: [${B}, ${C}, ${D}, ${E}]
`;

export async function withTwin<T>(options: { faults?: FaultOptions; fixtureText?: string }, body: (twin: Twin) => Promise<T>): Promise<T> {
  const twin = await startTwin(options.fixtureText ? { fixtureText: options.fixtureText, ...(options.faults ? { faults: options.faults } : {}) } : { fixture: FIXTURE, ...(options.faults ? { faults: options.faults } : {}) });
  try {
    return await body(twin);
  } finally {
    await twin.close();
  }
}

export function scanTwin(twin: Twin, extra: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scanWithInventory({
    twilio: {
      credentials: { accountSid: twin.master.accountSid, username: twin.master.accountSid, password: twin.master.authToken, kind: 'auth-token' },
      baseUrl: twin.baseUrl,
    },
    config: parseConfig(CLINIC_CONFIG, 'chaperone.yaml'),
    ...extra,
  });
}

/**
 * The CLI's IO captured: what `chaperone scan` writes to stdout and stderr. The ledger is
 * off unless the test names one (CHAPERONE_LEDGER): parallel tests never share the default.
 */
export function captureIO(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CommandIO & { out: string; err: string } {
  env = { CHAPERONE_LEDGER: 'off', ...env };
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    stdin: new PassThrough(),
    stderrIsTTY: true,
    env,
    cwd,
  };
  return io;
}

/** Every secret the fixture holds: auth tokens, API key secrets, passwords inside webhook URLs. */
export function fixtureSecrets(): string[] {
  const text = readFileSync(FIXTURE, 'utf8');
  const secrets = new Set<string>();
  const walk = (value: unknown, key = ''): void => {
    if (Array.isArray(value)) value.forEach((v) => walk(v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === 'string' && (key === 'auth_token' || key === 'secret')) secrets.add(value);
  };
  walk(parse(text));
  for (const match of text.matchAll(/https?:\/\/[^:\s/]+:([^@\s]+)@/g)) secrets.add(match[1]!);
  // The Segment workspace (`segment:`): its API token and the secrets seeded in destination settings.
  for (const match of text.matchAll(/\b(sgp_[A-Za-z0-9_]+|[A-Za-z]+_SEEDED_SECRET_[A-Za-z0-9_]+)/g)) secrets.add(match[1]!);
  // Secrets in URL paths (Slack webhook keys, tokens in callback paths): redactUrl cuts paths.
  for (const match of text.matchAll(/https?:\/\/[^\s/]+\/(?:services|hook)\/(\S+)/g)) {
    secrets.add(match[1]!);
    for (const segment of match[1]!.split('/')) if (/\d/.test(segment) && segment.length > 4) secrets.add(segment);
  }
  return [...secrets];
}

/** The fixture's PHI: patient names, birth dates, record and account numbers, full phone numbers. */
export function fixturePhi(): string[] {
  const text = readFileSync(FIXTURE, 'utf8');
  const numbers = [...text.matchAll(/\+\d{10,14}/g)].map((m) => m[0]);
  return ['Maria Delgado', 'Delgado', 'Robert Chen', '1957', '03/14/1957', '1962-11-02', '00482915', '77120394', 'diabetes', 'cardiology', '4417093', ...new Set(numbers)];
}
