import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPhi } from '../src/detect.ts';
import { generatedFile, generatedText } from '../eval/generate.ts';
import { parseMarkup } from '../eval/markup.ts';
import { REQUIRED_TYPES, evaluate, loadEvalCases } from '../eval/score.ts';

describe('PHI eval set', () => {
  it('the committed generated set is what the seeded generator writes', () => {
    expect(readFileSync(generatedFile, 'utf8')).toBe(generatedText());
  });

  it('covers every Safe Harbor type and has operational negatives', () => {
    const cases = loadEvalCases();
    const types = new Set(cases.flatMap((c) => c.gold.map((g) => g.type)));
    for (const t of REQUIRED_TYPES) expect(types, t).toContain(t);
    expect(types).toContain('OP');
  });

  it('meets the targets (structured recall >= 0.95 and precision >= 0.90, names recall >= 0.85, operational 100% untouched)', () => {
    const report = evaluate((text) => detectPhi(text));
    expect(report.failures).toEqual([]);
    expect(report.operationalUntouchedRate).toBe(1);
  });

  it('the scorer can fail: a detector that finds nothing misses every target', () => {
    const report = evaluate(() => []);
    expect(report.failures.length).toBeGreaterThanOrEqual(REQUIRED_TYPES.length);
  });

  it('the scorer counts a touched operational token', () => {
    const c = parseMarkup('at {{OP|SM0123456789abcdef0123456789abcdef}}', 't');
    const report = evaluate(() => [{ type: 'ACCOUNT', start: 3, end: 10, confidence: 1 }], [c]);
    expect(report.operationalUntouchedRate).toBe(0);
    expect(report.failures.join()).toMatch(/operational/);
  });
});
