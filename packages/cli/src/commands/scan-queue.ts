// `chaperone scan --queue redis://HOST:PORT`: the flags of a distributed scan, checked (and
// Redis reached) before anything is recorded, and its progress on stderr: the run's totals
// with ETA on one line (rewritten on a terminal), and in logs every few seconds that line
// followed by one line per worker.
import { checkReachable, DEFAULT_QUEUE_PREFIX, parseQueueUrl, progressSummaryLine, workerLines, type QueueTarget, type RunProgress } from '@chaperone/scan/distributed';
import { DEFAULT_LINE_INTERVAL_MS } from '@chaperone/scan';
import type { CommandIO } from '../io.ts';

export const QUEUE_HELP = `  --queue redis://HOST:PORT  distributed scan: list the accounts, enqueue one job per account on this Redis
                           (BullMQ), wait for \`chaperone worker --queue\` processes (any number, any machine) to run
                           them, then report and record the run as a single-process scan does. Progress (accounts,
                           requests, throttling, ETA, per worker) on stderr and in Redis ({prefix}:scan:run:RUN:progress)
  --queue-prefix NAME      Redis key prefix of the queue (default ${DEFAULT_QUEUE_PREFIX}; also CHAPERONE_QUEUE_PREFIX)
  --queue-jobs N           accounts scanned at once across every worker (default: the sum of the workers' --jobs)
  --queue-timeout SECONDS  how long Redis may not answer before the planner stops (default 30); the run stays open
                           for \`--resume RUN\` with the same --queue
  --attempts N             tries per account before it is recorded unknown (default 3)`;

export function queueTarget(url: string, prefix: string | undefined, io: CommandIO): QueueTarget {
  return parseQueueUrl(url, prefix ?? (io.env.CHAPERONE_QUEUE_PREFIX?.trim() || DEFAULT_QUEUE_PREFIX));
}

export async function reachQueue(target: QueueTarget): Promise<void> {
  await checkReachable(target);
}

export interface QueueProgress {
  update(progress: RunProgress): void;
  done(): void;
}

const CLEAR_LINE = '\r\u001B[2K';

export function createQueueProgress(io: CommandIO, quiet: boolean): QueueProgress {
  if (quiet) return { update() {}, done() {} };
  let latest: RunProgress | undefined;
  if (io.stderrIsTTY) {
    let drawn = '';
    return {
      update(progress) {
        latest = progress;
        const columns = Math.max(20, (process.stderr.columns ?? 80) - 1);
        const line = progressSummaryLine(progress).slice(0, columns);
        if (line !== drawn) io.stderr(`${CLEAR_LINE}${line}`);
        drawn = line;
      },
      done() {
        if (drawn) io.stderr(CLEAR_LINE);
        drawn = '';
      },
    };
  }
  const started = Date.now();
  const timer = setInterval(() => {
    const elapsed = `${Math.round((Date.now() - started) / 1000)} s`;
    if (!latest) return void io.stderr(`Scanning: listing accounts · ${elapsed}\n`);
    io.stderr(`${progressSummaryLine(latest)} · ${elapsed}\n${workerLines(latest, Date.now()).map((l) => `${l}\n`).join('')}`);
  }, DEFAULT_LINE_INTERVAL_MS);
  timer.unref();
  return {
    update(progress) {
      latest = progress;
    },
    done() {
      clearInterval(timer);
    },
  };
}
