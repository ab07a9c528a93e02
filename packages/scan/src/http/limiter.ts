// A FIFO counting semaphore: at most `limit` tasks hold a slot at once. Written by hand
// because it is ten lines and the scanner needs two nested ones (per account, global)
// with exact accounting of what waits, which p-limit style wrappers hide. The limit can
// change while tasks run (AdaptiveLimit lowers it when Twilio answers 429): a lower limit
// lets running tasks finish and hands out no slot until the count is under it.
export class Limiter {
  #active = 0;
  #limit: number;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = checkedLimit(limit);
  }

  get limit(): number {
    return this.#limit;
  }

  setLimit(limit: number): void {
    this.#limit = checkedLimit(limit);
    while (this.#active < this.#limit && this.#waiting.length > 0) {
      this.#active++;
      (this.#waiting.shift() as () => void)();
    }
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    // Hand the slot straight to the next waiter so the active count never dips and refills,
    // unless the limit was lowered below what is running.
    const next = this.#active <= this.#limit ? this.#waiting.shift() : undefined;
    if (next) next();
    else this.#active--;
  }
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a whole number >= 1 (got ${limit})`);
  return limit;
}
