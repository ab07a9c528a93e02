// How many requests one account may have in flight, adapted to what Twilio answers: halved
// when it answers 429 (at most once per `cooldownMs`, so one burst of 429s from requests
// already in flight counts once), raised by one after `raiseAfter` answers in a row that
// were not 429, never above the configured concurrency nor below 1. TCP's AIMD, which
// converges on the rate the server accepts; Twilio's limit is per account, so each
// account adapts on its own. Written here because it is a dozen lines on top of our
// Limiter (p-limit and p-queue have no notion of a limit that shrinks while tasks run).
export interface AdaptiveLimitOptions {
  /** The ceiling: `--concurrency`. */
  max: number;
  cooldownMs?: number;
  raiseAfter?: number;
  now?: () => number;
}

export class AdaptiveLimit {
  #current: number;
  #lastCut = Number.NEGATIVE_INFINITY;
  #streak = 0;
  #cuts = 0;
  readonly #cooldownMs: number;
  readonly #raiseAfter: number;
  readonly #now: () => number;

  constructor(
    readonly options: AdaptiveLimitOptions,
    private readonly apply: (limit: number) => void,
  ) {
    this.#current = options.max;
    this.#cooldownMs = options.cooldownMs ?? 1_000;
    this.#raiseAfter = options.raiseAfter ?? 20;
    this.#now = options.now ?? Date.now;
  }

  get current(): number {
    return this.#current;
  }

  /** How many times the limit was cut: the summary's hint that --concurrency is too high. */
  get cuts(): number {
    return this.#cuts;
  }

  throttled(): void {
    this.#streak = 0;
    const now = this.#now();
    if (now - this.#lastCut < this.#cooldownMs || this.#current === 1) return;
    this.#lastCut = now;
    this.#cuts++;
    this.#set(Math.max(1, Math.floor(this.#current / 2)));
  }

  answered(): void {
    if (this.#current >= this.options.max) return;
    if (++this.#streak < this.#raiseAfter) return;
    this.#streak = 0;
    this.#set(this.#current + 1);
  }

  #set(limit: number): void {
    this.#current = limit;
    this.apply(limit);
  }
}
