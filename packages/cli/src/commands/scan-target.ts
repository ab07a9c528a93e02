// What a command that reads an account (scan, init) connects to: the built-in twin with
// --demo, otherwise the Twilio credentials and Segment token of the environment. One place,
// so `chaperone init` reads exactly what `chaperone scan` would.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CredentialError, credentialsFromEnv, segmentSource, type InventorySource, type TwilioCredentials } from '@chaperone/scan';
import type { Platform } from '@chaperone/controls';
import type { CommandIO } from '../io.ts';

export class UsageError extends Error {}

// The demo's fixtures: the copy packed into the package (dist/fixtures, written by
// scripts/copy-demo-fixtures.js) once installed, the repository's fixtures/ from src/.
const here = dirname(fileURLToPath(import.meta.url));
const packed = resolve(here, '../fixtures');
const fixtures = existsSync(resolve(packed, 'sample-clinic.yaml')) ? packed : resolve(here, '../../../../fixtures');
export const DEMO_FIXTURE = resolve(fixtures, 'sample-clinic.yaml');
// The clinic's own chaperone.yaml: a ./chaperone.yaml names the user's accounts, not the demo's.
export const DEMO_CONFIG = resolve(fixtures, 'sample-clinic.chaperone.yaml');

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/i;

const TWILIO_VARIABLES = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET'] as const;
const NO_CREDENTIALS =
  'no credentials: export TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET) to scan Twilio, and/or SEGMENT_PUBLIC_API_TOKEN to scan Segment, or try `chaperone scan --demo`';

export interface TargetFlags {
  demo?: boolean;
  accounts: readonly string[];
  twilioBaseUrl?: string;
  /** `--platform`: only this platform, even when the other has credentials. */
  platform?: Platform;
}

export interface ScanTarget {
  twilio?: { credentials: TwilioCredentials; baseUrl?: string; accounts?: readonly string[] };
  sources: InventorySource[];
  /** Stops the demo twin; a no-op otherwise. */
  close(): Promise<void>;
}

function baseUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const value = flag ?? env.CHAPERONE_TWILIO_BASE_URL;
  if (value === undefined || value === '') return undefined;
  const source = flag !== undefined ? '--twilio-base-url' : 'CHAPERONE_TWILIO_BASE_URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${source} is not a URL; use e.g. http://127.0.0.1:4010`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${source} must be an http:// or https:// URL`);
  return value;
}

/** Checks the flags and connects: throws UsageError or CredentialError (one line each) for what the user must fix. */
export async function openTarget(flags: TargetFlags, io: CommandIO): Promise<ScanTarget> {
  const accounts = [...flags.accounts];
  for (const sid of accounts) if (!ACCOUNT_SID.test(sid)) throw new UsageError(`--account "${sid}" is not an account SID: "AC" followed by 32 hex digits`);
  const narrowed = accounts.length ? { accounts } : {};
  const { platform } = flags;
  if (platform === 'segment' && accounts.length > 0) throw new UsageError('--account names Twilio accounts; it cannot go with --platform segment');
  if (flags.demo) {
    const { startTwin } = await import('@chaperone/twin');
    const { createSegmentTwin } = await import('@chaperone/twin/segment');
    // The demo organisation: the clinic's Twilio accounts and, under its `segment:` key, its Segment workspace.
    const segmentTwin = createSegmentTwin();
    const twin = await startTwin({ fixture: DEMO_FIXTURE, extensions: [segmentTwin] });
    return {
      ...(platform !== 'segment'
        ? { twilio: { credentials: { accountSid: twin.master.accountSid, username: twin.master.accountSid, password: twin.master.authToken, kind: 'auth-token' as const }, baseUrl: twin.baseUrl, ...narrowed } }
        : {}),
      sources: platform !== 'twilio' ? [segmentSource({ token: segmentTwin.token(), baseUrl: `${twin.baseUrl}/segment` })] : [],
      close: () => twin.close(),
    };
  }
  const segmentToken = platform === 'twilio' ? undefined : io.env.SEGMENT_PUBLIC_API_TOKEN?.trim();
  // Twilio and Segment together when both are configured, either alone otherwise: any
  // TWILIO_* variable (or --account) means Twilio was meant, so its errors still show.
  const twilioMeant = platform === 'twilio' || (platform !== 'segment' && (TWILIO_VARIABLES.some((name) => io.env[name]?.trim()) || accounts.length > 0));
  if (platform === 'segment' && !segmentToken) throw new CredentialError('--platform segment: SEGMENT_PUBLIC_API_TOKEN is not set; create a Public API token in Segment > Settings > Access Management > Tokens');
  if (!twilioMeant && !segmentToken) throw new CredentialError(NO_CREDENTIALS);
  const sources = segmentToken ? [segmentSource({ token: segmentToken, ...(io.env.SEGMENT_API_BASE_URL ? { baseUrl: io.env.SEGMENT_API_BASE_URL } : {}) })] : [];
  let twilio: ScanTarget['twilio'];
  if (twilioMeant) {
    const baseUrl = baseUrlFrom(flags.twilioBaseUrl, io.env);
    twilio = { credentials: credentialsFromEnv(io.env), ...(baseUrl ? { baseUrl } : {}), ...narrowed };
  }
  return { ...(twilio ? { twilio } : {}), sources, close: async () => {} };
}
