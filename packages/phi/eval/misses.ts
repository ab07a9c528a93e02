// `npx tsx --conditions=source packages/phi/eval/misses.ts FILE... [--type T] [--op] [--over]`:
// lists, for DEVELOPMENT sets only, every labelled identifier @chaperone/phi left (partly)
// unredacted, grouped by type, by the same output rule as eval/score-output.ts; `--op`
// lists the operational tokens it changed, `--over` the ordinary words it changed. Prints
// values: never run it on a held-out set (a blind set nobody has tuned on is refused).
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactPhi } from '../src/index.ts';
import { parseMarkupFile } from './markup.ts';
import { isHeldOut } from './score.ts';
import { keptMask } from './score-output.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const typeFilter = args.includes('--type') ? args[args.indexOf('--type') + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--type');
const ALNUM = /[\p{L}\p{N}]/u;
const WORD = /[\p{L}\p{N}]+/gu;


const byType = new Map<string, string[]>();
for (const file of files) {
  if (isHeldOut(basename(file))) throw new Error(`${file} is held out: not listed`);
  for (const c of parseMarkupFile(readFileSync(join(here, basename(file)), 'utf8'), basename(file))) {
    const out = redactPhi(c.text);
    const kept = keptMask(c.text, out);
    const labelled = new Uint8Array(c.text.length);
    for (const g of c.gold) {
      labelled.fill(1, g.start, g.end);
      let key: string | undefined;
      if (g.type === 'OP') {
        if (args.includes('--op') && !kept.subarray(g.start, g.end).every((k) => k === 1)) key = 'OP';
      } else {
        let anyKept = false;
        for (let i = g.start; i < g.end && !anyKept; i++) anyKept = kept[i] === 1 && ALNUM.test(c.text[i] as string);
        if (anyKept) key = g.type;
      }
      if (key === undefined || (typeFilter && key !== typeFilter)) continue;
      const list = byType.get(key) ?? [];
      list.push(`${c.source}  [${g.value}]\n      in: ${c.text}\n     out: ${out}`);
      byType.set(key, list);
    }
    if (args.includes('--over')) {
      for (const m of c.text.matchAll(WORD)) {
        const s = m.index;
        const e = s + m[0].length;
        if (labelled.subarray(s, e).some((l) => l === 1)) continue;
        if (kept.subarray(s, e).some((k) => k === 0)) {
          const list = byType.get('OVER') ?? [];
          list.push(`${c.source}  [${m[0]}]\n     out: ${out}`);
          byType.set('OVER', list);
        }
      }
    }
  }
}
for (const [type, list] of [...byType.entries()].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n=== ${type}: ${list.length}`);
  for (const l of list) console.log(`  ${l}`);
}
