// Where the queue lives: `--queue redis://[user:password@]HOST:PORT[/DB]` (rediss:// for TLS),
// checked before anything is recorded, and the Redis connections the planner, the workers
// and BullMQ open from it. Errors name the flag and the fix in one line and never echo a
// password. Every key is under `--queue-prefix` (default "chaperone"), so several teams or
// test runs share one Redis without meeting.
import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

export const DEFAULT_QUEUE_PREFIX = 'chaperone';

/** A problem with the queue a person must fix (a bad URL, Redis not reachable or lost): one line. */
export class QueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueError';
  }
}

export interface QueueTarget {
  /** The URL as shown to a person: never the password. */
  shown: string;
  prefix: string;
  redis: RedisOptions;
}

const PREFIX = /^[A-Za-z0-9_.-]{1,64}$/;

export function parseQueueUrl(value: string, prefix: string = DEFAULT_QUEUE_PREFIX): QueueTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new QueueError('--queue is not a URL: use redis://HOST:PORT (e.g. redis://127.0.0.1:6379)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new QueueError('--queue must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');
  if (!url.hostname) throw new QueueError('--queue names no host: use redis://HOST:PORT');
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new QueueError('--queue: the path must be a Redis database number (redis://HOST:PORT/0)');
  if (!PREFIX.test(prefix)) throw new QueueError('--queue-prefix must be 1-64 letters, digits, "_", "-" or "." (no ":")');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    shown: `${url.protocol}//${url.host}${db ? `/${db}` : ''}`,
    prefix,
    redis: {
      host,
      port,
      db,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
      // BullMQ's workers block on Redis and must wait through reconnects rather than fail a command.
      maxRetriesPerRequest: null,
    },
  };
}

/** BullMQ's connection options for the target (it opens and reconnects its own connections). */
export function bullConnection(target: QueueTarget): ConnectionOptions {
  // ioredis' options are what BullMQ's Redis backend passes to ioredis.
  return target.redis as ConnectionOptions;
}

/** A connection that waits through outages (commands queue until Redis is back); callers bound the wait themselves. */
export function openRedis(target: QueueTarget): Redis {
  const redis = new Redis({ ...target.redis, retryStrategy: (times) => Math.min(200 * times, 2000) });
  // ioredis reports every failed reconnect as an error event; the callers say it once, in their own words.
  redis.on('error', () => {});
  return redis;
}

/** Fails fast when Redis does not answer: one line naming the URL and the fix. */
export async function checkReachable(target: QueueTarget, timeoutMs = 3000): Promise<void> {
  const probe = new Redis({ ...target.redis, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // ioredis rejects connect() with "Connection is closed"; the socket's own error says why (ECONNREFUSED...).
  let socketError: unknown;
  probe.on('error', (error) => (socketError ??= error));
  try {
    await probe.connect();
    await probe.ping();
    const policy = (await probe.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
    if (policy[1] && policy[1] !== 'noeviction') {
      throw new QueueError(`Redis at ${target.shown} evicts keys (maxmemory-policy ${policy[1]}): jobs would be lost; set maxmemory-policy noeviction`);
    }
  } catch (error) {
    if (error instanceof QueueError) throw error;
    throw new QueueError(`Redis at ${target.shown} is not reachable (${reason(socketError ?? error)}): start Redis or fix --queue`);
  } finally {
    probe.disconnect();
  }
}

/** A short reason that never carries a password (ioredis messages name only host and port). */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.replace(/redis(s)?:\/\/[^@\s]*@/g, 'redis$1://***@').slice(0, 120);
}

/** Resolves `work`, or rejects with `lost` once Redis has not answered for `ms` (commands wait through reconnects otherwise). */
export async function withinMs<T>(work: Promise<T>, ms: number, lost: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(lost()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
