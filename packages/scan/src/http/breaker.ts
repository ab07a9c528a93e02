// A circuit breaker per API host. A base URL that accepts connections and never answers
// used to cost every request its full timeout and every retry (a 7-minute scan for one
// dead endpoint): after a few timeouts in a row the host is given up on for a while, and
// requests to it fail at once, so their collections turn `unknown` within seconds.
// Written here rather than taken from a library (opossum, cockatiel) because it is a few
// lines over the scanner's own retry loop and clock, and those wrap a function per call site.
import { RequestNotSent } from './sanitize.ts';

export interface BreakerOptions {
  /** Timeouts in a row, with no answer in between, that open the circuit. */
  threshold: number;
  /** How long an open circuit refuses before one trial request may go. */
  cooldownMs: number;
  now?: () => number;
}

export const DEFAULT_BREAKER: BreakerOptions = { threshold: 3, cooldownMs: 60_000 };

export class HostUnresponsive extends RequestNotSent {
  override name = 'HostUnresponsive';
  constructor(host: string, timeouts: number) {
    super(`${host} stopped answering (${timeouts} requests in a row timed out); its requests are not sent for now`);
  }
}

interface HostState {
  timeoutsInARow: number;
  openUntil: number;
  trialInFlight: boolean;
}

export class HostBreaker {
  readonly #hosts = new Map<string, HostState>();
  readonly #now: () => number;

  constructor(readonly options: BreakerOptions = DEFAULT_BREAKER) {
    this.#now = options.now ?? Date.now;
  }

  /** Throws HostUnresponsive while the host's circuit is open; lets one trial through after the cooldown. */
  admit(host: string): void {
    const state = this.#hosts.get(host);
    if (!state || state.timeoutsInARow < this.options.threshold) return;
    if (this.#now() < state.openUntil || state.trialInFlight) throw new HostUnresponsive(host, state.timeoutsInARow);
    state.trialInFlight = true;
  }

  /** Any answer, even an error status, proves the host is there. */
  answered(host: string): void {
    this.#hosts.delete(host);
  }

  timedOut(host: string): void {
    const state = this.#hosts.get(host) ?? { timeoutsInARow: 0, openUntil: 0, trialInFlight: false };
    state.timeoutsInARow++;
    state.trialInFlight = false;
    if (state.timeoutsInARow >= this.options.threshold) state.openUntil = this.#now() + this.options.cooldownMs;
    this.#hosts.set(host, state);
  }

  /** Hosts given up on at least once in this run, for the summary. */
  get unresponsiveHosts(): string[] {
    return [...this.#hosts].filter(([, s]) => s.timeoutsInARow >= this.options.threshold).map(([host]) => host);
  }
}

/** A thrown request error that means the server never answered in time (not a refused or reset connection). */
export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'ECONNABORTED' || code === 'ERR_SOCKET_CONNECTION_TIMEOUT') return true;
  return error instanceof Error && /timeout/i.test(error.message);
}
