// One planner per run: the planner holds `{prefix}:scan:run:{run}:planner` (SET NX with a
// short expiry, renewed while it lives), so a second `chaperone scan --queue --resume RUN`
// while the first still runs is refused with one line instead of recording the run twice.
// A planner that was killed lets go within LOCK_TTL_MS.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { QueueError } from './connection.ts';

export const LOCK_TTL_MS = 15_000;
const RENEW_MS = 5_000;

export class RunLockedError extends QueueError {
  constructor(run: string, holder: string) {
    super(`run ${run} is being planned by another chaperone scan (${holder}); wait for it, or if it was killed retry in ${LOCK_TTL_MS / 1000} s`);
    this.name = 'RunLockedError';
  }
}

export interface RunLock {
  /** Set once the lock was lost (Redis down past its expiry, or taken over): the planner must stop. */
  lost(): boolean;
  release(): Promise<void>;
}

export async function acquireRunLock(redis: Redis, key: string, run: string): Promise<RunLock> {
  const token = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let taken = await redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX');
  if (taken !== 'OK') {
    const holder = (await redis.get(key)) ?? '';
    // A planner of this machine that is gone (killed) lets go at once rather than after its expiry.
    if (isDeadHere(holder)) {
      await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end", 1, key, holder);
      taken = await redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX');
    }
    if (taken !== 'OK') throw new RunLockedError(run, holder.split(':').slice(0, 2).join(' pid ') || 'unknown');
  }
  let lost = false;
  // Renew only while we still hold it (compare and extend in one step).
  const renew = async () => {
    const held = await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end", 1, key, token, String(LOCK_TTL_MS));
    if (held !== 1) lost = true;
  };
  const timer = setInterval(() => void renew().catch(() => {}), RENEW_MS);
  timer.unref();
  return {
    lost: () => lost,
    async release() {
      clearInterval(timer);
      await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end", 1, key, token).catch(() => {});
    },
  };
}

/** Whether the token names a process of this host that no longer exists. */
function isDeadHere(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
