// Writes one benchmark's figures to bench/results/NAME.json in the shape every benchmark
// shares: { name, date, node, machine, method, metrics, rounds, spread }. `machine` carries
// the load average when the benchmark started and ended: the machine is shared, and a
// figure means little without the load it was taken under.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

// Read when the benchmark module is first imported, i.e. when the benchmark starts.
const loadAtStart = loadavg();

export type Metric = number | string | boolean;

export interface BenchResultInput {
  /** How the figures were taken, in a sentence or a few: what is compared with what. */
  method: string;
  metrics: Record<string, Metric | Record<string, Metric>>;
  /** Per-round values of the figures measured more than once (same order in every list). */
  rounds?: Record<string, number[]>;
}

export interface Spread {
  rounds: number;
  median: number;
  min: number;
  max: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spreadOf(values: readonly number[]): Spread {
  return { rounds: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export function roundTo(n: number, digits = 2): number {
  return Number(n.toFixed(digits));
}

const loadString = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');

export function writeBenchResult(name: string, input: BenchResultInput): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  const spread = Object.fromEntries(
    Object.entries(input.rounds ?? {}).map(([metric, values]) => {
      const s = spreadOf(values);
      return [metric, { rounds: s.rounds, median: roundTo(s.median, 4), min: roundTo(s.min, 4), max: roundTo(s.max, 4) }];
    }),
  );
  const result = {
    name,
    date: new Date().toISOString(),
    node: process.version,
    machine: { cores: cpus().length, model: cpus()[0]?.model ?? 'unknown', loadAverageAtStart: loadString(loadAtStart), loadAverageAtEnd: loadString(loadavg()) },
    method: input.method,
    metrics: input.metrics,
    rounds: input.rounds ?? {},
    spread,
  };
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}
