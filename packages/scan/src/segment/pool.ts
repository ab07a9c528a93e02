// Runs async jobs with at most `limit` in flight: the Segment API rate-limits per token,
// so the collector never fans out unbounded. The scanner's one semaphore does the counting.
import { Limiter } from '../http/limiter.ts';

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limiter = new Limiter(Math.max(1, Math.floor(limit)));
  return Promise.all(items.map((item) => limiter.run(() => fn(item))));
}
