// Quick development figures by the output rule (eval/score-output.ts) for named development sets.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactPhi } from '../src/index.ts';
import { parseMarkupFile } from './markup.ts';
import { isHeldOut } from './score.ts';
import { scoreOutputs } from './score-output.ts';

const here = dirname(fileURLToPath(import.meta.url));
for (const file of process.argv.slice(2)) {
  if (isHeldOut(basename(file))) throw new Error(`${file} is held out: not scored here`);
  const s = scoreOutputs(parseMarkupFile(readFileSync(join(here, basename(file)), 'utf8'), file), (t) => redactPhi(t));
  console.log(`${file}: recall ${s.recall.toFixed(3)}  over-redaction ${(s.overRedaction * 100).toFixed(2)}%  OP intact ${s.operationalIntactRate.toFixed(3)}`);
}
