// `chaperone twin`: runs the local Twilio (and Segment) API twin stand-alone until SIGINT,
// so users can point the SDK or `chaperone scan` at it before handing over real credentials.
import { randomBytes } from 'node:crypto';
import { lstatSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseGenerateSpec, startTwin, validateFaults, type FaultOptions, type Twin, type TwinOptions } from '@chaperone/twin';
import { createSegmentTwin } from '@chaperone/twin/segment';
import type { CommandIO } from '../io.ts';

export const summary = 'run the local Twilio API twin: --fixture FILE --port N';

const HELP = `Usage: chaperone twin [--fixture FILE] [--port N] [options]

Serves Twilio's REST API locally: https://{sub}.twilio.com{path} is served at
http://HOST:PORT/{sub}{path}. Stops on Ctrl-C.
  --fixture FILE            YAML fixture (accounts, subaccounts, resources; e.g. fixtures/sample-clinic.yaml)
  --port N                  port to listen on (default 4010; 0 picks a free one)
  --host HOST               interface to bind (default 127.0.0.1)
  --generate SPEC           add generated subaccounts, e.g. subaccounts=100,resources=20[,seed=1]
  --seed N                  seed for generated SIDs, tokens and fault draws (default 1)
  --latency-ms N            added latency per request
  --jitter-ms N             latency varies uniformly by +/- N ms
  --concurrency N           per-account requests in flight before 429 (code 20429, Retry-After)
  --error-rate F            fraction of requests answered 500
  --drop-rate F             fraction of connections dropped without a response
  --credentials-file FILE   write the master account's SID and token to FILE (mode 0600);
                            tokens are never printed
`;

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`--${name} is "${raw}"; fix: give a number >= 0`);
  return value;
}

export interface ParsedTwinArgs {
  help: boolean;
  options: TwinOptions;
  credentialsFile?: string;
}

export function parseTwinArgs(argv: string[]): ParsedTwinArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      fixture: { type: 'string' },
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      generate: { type: 'string' },
      seed: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      concurrency: { type: 'string' },
      'error-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      'credentials-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const port = number('port', values.port)!;
  if (!Number.isInteger(port) || port > 65535) throw new Error(`--port is "${values.port}"; fix: give a port from 0 to 65535`);
  const faults: FaultOptions = {};
  const settings: [keyof FaultOptions, string][] = [
    ['latencyMs', 'latency-ms'],
    ['jitterMs', 'jitter-ms'],
    ['concurrency', 'concurrency'],
    ['errorRate', 'error-rate'],
    ['dropRate', 'drop-rate'],
  ];
  for (const [key, flag] of settings) {
    const value = number(flag, values[flag as keyof typeof values] as string | undefined);
    if (value !== undefined) (faults as Record<string, number>)[key] = value;
  }
  validateFaults(faults);
  const seed = number('seed', values.seed);
  const options: TwinOptions = { port, host: values.host!, faults };
  if (values.fixture !== undefined) options.fixture = values.fixture;
  if (values.generate !== undefined) options.generate = parseGenerateSpec(values.generate);
  if (seed !== undefined) options.seed = seed;
  const parsed: ParsedTwinArgs = { help: values.help!, options };
  if (values['credentials-file'] !== undefined) parsed.credentialsFile = values['credentials-file'];
  return parsed;
}

export class CredentialsFileError extends Error {}

/** Refuses a path that is not a regular file of ours: writing through it could hand the token to someone else. */
function checkCredentialsTarget(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CredentialsFileError(`--credentials-file ${path}: cannot inspect it (${(error as NodeJS.ErrnoException).code ?? 'error'}); choose a path in a directory you own`);
  }
  if (!stat.isFile()) throw new CredentialsFileError(`--credentials-file ${path} exists and is not a regular file (a symlink or directory?); choose another path`);
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    throw new CredentialsFileError(`--credentials-file ${path} belongs to another user; choose a path you own`);
  }
}

/**
 * Writes the token file so it is never readable by others, even for an instant and even
 * when it already existed with a looser mode: a fresh 0600 file beside it, renamed over.
 */
export function writeCredentialsFile(path: string, text: string): void {
  checkCredentialsTarget(path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temp file was never created, or the rename already consumed it.
    }
    throw new CredentialsFileError(`--credentials-file ${path}: cannot write it (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the directory exists and is writable`);
  }
}

/** Starts the twin for parsed arguments and reports where it listens (never a token). */
export async function startFromArgs(parsed: ParsedTwinArgs, io: CommandIO): Promise<Twin> {
  // Before the twin starts, so a bad path costs nothing and leaves nothing listening.
  if (parsed.credentialsFile) checkCredentialsTarget(parsed.credentialsFile);
  const twin = await startTwin({ ...parsed.options, extensions: [createSegmentTwin()] });
  io.stdout(`twin listening at ${twin.baseUrl}\n`);
  io.stdout(`  https://{sub}.twilio.com{path} -> ${twin.baseUrl}/{sub}{path}\n`);
  io.stdout(`  master account ${twin.master.accountSid}; ${twin.accounts.length - 1} subaccount(s)\n`);
  if (parsed.credentialsFile) {
    try {
      writeCredentialsFile(parsed.credentialsFile, `TWILIO_ACCOUNT_SID=${twin.master.accountSid}\nTWILIO_AUTH_TOKEN=${twin.master.authToken}\n`);
    } catch (error) {
      await twin.close();
      throw error;
    }
    io.stdout(`  credentials written to ${parsed.credentialsFile}\n`);
  } else if (parsed.options.fixture) {
    io.stdout(`  credentials: the auth_token of each account in ${parsed.options.fixture}\n`);
  } else {
    io.stdout('  credentials: not shown; pass --credentials-file FILE to write the master token\n');
  }
  return twin;
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let parsed: ParsedTwinArgs;
  try {
    parsed = parseTwinArgs(argv);
  } catch (error) {
    io.stderr(`chaperone twin: ${error instanceof Error ? error.message : String(error)}\n${HELP}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(HELP);
    return 0;
  }
  let twin: Twin;
  try {
    twin = await startFromArgs(parsed, io);
  } catch (error) {
    if (error instanceof CredentialsFileError) {
      io.stderr(`chaperone twin: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await twin.close();
  io.stdout('twin stopped\n');
  return 0;
}
