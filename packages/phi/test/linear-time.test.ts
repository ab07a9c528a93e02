// A correctness guard against superlinear patterns, not a performance figure (those are in
// bench/phi.bench.ts): a 1 MB single line, of the shapes that made a pattern quadratic
// before, must redact within a budget twenty times what it takes on an idle machine.
import { beforeAll, describe, expect, it } from 'vitest';
import { detectPhi, redactPhi } from '../src/index.ts';

const MB = 1 << 20;
const BUDGET_MS = 5_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

describe('linear time on one long line', () => {
  // The lexicons load on first use (name lists, places: some hundreds of ms once per process);
  // that one-time cost is no pattern's and would otherwise land on whichever shape runs first.
  beforeAll(() => {
    redactPhi('Patient Maria Lopez, 12 Main St, Boston MA 02110, user: jcooper, https://www.example.com/a');
  });
  const shapes: Record<string, string> = {
    'a run of digits': fill('1'),
    'digits and colons': fill('1:'),
    'capitalised words': fill('Maria '),
    'surname-first pairs': fill('Lopez, '),
    'dashed words': fill('Ab-'),
    'log lines joined by spaces': fill('2024-03-14T17:02:11Z INFO {"name":"Maria Lopez","from":"+14155550132"} SM0123456789abcdef0123456789abcdef '),
  };
  for (const [shape, line] of Object.entries(shapes)) {
    it(`1 MB of ${shape} redacts within ${BUDGET_MS} ms`, () => {
      const start = performance.now();
      redactPhi(line);
      expect(performance.now() - start).toBeLessThan(BUDGET_MS);
    });
  }

  it('judges a long line window by window without losing hits at the cuts', () => {
    const sentence = 'Patient Maria Lopez SSN 219-09-9999 phone 415-555-2671 email maria.lopez@example.com; ';
    const line = sentence.repeat(Math.ceil(MB / sentence.length));
    const out = redactPhi(line);
    for (const phi of ['Maria Lopez', '219-09-9999', '415-555-2671', 'maria.lopez@example.com']) expect(out).not.toContain(phi);
    const hits = detectPhi(line);
    // Four identifiers per sentence; the last sentence may be the only one cut short.
    expect(hits.length).toBe(4 * (line.length / sentence.length));
    for (let i = 1; i < hits.length; i++) expect((hits[i] as { start: number }).start).toBeGreaterThanOrEqual((hits[i - 1] as { end: number }).end);
  });

  it('a line without spaces (cut at commas) still finds every identifier across the cuts', () => {
    const unit = 'x,415-555-2671,';
    const line = unit.repeat(Math.ceil((3 * MB) / 10 / unit.length));
    expect(redactPhi(line)).not.toContain('415-555-2671');
  });
});
