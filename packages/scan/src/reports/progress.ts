// Progress on stderr while a scan runs: accounts done/total, requests, throttles.
// On a terminal, one rewriting line redrawn at most ten times a second (a 1,000-account
// scan reports thousands of updates). Elsewhere (CI logs, pipes) with `lines`, one plain
// line every few seconds, on a timer so a scan stuck on a hanging endpoint still shows it
// is alive, and never a carriage return or an escape code. Without `lines`, silent.
import { terminalSafe } from './escape.ts';

export interface ProgressStats {
  accountsDone: number;
  accountsTotal: number;
  requests: number;
  throttled: number;
}

export interface ProgressOptions {
  write: (s: string) => void;
  isTTY: boolean;
  /** Minimum time between two redraws; 100 ms unless given. */
  intervalMs?: number;
  /** Columns of the terminal; the line is cut to fit so it never wraps (a wrapped line cannot be rewritten). */
  columns?: number;
  /** Not a terminal: write a plain line every `lineIntervalMs` instead of staying silent. */
  lines?: boolean;
  /** Time between two plain lines; 5 s unless given. */
  lineIntervalMs?: number;
}

export const DEFAULT_LINE_INTERVAL_MS = 5000;

export interface Progress {
  update(stats: ProgressStats): void;
  /** Erase the line; call before printing anything else to the same stream. */
  done(): void;
}

const CLEAR_LINE = '\r\u001B[2K';

export function progressLine(stats: ProgressStats): string {
  const throttled = stats.throttled > 0 ? ` · ${stats.throttled} throttled` : '';
  return `Scanning: ${stats.accountsDone}/${stats.accountsTotal} accounts · ${stats.requests} requests${throttled}`;
}

/** Plain lines for logs: the latest numbers and the time since the scan started. */
function lineProgress(options: ProgressOptions): Progress {
  const interval = options.lineIntervalMs ?? DEFAULT_LINE_INTERVAL_MS;
  const started = Date.now();
  let latest: ProgressStats | undefined;
  const timer = setInterval(() => {
    const elapsed = `${Math.round((Date.now() - started) / 1000)} s`;
    options.write(`${latest ? terminalSafe(progressLine(latest)) : 'Scanning: listing accounts'} · ${elapsed}\n`);
  }, interval);
  timer.unref?.();
  return {
    update(stats) {
      latest = { ...stats };
    },
    done() {
      clearInterval(timer);
    },
  };
}

export function createProgress(options: ProgressOptions): Progress {
  if (!options.isTTY) return options.lines ? lineProgress(options) : { update() {}, done() {} };
  const interval = options.intervalMs ?? 100;
  const columns = Math.max(20, (options.columns ?? 80) - 1);
  let latest: ProgressStats | undefined;
  let drawn = '';
  let lastDraw = -Infinity;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let finished = false;

  const draw = () => {
    pending = undefined;
    if (finished || !latest) return;
    const line = terminalSafe(progressLine(latest)).slice(0, columns);
    lastDraw = Date.now();
    if (line === drawn) return;
    drawn = line;
    options.write(`${CLEAR_LINE}${line}`);
  };

  return {
    update(stats) {
      if (finished) return;
      latest = { ...stats };
      const wait = lastDraw + interval - Date.now();
      if (wait <= 0) {
        draw();
      } else if (!pending) {
        // Trailing redraw so the last numbers show even if no further update comes.
        pending = setTimeout(draw, wait);
        pending.unref?.();
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (pending) clearTimeout(pending);
      if (drawn) options.write(CLEAR_LINE);
    },
  };
}
