// Seeded, deterministic fault injection: latency with jitter, a per-account concurrency
// limit answered like Twilio's (429, code 20429, Retry-After), a 5xx rate and dropped
// connections. Configurable for the whole run and per account (e.g. one dead subaccount).
import { Prng } from './prng.ts';

export interface FaultConfig {
  /** Mean added latency per request. */
  latencyMs?: number;
  /** Latency is drawn uniformly from latencyMs ± jitterMs. */
  jitterMs?: number;
  /** Concurrent requests an account may have in flight; more get 429. */
  concurrency?: number;
  /** Seconds announced in Retry-After on a 429. */
  retryAfterSeconds?: number;
  /** Fraction (0..1) of requests answered 500. */
  errorRate?: number;
  /** Fraction (0..1) of requests whose connection is destroyed without a response. */
  dropRate?: number;
}

export interface FaultOptions extends FaultConfig {
  seed?: number;
  /** Overrides per account SID (merged over the run-wide settings). */
  accounts?: Record<string, FaultConfig>;
}

export type FaultDecision =
  | { action: 'proceed'; delayMs: number }
  | { action: 'throttle'; retryAfterSeconds: number }
  | { action: 'error'; delayMs: number }
  | { action: 'drop'; delayMs: number };

const FRACTIONS = ['errorRate', 'dropRate'] as const;
const NON_NEGATIVE = ['latencyMs', 'jitterMs', 'concurrency', 'retryAfterSeconds'] as const;

/** Rejects nonsense settings up front, naming the setting and the fix. */
export function validateFaults(options: FaultOptions): void {
  const check = (config: FaultConfig, where: string) => {
    for (const name of FRACTIONS) {
      const v = config[name];
      if (v !== undefined && !(v >= 0 && v <= 1)) throw new Error(`${where}${name} is ${v}; fix: use a fraction between 0 and 1`);
    }
    for (const name of NON_NEGATIVE) {
      const v = config[name];
      if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new Error(`${where}${name} is ${v}; fix: use a number >= 0`);
    }
  };
  check(options, 'faults.');
  for (const [sid, config] of Object.entries(options.accounts ?? {})) check(config, `faults.accounts.${sid}.`);
}

export class FaultInjector {
  private readonly prng: Prng;
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly options: FaultOptions = {}) {
    validateFaults(options);
    this.prng = new Prng(options.seed ?? 1);
  }

  private configFor(accountSid: string | undefined): FaultConfig {
    const specific = accountSid ? this.options.accounts?.[accountSid] : undefined;
    return specific ? { ...this.options, ...specific } : this.options;
  }

  /**
   * Decides the fate of one request and, unless throttled, counts it in flight;
   * the caller must call `release` once the response ends.
   */
  admit(accountSid: string | undefined): FaultDecision {
    const config = this.configFor(accountSid);
    const key = accountSid ?? '';
    const current = this.inFlight.get(key) ?? 0;
    if (config.concurrency !== undefined && current >= config.concurrency) {
      return { action: 'throttle', retryAfterSeconds: config.retryAfterSeconds ?? 1 };
    }
    this.inFlight.set(key, current + 1);
    const jitter = config.jitterMs ?? 0;
    const delayMs = Math.max(0, (config.latencyMs ?? 0) + (jitter ? (this.prng.next() * 2 - 1) * jitter : 0));
    if (config.dropRate && this.prng.next() < config.dropRate) return { action: 'drop', delayMs };
    if (config.errorRate && this.prng.next() < config.errorRate) return { action: 'error', delayMs };
    return { action: 'proceed', delayMs };
  }

  release(accountSid: string | undefined): void {
    const key = accountSid ?? '';
    const current = this.inFlight.get(key) ?? 0;
    if (current <= 1) this.inFlight.delete(key);
    else this.inFlight.set(key, current - 1);
  }
}
