// How many requests one account may have in flight, adapted to what Twilio answers: halved
// when it answers 429, raised by one after `raiseAfter` answers in a row that were not 429,
// never above the configured concurrency nor below 1. TCP's AIMD, which converges on the
// rate the server accepts; Twilio's limit is per account, so each account adapts on its own.
// A 429 to a request sent before the last cut says nothing about the new limit, so each
// request carries the generation it was sent in and only the current generation cuts:
// one burst of 429s halves once, however many requests were in flight.
// Written here because it is a dozen lines on top of our Limiter (p-limit and p-queue have
// no notion of a limit that shrinks while tasks run).
export interface AdaptiveLimitOptions {
  /** The ceiling: `--concurrency`. */
  max: number;
  raiseAfter?: number;
}

export class AdaptiveLimit {
  #current: number;
  #generation = 0;
  #streak = 0;
  readonly #raiseAfter: number;

  constructor(
    readonly options: AdaptiveLimitOptions,
    private readonly apply: (limit: number) => void,
  ) {
    this.#current = options.max;
    this.#raiseAfter = options.raiseAfter ?? 20;
  }

  get current(): number {
    return this.#current;
  }

  /** Incremented by every cut; a request notes it when it is sent. */
  get generation(): number {
    return this.#generation;
  }

  /** A 429 to a request sent in `generation`; true when it cut the limit. */
  throttled(generation: number): boolean {
    this.#streak = 0;
    if (generation !== this.#generation || this.#current === 1) return false;
    this.#generation++;
    this.#set(Math.max(1, Math.floor(this.#current / 2)));
    return true;
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
