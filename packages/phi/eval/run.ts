// `npm run eval:phi`: scores @chaperone/phi on the labelled development set and, separately, on
// the held-out set (heldout.txt), prints both tables, exits 1 when the development set is below
// target (recall >= 0.95 and precision >= 0.90 on structured types, recall >= 0.85 on names,
// operational tokens 100% untouched). The held-out set is reported, not gated here: its floors
// live in test/eval.test.ts. Prints sources, never values.
import { detectPhi } from '../src/index.ts';
import { evaluate, formatReport, loadHeldoutCases } from './score.ts';

const verbose = process.argv.includes('--verbose');
const detect = (text: string) => detectPhi(text);

const report = evaluate(detect);
console.log(formatReport(report, 'PHI eval (development set)'));
if (verbose) {
  for (const m of report.misses) console.log(`miss  ${m}`);
  for (const f of report.falsePositives) console.log(`false ${f}`);
}

const heldout = evaluate(detect, loadHeldoutCases());
console.log(`\n${formatReport(heldout, 'PHI eval (held-out set)')}`);
if (verbose) {
  for (const m of heldout.misses) console.log(`miss  ${m}`);
  for (const f of heldout.falsePositives) console.log(`false ${f}`);
}
if (heldout.failures.length > 0) console.log(`held-out below the development targets:\n  ${heldout.failures.join('\n  ')}`);

if (report.failures.length > 0) {
  console.log(`\nBELOW TARGET (development set):\n  ${report.failures.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('\ndevelopment set: all targets met');
}
