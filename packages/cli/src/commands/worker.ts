// `chaperone worker --queue redis://HOST:PORT`: runs the account jobs of distributed scans
// (`chaperone scan --queue`), until stopped (SIGINT/SIGTERM finish the jobs in hand first).
// Credentials come from this worker's own environment, as `chaperone scan` reads them
// (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN or TWILIO_API_KEY/SECRET, of the run's master
// account): a job names only the run and the account SID. Exit 0 when stopped, 2 for a
// usage, credential or Redis problem (one line).
import { parseArgs } from 'node:util';
import { CredentialError, credentialsFromEnv } from '@chaperone/scan';
import { DEFAULT_STALL_MS, DEFAULT_WORKER_JOBS, QueueError, startScanWorker } from '@chaperone/scan/distributed';
import type { CommandIO } from '../io.ts';
import { queueTarget, reachQueue } from './scan-queue.ts';
import { UsageError } from './scan-target.ts';

export const summary = 'run the account jobs of distributed scans (chaperone scan --queue): --queue redis://HOST:PORT';

export const HELP = `Usage: chaperone worker --queue redis://HOST:PORT [options]

Takes account jobs of \`chaperone scan --queue\` runs off the queue and scans those accounts,
read-only; start any number, on any machine that reaches Redis and Twilio. Each job names
only a run id and an account SID: this worker reads the account's credentials with its own
TWILIO_ACCOUNT_SID (the run's master account) and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and
TWILIO_API_SECRET). A job runs at least once: a worker killed mid-job loses the job to another
after --stall-timeout, and the planner keeps one outcome per account. A 429 from Twilio pauses
new jobs on every worker for the Retry-After it announced.

Options:
  --queue redis://HOST:PORT  the Redis the planner enqueued on (rediss:// for TLS; user:password@ if needed)
  --queue-prefix NAME      Redis key prefix (default chaperone; also CHAPERONE_QUEUE_PREFIX), as the planner's
  --jobs N                 accounts this worker scans at once (default ${DEFAULT_WORKER_JOBS})
  --stall-timeout SECONDS  a job whose worker stops answering this long goes to another worker (default ${DEFAULT_STALL_MS / 1000})
  --twilio-base-url URL    send every request to URL/{sub}/{path} (also CHAPERONE_TWILIO_BASE_URL)
  --quiet, -q              nothing on stderr but errors
  -h, --help
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        queue: { type: 'string' },
        'queue-prefix': { type: 'string' },
        jobs: { type: 'string' },
        'stall-timeout': { type: 'string' },
        'twilio-base-url': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.stderr(`chaperone worker: ${(error as Error).message.split('\n')[0]}. Run \`chaperone worker --help\`.\n`);
    return 2;
  }
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  try {
    if (flags.queue === undefined) throw new UsageError('--queue is required: the Redis of the planner, e.g. --queue redis://127.0.0.1:6379');
    const target = queueTarget(flags.queue, flags['queue-prefix'], io);
    const jobs = wholeNumber('jobs', flags.jobs, DEFAULT_WORKER_JOBS);
    const stallMs = flags['stall-timeout'] === undefined ? DEFAULT_STALL_MS : seconds('stall-timeout', flags['stall-timeout']);
    const baseUrl = flags['twilio-base-url'] ?? (io.env.CHAPERONE_TWILIO_BASE_URL || undefined);
    if (baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(baseUrl)) throw new UsageError('--twilio-base-url must be an http:// or https:// URL');
    const credentials = credentialsFromEnv(io.env);
    await reachQueue(target);
    const log = (line: string) => io.stderr(`${line}\n`);
    const worker = await startScanWorker({ target, credentials, jobs, stallMs, log: flags.quiet ? () => {} : log, ...(baseUrl ? { baseUrl } : {}) });
    if (!flags.quiet) io.stderr(`chaperone worker ${worker.id}: waiting for jobs on ${target.shown} (prefix ${target.prefix}, ${jobs} at once); Ctrl-C stops\n`);
    const stop = () => void worker.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const why = await worker.stopped;
      await worker.close();
      if (why) {
        if (flags.quiet) io.stderr(`${why}\n`);
        return 2;
      }
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof QueueError || error instanceof CredentialError) {
      io.stderr(`chaperone worker: ${error.message.split('\n')[0]}\n`);
      return 2;
    }
    throw error;
  }
}

function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} "${value}" must be a whole number >= 1`);
  return n;
}

function seconds(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} "${value}" must be a number of seconds > 0`);
  return Math.round(n * 1000);
}
