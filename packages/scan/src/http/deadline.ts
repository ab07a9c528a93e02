// `--deadline`: a bound on the whole run. Past it no request is sent and the ones in flight
// are cut short, so every collection still open turns `unknown` and the run ends incomplete
// (exit 3 unless something fails) instead of running on.
import { RequestNotSent } from './sanitize.ts';

export class DeadlinePassed extends RequestNotSent {
  override name = 'DeadlinePassed';
  constructor(deadlineMs: number) {
    super(`not sent: the scan's deadline (${Math.round(deadlineMs / 1000)} s) passed`);
  }
}

export class RunDeadline {
  readonly #endsAt: number;

  constructor(
    readonly durationMs: number,
    readonly now: () => number = Date.now,
  ) {
    this.#endsAt = now() + durationMs;
  }

  get remainingMs(): number {
    return Math.max(0, this.#endsAt - this.now());
  }

  /** Throws once the deadline has passed. */
  check(): void {
    if (this.remainingMs <= 0) throw new DeadlinePassed(this.durationMs);
  }

  /** `work`, or DeadlinePassed when the deadline comes first (the work's result is then dropped). */
  async race<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlinePassed(this.durationMs)), this.remainingMs);
      timer.unref();
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
