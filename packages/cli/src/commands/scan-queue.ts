// `chaperone scan --queue redis://HOST:PORT`: the flags of a distributed scan, checked (and
// Redis reached) before anything is recorded, and its progress on stderr: the run's totals
// with ETA on one line and one line per worker under it (redrawn in place on a terminal,
// printed every few seconds in logs).
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
/** Worker lines drawn under the totals on a terminal at most; the rest are counted on one line. */
export const MAX_WORKER_LINES = 8;

/**
 * The block a terminal shows: the totals, then one line per worker (the first
 * MAX_WORKER_LINES, then how many more), each cut to the terminal's width so none wraps.
 */
export function progressBlock(progress: RunProgress, nowMs: number, columns: number): string[] {
  const workers = workerLines(progress, nowMs);
  const shown = workers.length > MAX_WORKER_LINES ? [...workers.slice(0, MAX_WORKER_LINES - 1), `  ... ${workers.length - MAX_WORKER_LINES + 1} more workers`] : workers;
  return [progressSummaryLine(progress), ...shown].map((line) => line.slice(0, columns));
}

/** Back to the first line of a block of `lines` lines drawn last, and clear from there down. */
function eraseBlock(lines: number): string {
  return lines === 0 ? '' : `${CLEAR_LINE}${lines > 1 ? `\u001B[${lines - 1}A` : ''}\u001B[J`;
}

export function createQueueProgress(io: CommandIO, quiet: boolean): QueueProgress {
  if (quiet) return { update() {}, done() {} };
  let latest: RunProgress | undefined;
  if (io.stderrIsTTY) {
    // Redrawn in place: the cursor stays at the end of the block's last line.
    let drawn: string[] = [];
    return {
      update(progress) {
        latest = progress;
        const columns = Math.max(20, (process.stderr.columns ?? 80) - 1);
        const block = progressBlock(progress, Date.now(), columns);
        if (block.join('\n') !== drawn.join('\n')) io.stderr(`${eraseBlock(drawn.length)}${block.join('\n')}`);
        drawn = block;
      },
      done() {
        io.stderr(eraseBlock(drawn.length));
        drawn = [];
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
