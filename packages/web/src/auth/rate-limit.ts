// Sign-in throttling with rate-limiter-flexible (in memory: one dashboard process per
// ledger is the deployment this serves). Failures count per user name from one address and
// per address over all names; a success clears the name's count.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface SignInLimits {
  /** Failed attempts for one name from one address before it is blocked. */
  perUser: number;
  /** Failed attempts from one address over all names. */
  perAddress: number;
  /** Window and block length, in seconds. */
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perUser: 5, perAddress: 30, windowSeconds: 15 * 60 };

export class SignInLimiter {
  private readonly byUser: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.byUser = new RateLimiterMemory({ keyPrefix: 'user', points: limits.perUser, duration: limits.windowSeconds, blockDuration: limits.windowSeconds });
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'addr', points: limits.perAddress, duration: limits.windowSeconds, blockDuration: limits.windowSeconds });
  }

  private static userKey(username: string, address: string): string {
    return `${username.toLowerCase()}|${address}`;
  }

  /** Seconds to wait before another attempt, or 0 when one may be made now. */
  async retryAfter(username: string, address: string): Promise<number> {
    const [user, addr] = await Promise.all([this.byUser.get(SignInLimiter.userKey(username, address)), this.byAddress.get(address)]);
    const blocked = [
      [user, this.limits.perUser],
      [addr, this.limits.perAddress],
    ] as const;
    let wait = 0;
    for (const [res, limit] of blocked) if (res && res.consumedPoints >= limit) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
    return wait;
  }

  async failed(username: string, address: string): Promise<void> {
    await Promise.all([this.byUser.consume(SignInLimiter.userKey(username, address)), this.byAddress.consume(address)].map((p) => p.catch((e: unknown) => {
      // Past the limit consume() rejects with the limiter's state: the block is what we want.
      if (!(e instanceof RateLimiterRes)) throw e;
    })));
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.byUser.delete(SignInLimiter.userKey(username, address));
  }
}
