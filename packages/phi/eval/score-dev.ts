// Quick development figures by the output rule (eval/score-output.ts) for named development sets.
// `--types` adds recall per type (gold count, recall) under each set's line.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactPhi } from '../src/index.ts';
import { parseMarkupFile } from './markup.ts';
import { isHeldOut } from './score.ts';
import { scoreOutputs } from './score-output.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
for (const file of args.filter((a) => !a.startsWith('--'))) {
  if (isHeldOut(basename(file))) throw new Error(`${file} is held out: not scored here`);
  const s = scoreOutputs(parseMarkupFile(readFileSync(join(here, basename(file)), 'utf8'), file), (t) => redactPhi(t));
  console.log(`${file}: recall ${s.recall.toFixed(3)}  over-redaction ${(s.overRedaction * 100).toFixed(2)}%  OP intact ${s.operationalIntactRate.toFixed(3)}`);
  if (args.includes('--types')) console.log(`  ${s.perType.map((t) => `${t.type} ${t.recall.toFixed(2)}/${t.gold}`).join('  ')}`);
}
