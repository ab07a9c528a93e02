// A FIFO counting semaphore: at most `limit` tasks hold a slot at once. Written by hand
// because it is ten lines and the scanner needs two nested ones (per account, global)
// with exact accounting of what waits, which p-limit style wrappers hide.
export class Limiter {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a whole number >= 1 (got ${limit})`);
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
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    // Hand the slot straight to the next waiter so the active count never dips and refills.
    if (next) next();
    else this.#active--;
  }
}
