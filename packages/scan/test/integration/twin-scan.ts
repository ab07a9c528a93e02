// Shared set-up of the integration tests: the twin seeded with the sample clinic, and a
// scan of it through the real SDK and the scanner's own HTTP client.
import { PassThrough } from 'node:stream';
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

/** The CLI's IO captured: what `chaperone scan` writes to stdout and stderr. */
export function captureIO(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CommandIO & { out: string; err: string } {
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

