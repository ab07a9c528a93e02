// Dev tool for speed work on the detector: records every hit (type, span, confidence) the
// detector gives on every eval file (markup stripped) and on the bench corpus (short lines and
// long single lines, so the windowing of long lines is covered), then checks a later build
// gives exactly the same. An optimisation must not change what is detected; this says whether
// it did, and where (file:line only, never the text: held-out sets are compared, not read).
//
//   tsx --conditions=source packages/phi/eval/same-output.ts record DIR
//   tsx --conditions=source packages/phi/eval/same-output.ts check DIR
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus, joinedLine } from '../../../bench/phi.bench.ts';
import { detectPhi } from '../src/index.ts';
import { parseMarkupFile } from './markup.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS_MB = Number(process.env.SAME_OUTPUT_CORPUS_MB ?? 20);
const SINGLE_LINE_MB = [1, 4];

/** One line of the record per input: its hits, compact. */
function hitsLine(text: string): string {
  return detectPhi(text)
    .map((h) => `${h.type}:${h.start}-${h.end}@${h.confidence}`)
    .join(' ');
}

function sections(): Map<string, { label: string; texts: string[] }> {
  const out = new Map<string, { label: string; texts: string[] }>();
  for (const file of readdirSync(here).filter((f) => f.endsWith('.txt')).sort()) {
    const cases = parseMarkupFile(readFileSync(join(here, file), 'utf8'), file);
    out.set(file, { label: file, texts: cases.map((c) => c.text) });
    // Sources are "file:line", so a difference is reported by where the case is, not by its text.
    out.get(file)!.label = cases.map((c) => c.source).join('\n');
  }
  const { lines } = corpus(CORPUS_MB);
  out.set('bench-lines', { label: '', texts: lines });
  for (const mb of SINGLE_LINE_MB) out.set(`bench-single-${mb}MB`, { label: '', texts: [joinedLine(lines, mb)] });
  return out;
}

function main(): void {
  const [mode, dir] = process.argv.slice(2);
  if ((mode !== 'record' && mode !== 'check') || !dir) {
    console.error('usage: same-output.ts record|check DIR');
    process.exitCode = 2;
    return;
  }
  mkdirSync(dir, { recursive: true });
  let differing = 0;
  for (const [name, { label, texts }] of sections()) {
    const start = process.cpuUsage();
    const got = texts.map(hitsLine);
    const cpu = process.cpuUsage(start);
    const digest = createHash('sha256').update(got.join('\n')).digest('hex').slice(0, 16);
    const file = join(dir, `${name}.hits`);
    const seconds = ((cpu.user + cpu.system) / 1e6).toFixed(2);
    if (mode === 'record') {
      writeFileSync(file, got.join('\n'));
      console.log(`${name}: ${texts.length} inputs, ${digest} (${seconds} s CPU)`);
      continue;
    }
    const want = readFileSync(file, 'utf8').split('\n');
    const sources = label.split('\n');
    const diffs: string[] = [];
    for (let i = 0; i < Math.max(want.length, got.length); i++) {
      if (want[i] !== got[i]) diffs.push(sources[i] || `${name}#${i + 1}`);
    }
    differing += diffs.length;
    console.log(`${name}: ${diffs.length === 0 ? 'same' : `${diffs.length} DIFFER (${diffs.slice(0, 10).join(', ')}${diffs.length > 10 ? ', ...' : ''})`} (${seconds} s CPU)`);
  }
  if (mode === 'check') {
    console.log(differing === 0 ? 'all outputs identical' : `${differing} inputs differ`);
    process.exitCode = differing === 0 ? 0 : 1;
  }
}

main();
