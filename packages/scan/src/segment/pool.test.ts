import { describe, expect, it } from 'vitest';
import { mapLimit } from './pool.ts';

describe('mapLimit', () => {
  it('keeps at most `limit` jobs in flight and returns results in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (ms) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight--;
      return ms * 10;
    });
    expect(most).toBe(3);
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
  });
});
