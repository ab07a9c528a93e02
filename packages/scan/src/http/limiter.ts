// A counting semaphore: at most `limit` tasks hold a slot at once; waiters are served by
// priority (lower first), first come first served within one priority. Written by hand
// because the scanner needs two nested ones (per account, global) with exact accounting
// of what waits, and the global one ordered by account (p-limit and p-queue are FIFO, or
// sort the whole queue on every insert). The limit can change while tasks run
// (AdaptiveLimit lowers it when Twilio answers 429): a lower limit lets running tasks
// finish and hands out no slot until the count is under it.
//
// Why a priority: the global limiter is shared by every account in flight. Served FIFO, an
// account's dependent request (a service's functions, after its services) queues behind
// the first requests of every account started meanwhile, so all accounts finish together
// at the end of the run and memory holds all of them. Served oldest account first, each
// account finishes about as soon as its own requests allow, and the slots it cannot use
// (waiting on a parent page) go to the next accounts: the limit stays full, and only the
// accounts actually being served hold half-collected state.

interface Waiter {
  priority: number;
  order: number;
  wake: () => void;
}

export class Limiter {
  #active = 0;
  #limit: number;
  #order = 0;
  /** A binary min-heap on (priority, order). */
  readonly #waiting: Waiter[] = [];

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
      this.#pop()!.wake();
    }
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `task` once a slot is free; among waiters, the lowest `priority` goes first. */
  async run<T>(task: () => Promise<T>, priority = 0): Promise<T> {
    const wait = this.acquire(priority);
    if (wait) await wait;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /**
   * Takes a slot: undefined when one was free (taken at once), else a promise that settles
   * once it is handed over. Every acquire is paired with one release(). For a hot path that
   * cannot afford run()'s closure and promises per call (ScanHttpClient, per request).
   */
  acquire(priority = 0): Promise<void> | undefined {
    if (this.#active < this.#limit) {
      this.#active++;
      return undefined;
    }
    return new Promise((wake) => this.#push({ priority, order: this.#order++, wake }));
  }

  release(): void {
    // Hand the slot straight to the next waiter so the active count never dips and refills,
    // unless the limit was lowered below what is running.
    const next = this.#active <= this.#limit ? this.#pop() : undefined;
    if (next) next.wake();
    else this.#active--;
  }

  #push(waiter: Waiter): void {
    const heap = this.#waiting;
    heap.push(waiter);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!before(heap[i]!, heap[up]!)) break;
      [heap[i], heap[up]] = [heap[up]!, heap[i]!];
      i = up;
    }
  }

  #pop(): Waiter | undefined {
    const heap = this.#waiting;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
      if (least === i) break;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
    return top;
  }
}

function before(a: Waiter, b: Waiter): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.order < b.order);
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a whole number >= 1 (got ${limit})`);
  return limit;
}
