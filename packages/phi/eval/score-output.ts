// Scores any redactor by its output alone, so @chaperone/phi and the peers are judged by one
// rule: the output is aligned with the input word by word (`diff`'s diffWords), and each
// input character is either kept or changed.
// - A labelled identifier is caught when none of its letters and digits is kept (a half-
//   redacted name is a miss).
// - An operational token (`{{OP|...}}`) is intact when every character is kept.
// - Over-redaction: the share of ordinary words (letter/digit runs outside every label)
//   with any character changed.
import { diffWords } from 'diff';
import type { EvalCase } from './markup.ts';
import type { Redactor } from './peers.ts';

export interface TypeRecall {
  type: string;
  gold: number;
  caught: number;
  recall: number;
}

export interface OutputScore {
  cases: number;
  perType: TypeRecall[];
  gold: number;
  caught: number;
  recall: number;
  operational: number;
  operationalIntact: number;
  operationalIntactRate: number;
  ordinaryWords: number;
  ordinaryChanged: number;
  overRedaction: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const ALNUM = /[\p{L}\p{N}]/u;

/** Per input character: 1 when the redactor left it in place. */
export function keptMask(input: string, output: string): Uint8Array {
  const kept = new Uint8Array(input.length);
  if (input === output) return kept.fill(1);
  let at = 0;
  for (const part of diffWords(input, output)) {
    if (part.added) continue;
    if (!part.removed) kept.fill(1, at, at + part.value.length);
    at += part.value.length;
  }
  return kept;
}

export function scoreOutputs(cases: readonly EvalCase[], redact: Redactor): OutputScore {
  const types = new Map<string, { gold: number; caught: number }>();
  let operational = 0;
  let operationalIntact = 0;
  let ordinaryWords = 0;
  let ordinaryChanged = 0;
  for (const c of cases) {
    const kept = keptMask(c.text, redact(c.text));
    const labelled = new Uint8Array(c.text.length);
    for (const g of c.gold) {
      labelled.fill(1, g.start, g.end);
      if (g.type === 'OP') {
        operational++;
        if (kept.subarray(g.start, g.end).every((k) => k === 1)) operationalIntact++;
        continue;
      }
      let bucket = types.get(g.type);
      if (!bucket) types.set(g.type, (bucket = { gold: 0, caught: 0 }));
      bucket.gold++;
      let anyKept = false;
      for (let i = g.start; i < g.end && !anyKept; i++) anyKept = kept[i] === 1 && ALNUM.test(c.text[i] as string);
      if (!anyKept) bucket.caught++;
    }
    for (const m of c.text.matchAll(WORD)) {
      const start = m.index;
      const end = start + m[0].length;
      if (labelled.subarray(start, end).some((l) => l === 1)) continue;
      ordinaryWords++;
      if (kept.subarray(start, end).some((k) => k === 0)) ordinaryChanged++;
    }
  }
  const perType = [...types.entries()]
    .map(([type, b]) => ({ type, ...b, recall: b.gold === 0 ? 1 : b.caught / b.gold }))
    .sort((a, b) => a.type.localeCompare(b.type));
  const gold = perType.reduce((n, t) => n + t.gold, 0);
  const caught = perType.reduce((n, t) => n + t.caught, 0);
  return {
    cases: cases.length,
    perType,
    gold,
    caught,
    recall: gold === 0 ? 1 : caught / gold,
    operational,
    operationalIntact,
    operationalIntactRate: operational === 0 ? 1 : operationalIntact / operational,
    ordinaryWords,
    ordinaryChanged,
    overRedaction: ordinaryWords === 0 ? 0 : ordinaryChanged / ordinaryWords,
  };
}

/** Aggregate figures only, one column per tool: never a value, a line or a source. */
export function formatComparison(title: string, scores: Record<string, OutputScore>): string {
  const tools = Object.keys(scores);
  const width = Math.max(14, ...tools.map((t) => t.length + 2));
  const types = [...new Set(Object.values(scores).flatMap((s) => s.perType.map((t) => t.type)))].sort();
  const head = (label: string) => label.padEnd(20);
  const cell = (text: string) => text.padStart(width);
  const first = Object.values(scores)[0];
  const lines = [
    `${title}: ${first?.cases ?? 0} cases, ${first?.gold ?? 0} labelled identifiers, ${first?.operational ?? 0} operational tokens, ${first?.ordinaryWords ?? 0} ordinary words`,
    head('recall') + tools.map(cell).join(''),
  ];
  for (const type of types) {
    const gold = first?.perType.find((t) => t.type === type)?.gold ?? 0;
    lines.push(head(`  ${type} (${gold})`) + tools.map((t) => cell((scores[t]?.perType.find((x) => x.type === type)?.recall ?? 1).toFixed(3))).join(''));
  }
  lines.push(head('all types') + tools.map((t) => cell((scores[t] as OutputScore).recall.toFixed(3))).join(''));
  lines.push(head('over-redaction') + tools.map((t) => cell(`${((scores[t] as OutputScore).overRedaction * 100).toFixed(2)}%`)).join(''));
  lines.push(head('OP intact') + tools.map((t) => cell((scores[t] as OutputScore).operationalIntactRate.toFixed(3))).join(''));
  return lines.join('\n');
}
