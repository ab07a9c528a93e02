// The name lexicons are read from their packages' data files so that a long-running process
// (a scan of 10,000 subaccounts) does not keep the packages' whole lists in its heap.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { words } from 'popular-english-words';
import { mostPopularWords, surnameSet } from '../src/lexicons/names.ts';

const require = createRequire(import.meta.url);

describe('name lexicons', () => {
  it('reads the same most popular words as the package itself', () => {
    for (const count of [1, 5000, 20_000]) expect(mostPopularWords(count)).toEqual(words.getMostPopular(count));
  });

  it('keeps the surname list only as its Set (the 200k-key object is not cached by require)', () => {
    const file = require.resolve('humannames');
    const surnames = surnameSet();
    expect(surnames.has('Aaberg')).toBe(true);
    expect(surnames.size).toBeGreaterThan(190_000);
    expect(require.cache[file]).toBeUndefined();
  });
});
