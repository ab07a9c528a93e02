import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPhi, redactPhi } from '../src/index.ts';
import { generatedFile, generatedText } from '../eval/generate.ts';
import { parseMarkup } from '../eval/markup.ts';
import { BLIND_SETS, REQUIRED_TYPES, evaluate, isHeldOut, loadEvalCases, loadFormerHeldoutCases, loadIssueDevelopmentCases, loadNewestBlindSet } from '../eval/score.ts';
import { scoreOutputs } from '../eval/score-output.ts';

describe('PHI eval set', () => {
  it('the bench scores the newest blind set present, and names a tuned-on one development', () => {
    const present = BLIND_SETS.filter((s) => existsSync(new URL(`../eval/${s.file}`, import.meta.url)));
    const newest = loadNewestBlindSet();
    expect(newest.file).toBe(present[present.length - 1]?.file);
    expect(newest.cases.length).toBeGreaterThan(0);
    expect(newest.label).toContain(newest.tunedOn ? 'development (tuned on)' : 'held out');
    expect(isHeldOut(newest.file)).toBe(!newest.tunedOn);
  });

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

  // Floors at the levels the held-out set reached after the fixes it prompted (HELDOUT.md); it
  // is no longer held out, so these guard against regressions, they do not measure accuracy.
  const HELDOUT_FLOORS: Record<string, { recall: number; precision: number }> = {
    // A card's last four after "card ending" is an account number (heldout-2026-12d labels it);
    // heldout.txt left one unlabelled beside the full number.
    ACCOUNT: { recall: 0.91, precision: 0.92 },
    // A person's city (a "city" key, a city after the street line) is a subdivision smaller than a
    // state, redacted since issue 14's third pass (heldout-2026-12d labels it); heldout.txt left two unlabelled,
    // and two more beside their postcode ("..., San Francisco CA 94110"), redacted since the fourth pass.
    ADDRESS: { recall: 1, precision: 0.8 },
    DATE: { recall: 0.84, precision: 1 },
    DEVICE: { recall: 0.87, precision: 1 },
    EMAIL: { recall: 1, precision: 1 },
    FAX: { recall: 1, precision: 1 },
    HEALTH_PLAN: { recall: 1, precision: 1 },
    IP: { recall: 1, precision: 0.85 },
    LICENSE: { recall: 0.83, precision: 1 },
    // Host-less record paths are now MRN hits on the id (heldout.txt labelled the path URL).
    MRN: { recall: 0.7, precision: 0.92 },
    NAME: { recall: 0.94, precision: 1 },
    // heldout.txt left the clinics' toll-free numbers unlabelled; the 2026-12 sets label them (issue 14).
    PHONE: { recall: 0.91, precision: 0.9 },
    SSN: { recall: 1, precision: 1 },
    URL: { recall: 0.88, precision: 0.69 }, // one host-less record path now typed MRN (above)
    VEHICLE: { recall: 1, precision: 1 },
    ZIP: { recall: 0.93, precision: 1 },
  };

  it('the held-out set stays at the levels reached (per type, operational 100% untouched)', () => {
    const report = evaluate((text) => detectPhi(text), loadFormerHeldoutCases());
    expect(report.perType.map((s) => s.type).sort()).toEqual(Object.keys(HELDOUT_FLOORS).sort());
    for (const s of report.perType) {
      const floor = HELDOUT_FLOORS[s.type]!;
      expect(s.recall, `${s.type} recall`).toBeGreaterThanOrEqual(floor.recall);
      expect(s.precision, `${s.type} precision`).toBeGreaterThanOrEqual(floor.precision);
    }
    expect(report.operationalUntouchedRate).toBe(1);
  });

  // Development material too (written with the recognizers): a regression guard for issue 14's
  // forms, judged by the output rule every tool is scored by.
  it('development-2026-12 (issue 14 forms): recall >= 0.95, over-redaction <= 1%, operational intact', () => {
    const score = scoreOutputs(loadIssueDevelopmentCases(), (text) => redactPhi(text));
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.overRedaction).toBeLessThanOrEqual(0.01);
    expect(score.operationalIntactRate).toBe(1);
  });

  it('the output scorer can fail: an identity redactor catches nothing, a blanking one changes every word', () => {
    const cases = loadIssueDevelopmentCases();
    expect(scoreOutputs(cases, (t) => t).recall).toBe(0);
    const blank = scoreOutputs(cases, (t) => t.replace(/[\p{L}\p{N}]/gu, '*'));
    expect(blank.recall).toBe(1);
    expect(blank.overRedaction).toBe(1);
    expect(blank.operationalIntactRate).toBe(0);
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
