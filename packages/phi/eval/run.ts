// `npm run eval:phi`: scores @chaperone/phi on the labelled eval set, prints the table,
// exits 1 below target (recall >= 0.95 and precision >= 0.90 on structured types, recall
// >= 0.85 on names, operational tokens 100% untouched). Prints sources, never values.
import { detectPhi } from '../src/detect.ts';
import { evaluate, formatReport } from './score.ts';

const report = evaluate((text) => detectPhi(text));
console.log(formatReport(report));
if (process.argv.includes('--verbose')) {
  for (const m of report.misses) console.log(`miss  ${m}`);
  for (const f of report.falsePositives) console.log(`false ${f}`);
}
if (report.failures.length > 0) {
  console.log(`\nBELOW TARGET:\n  ${report.failures.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('\nall targets met');
}
