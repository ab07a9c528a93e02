/**
 * Remembers which `I-Twilio-Idempotency-Token`s were already served. `claim` returns
 * true the first time a key is seen within `ttlMs`, false on every later call.
 */
export interface ReplayStore {
  claim(key: string, ttlMs: number): Promise<boolean>;
}

export interface MemoryReplayStoreOptions {
  /** Upper bound on remembered tokens; the oldest are forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

/** One process only: behind several instances use RedisReplayStore. */
export class MemoryReplayStore implements ReplayStore {
  // A Map iterates in insertion order, so the first key is always the oldest claim.
  readonly #expiries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const expiry = this.#expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.#expiries.delete(key);
    this.#expiries.set(key, now + ttlMs);
    this.#evict(now);
    return true;
  }

  get size(): number {
    return this.#expiries.size;
  }

  #evict(now: number): void {
    for (const [key, expiry] of this.#expiries) {
      if (this.#expiries.size <= this.#maxEntries && expiry > now) break;
      this.#expiries.delete(key);
    }
  }
}

/** The one ioredis call the store needs; any client with this shape works. */
export interface RedisSetNx {
  set(key: string, value: string, px: 'PX', ttlMs: number, nx: 'NX'): Promise<'OK' | null>;
}

/** Shared across instances: `SET key 1 PX ttl NX` is atomic, so exactly one instance wins a token. */
export class RedisReplayStore implements ReplayStore {
  constructor(
    private readonly redis: RedisSetNx,
    private readonly prefix = 'chaperone:twilio-idempotency:',
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const reply = await this.redis.set(this.prefix + key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return reply === 'OK';
  }
}
