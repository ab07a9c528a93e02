// Writes one benchmark's figures to bench/results/NAME.json in the shape every
// benchmark shares: { name, date, node, metrics }.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

export function writeBenchResult(name: string, metrics: Record<string, number | string | boolean>): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  const result = { name, date: new Date().toISOString(), node: process.version, metrics };
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}
