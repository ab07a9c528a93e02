// Scores a detector against the labelled eval set: precision and recall per PHI type, and
// the share of operational tokens (SIDs, UUIDs, timestamps, versions...) left untouched.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhiHit, PhiType } from '../src/types.ts';
import { parseMarkupFile, type EvalCase } from './markup.ts';

const here = dirname(fileURLToPath(import.meta.url));

export const NAME_RECALL_TARGET = 0.85;
export const STRUCTURED_RECALL_TARGET = 0.95;
export const STRUCTURED_PRECISION_TARGET = 0.9;

const loadFiles = (files: readonly string[]): EvalCase[] =>
  files.flatMap((file) => parseMarkupFile(readFileSync(join(here, file), 'utf8'), file));

/** The development set: written alongside the detector, so it flatters it. */
export function loadEvalCases(): EvalCase[] {
  return loadFiles(['generated.txt', 'handwritten.txt']);
}

/** development-2026-12.txt: the forms issue 14 names (chat transcripts, international names,
 * postcodes and phones, ITIN, passport, IBAN, card networks, dates in prose). Development material. */
export function loadIssueDevelopmentCases(): EvalCase[] {
  return loadFiles(['development-2026-12.txt']);
}

/** heldout.txt (2026-11): written blind, but the detector was then fixed against its misses
 * (HELDOUT.md), so it is DEVELOPMENT material now; scored apart so its figure is not averaged away. */
export function loadFormerHeldoutCases(): EvalCase[] {
  return loadFiles(['heldout.txt']);
}

/** The sets written blind (by someone who read neither the detector nor any other set), oldest
 * first, with whether they have since been tuned on (HELDOUT.md tells each one's history). A set
 * tuned on is DEVELOPMENT material: its figure is an upper bound, not a held-out one. The lead
 * adds the next file (heldout-2026-12f.txt) when it is written; until it exists the newest set
 * present is scored and labelled for what it is. */
export const BLIND_SETS: readonly { file: string; tunedOn: boolean }[] = [
  { file: 'heldout-2026-12.txt', tunedOn: true },
  { file: 'heldout-2026-12b.txt', tunedOn: true },
  { file: 'heldout-2026-12c.txt', tunedOn: false },
  { file: 'heldout-2026-12d.txt', tunedOn: true },
  { file: 'heldout-2026-12e.txt', tunedOn: true },
  { file: 'heldout-2026-12f.txt', tunedOn: false },
];

/** A blind set nobody has tuned on: development tools (misses.ts, score-dev.ts) refuse it. */
export const isHeldOut = (file: string): boolean => BLIND_SETS.some((s) => s.file === file && !s.tunedOn);

/** Cases of one labelled file of this folder, or of a path given by the user. */
export function loadCasesFile(file: string): EvalCase[] {
  const path = isAbsolute(file) || existsSync(file) ? file : join(here, file);
  if (!existsSync(path)) throw new Error(`eval set ${file}: no such file; give a file name in packages/phi/eval or a path`);
  return parseMarkupFile(readFileSync(path, 'utf8'), basename(file));
}

export interface NewestBlindSet {
  file: string;
  tunedOn: boolean;
  /** How a report names it: "held out" only while nobody has tuned on it. */
  label: string;
  cases: EvalCase[];
}

/** The newest blind set present in this folder (the bench's and `eval:phi --heldout`'s default). */
export function loadNewestBlindSet(): NewestBlindSet {
  const present = BLIND_SETS.filter((s) => existsSync(join(here, s.file)));
  const newest = present[present.length - 1];
  if (!newest) throw new Error(`no blind set in ${here}: add one of ${BLIND_SETS.map((s) => s.file).join(', ')}`);
  const label = newest.tunedOn ? `${newest.file}, development (tuned on)` : `${newest.file}, held out`;
  return { ...newest, label, cases: loadCasesFile(newest.file) };
}

export interface TypeScore {
  type: PhiType;
  gold: number;
  found: number;
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface EvalReport {
  cases: number;
  perType: TypeScore[];
  operationalTotal: number;
  operationalUntouched: number;
  operationalUntouchedRate: number;
  /** Sources of the first misses / false positives, for debugging (no values). */
  misses: string[];
  falsePositives: string[];
  failures: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

export function evaluate(detect: (text: string) => PhiHit[], cases = loadEvalCases()): EvalReport {
  const counts = new Map<PhiType, { gold: number; found: number; predicted: number; correct: number }>();
  const bucket = (t: PhiType) => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { gold: 0, found: 0, predicted: 0, correct: 0 }));
    return c;
  };
  let operationalTotal = 0;
  let operationalUntouched = 0;
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (const c of cases) {
    const hits = detect(c.text);
    for (const g of c.gold) {
      if (g.type === 'OP') {
        operationalTotal++;
        if (!hits.some((h) => overlaps(h, g))) operationalUntouched++;
        else falsePositives.push(`${c.source} OP touched`);
        continue;
      }
      const b = bucket(g.type);
      b.gold++;
      if (hits.some((h) => h.type === g.type && overlaps(h, g))) b.found++;
      else misses.push(`${c.source} ${g.type}`);
    }
    for (const h of hits) {
      const b = bucket(h.type);
      b.predicted++;
      if (c.gold.some((g) => g.type === h.type && overlaps(h, g))) b.correct++;
      else falsePositives.push(`${c.source} ${h.type}`);
    }
  }
  const perType: TypeScore[] = [...counts.entries()]
    .map(([type, b]) => ({
      type,
      ...b,
      recall: b.gold === 0 ? 1 : b.found / b.gold,
      precision: b.predicted === 0 ? 1 : b.correct / b.predicted,
    }))
    .sort((a, b) => a.type.localeCompare(b.type));
  const failures: string[] = [];
  for (const s of perType) {
    if (s.gold === 0 && s.predicted > 0) failures.push(`${s.type}: ${s.predicted} hits but no gold labels`);
    if (s.gold === 0) continue;
    const recallTarget = s.type === 'NAME' ? NAME_RECALL_TARGET : STRUCTURED_RECALL_TARGET;
    if (s.recall < recallTarget) failures.push(`${s.type} recall ${s.recall.toFixed(3)} < ${recallTarget}`);
    if (s.type !== 'NAME' && s.precision < STRUCTURED_PRECISION_TARGET) {
      failures.push(`${s.type} precision ${s.precision.toFixed(3)} < ${STRUCTURED_PRECISION_TARGET}`);
    }
  }
  if (operationalUntouched < operationalTotal) {
    failures.push(`operational tokens untouched ${operationalUntouched}/${operationalTotal} (target 100%)`);
  }
  return {
    cases: cases.length,
    perType,
    operationalTotal,
    operationalUntouched,
    operationalUntouchedRate: operationalTotal === 0 ? 1 : operationalUntouched / operationalTotal,
    misses,
    falsePositives,
    failures,
  };
}

/** Types the eval set must cover: every Safe Harbor identifier text can carry. */
export const REQUIRED_TYPES: readonly PhiType[] = [
  'NAME', 'ADDRESS', 'ZIP', 'DATE', 'PHONE', 'FAX', 'EMAIL', 'SSN', 'MRN', 'HEALTH_PLAN', 'ACCOUNT', 'LICENSE',
  'VEHICLE', 'DEVICE', 'URL', 'IP', 'AGE',
];

export function formatReport(report: EvalReport, title = 'PHI eval'): string {
  const rows = report.perType.map(
    (s) =>
      `${s.type.padEnd(12)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(5)} ${s.recall.toFixed(3).padStart(7)} ${s.precision.toFixed(3).padStart(9)}`,
  );
  return [
    `${title}: ${report.cases} cases`,
    `${'type'.padEnd(12)} ${'gold'.padStart(5)} ${'hits'.padStart(5)} ${'recall'.padStart(7)} ${'precision'.padStart(9)}`,
    ...rows,
    `operational tokens untouched: ${report.operationalUntouched}/${report.operationalTotal} (${(report.operationalUntouchedRate * 100).toFixed(1)}%)`,
  ].join('\n');
}
