import { randomUUID } from 'node:crypto';

/**
 * What a store holds for one `I-Twilio-Idempotency-Token`:
 * - `claimed`: first sight; this delivery now holds the token as in flight;
 * - `in-flight`: another delivery of the same event is being handled right now;
 * - `done`: the event was handled (the handler answered below 500) within the window.
 */
export type ClaimOutcome = 'claimed' | 'in-flight' | 'done';

/**
 * Remembers which idempotency tokens were served, so that Twilio's retry of an event
 * already handled is not handled twice, and the retry of an event whose handler FAILED is
 * handled (the handler did not do its work: acknowledging the retry would drop the event).
 * `claim` holds a token as in flight for `inFlightMs` and returns a `claimId`; the owner of
 * the claim then calls `complete` (remember it as done for `ttlMs`) or `release` (forget it).
 * A claim whose owner never settles it (the process died) lapses after `inFlightMs`.
 */
export interface ReplayStore {
  claim(key: string, inFlightMs: number): Promise<{ outcome: ClaimOutcome; claimId?: string }>;
  complete(key: string, claimId: string, ttlMs: number): Promise<void>;
  release(key: string, claimId: string): Promise<void>;
}

/** The memory store is full of tokens still inside their window: refuse rather than forget one. */
export class ReplayStoreFullError extends Error {
  override name = 'ReplayStoreFullError';
}

export interface MemoryReplayStoreOptions {
  /**
   * Upper bound on remembered tokens (default 100,000). When every entry is still inside its
   * window the store refuses new claims (503, `replay-store-full`) instead of forgetting a
   * token early, which would let a replay through: size it for the webhook rate times the
   * window, or use RedisReplayStore.
   */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  claimId: string | undefined;
  expiresAt: number;
}

/** One process only: behind several instances use RedisReplayStore. */
export class MemoryReplayStore implements ReplayStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  #nextSweepAt = 0;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  async claim(key: string, inFlightMs: number): Promise<{ outcome: ClaimOutcome; claimId?: string }> {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return { outcome: entry.claimId === undefined ? 'done' : 'in-flight' };
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#sweep(now);
    if (this.#entries.size >= this.#maxEntries) throw new ReplayStoreFullError(`the replay store holds ${this.#maxEntries} tokens still inside their window`);
    const claimId = randomUUID();
    this.#entries.set(key, { claimId, expiresAt: now + inFlightMs });
    return { outcome: 'claimed', claimId };
  }

  async complete(key: string, claimId: string, ttlMs: number): Promise<void> {
    if (this.#entries.get(key)?.claimId !== claimId) return;
    this.#entries.set(key, { claimId: undefined, expiresAt: this.#now() + ttlMs });
  }

  async release(key: string, claimId: string): Promise<void> {
    if (this.#entries.get(key)?.claimId === claimId) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  // Only expired entries go. Entries have two lifetimes (in flight, done), so insertion order
  // is not expiry order: a full pass, at most once a second while the store stays full.
  #sweep(now: number): void {
    if (now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + 1_000;
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}

/** The two ioredis calls the store needs; any client with this shape works (Redis 7 or later). */
export interface RedisReplayClient {
  set(key: string, value: string, px: 'PX', ttlMs: number, nx: 'NX', get: 'GET'): Promise<string | null>;
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
}

const DONE = 'done';
// Settle a claim only while it is still ours: after our in-flight time lapsed, another
// delivery may hold the token, and its claim is not ours to finish or drop.
const COMPLETE_IF_OURS = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end return false";
const RELEASE_IF_OURS = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * Shared across instances. `SET key claimId PX inFlight NX GET` is atomic: exactly one
 * instance claims a token, and every other learns in the same round trip whether it is in
 * flight or done. Completing and releasing are compare-and-set scripts on the claim id.
 */
export class RedisReplayStore implements ReplayStore {
  constructor(
    private readonly redis: RedisReplayClient,
    private readonly prefix = 'chaperone:twilio-idempotency:',
  ) {}

  async claim(key: string, inFlightMs: number): Promise<{ outcome: ClaimOutcome; claimId?: string }> {
    const claimId = `in-flight:${randomUUID()}`;
    const previous = await this.redis.set(this.prefix + key, claimId, 'PX', milliseconds(inFlightMs), 'NX', 'GET');
    if (previous === null) return { outcome: 'claimed', claimId };
    return { outcome: previous === DONE ? 'done' : 'in-flight' };
  }

  async complete(key: string, claimId: string, ttlMs: number): Promise<void> {
    await this.redis.eval(COMPLETE_IF_OURS, 1, this.prefix + key, claimId, DONE, milliseconds(ttlMs));
  }

  async release(key: string, claimId: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_OURS, 1, this.prefix + key, claimId);
  }
}

function milliseconds(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}
