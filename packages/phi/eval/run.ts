// `npm run eval:phi`: scores @chaperone/phi on the DEVELOPMENT material (generated.txt +
// handwritten.txt, and heldout.txt of 2026-11, which was tuned on and so is development
// material too), prints the tables, exits 1 when the first is below target (recall >= 0.95
// and precision >= 0.90 on structured types, recall >= 0.85 on names, operational tokens 100%
// untouched). Prints sources only with --verbose, never values.
//
// `--compare`: the same development material, @chaperone/phi and the peers judged by their
// output alone (eval/score-output.ts): recall per type, over-redaction, operational intact.
//
// `--heldout [FILE]`: a blind set, @chaperone/phi and the peers in one run, by the output rule,
// each tool in a child process with a 10 s watchdog per case. Without FILE, the newest blind set
// present (score.ts BLIND_SETS: heldout-2026-12f.txt), labelled held out or
// development (tuned on) as it is; FILE is a name in this folder or a path. `--heldout-b` ..
// `--heldout-f` name heldout-2026-12b.txt .. 12f.txt. Aggregate figures only: no value, no line,
// no miss is ever printed, so a held-out set stays held out. Meant to be run once, on the final code.
import { detectPhi, redactPhi } from '../src/index.ts';
import { peerRedactors, type Redactor } from './peers.ts';
import { basename } from 'node:path';
import { BLIND_SETS, evaluate, formatReport, loadCasesFile, loadEvalCases, loadFormerHeldoutCases, loadNewestBlindSet } from './score.ts';
import { boundedOutputs, TOOL_NAMES } from './bounded.ts';
import { formatComparison, scoreOutputs, type OutputScore } from './score-output.ts';
import type { EvalCase } from './markup.ts';

const verbose = process.argv.includes('--verbose');

async function compare(title: string, cases: EvalCase[]): Promise<void> {
  const tools: Record<string, Redactor> = { '@chaperone/phi': (text) => redactPhi(text), ...(await peerRedactors()) };
  const scores: Record<string, OutputScore> = {};
  for (const [name, redact] of Object.entries(tools)) scores[name] = scoreOutputs(cases, redact);
  console.log(formatComparison(title, scores));
}

function chosenBlindSet(): { title: string; cases: EvalCase[] } | undefined {
  const args = process.argv.slice(2);
  const lettered = args.map((a) => /^--heldout-([a-z])$/.exec(a)?.[1]).find((l) => l !== undefined);
  if (lettered !== undefined) {
    const file = `heldout-2026-12${lettered}.txt`;
    const known = BLIND_SETS.find((s) => s.file === file);
    return { title: `${file}${known?.tunedOn ? ', development (tuned on)' : ''}`, cases: loadCasesFile(file) };
  }
  const at = args.indexOf('--heldout');
  if (at < 0) return undefined;
  const file = args[at + 1];
  if (file !== undefined && !file.startsWith('--')) return { title: basename(file), cases: loadCasesFile(file) };
  const newest = loadNewestBlindSet();
  return { title: newest.label, cases: newest.cases };
}

let blindSet: ReturnType<typeof chosenBlindSet>;
try {
  blindSet = chosenBlindSet();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
if (blindSet) {
  // Each tool in a child process with a 10 s watchdog per case: a hang counts as nothing redacted.
  const { cases } = blindSet;
  const scores: Record<string, OutputScore> = {};
  for (const tool of TOOL_NAMES) {
    const { redactor, timedOut } = await boundedOutputs(tool, cases);
    scores[tool] = scoreOutputs(cases, redactor);
    console.log(`${tool}: ${timedOut} of ${cases.length} cases did not finish within 10 s (scored as unredacted)`);
  }
  console.log(formatComparison(`BLIND SET ${blindSet.title} (output rule)`, scores));
} else if (process.argv.includes('--compare')) {
  await compare('development: generated + handwritten (output rule)', loadEvalCases());
  console.log('');
  await compare('development: heldout.txt of 2026-11, tuned on (output rule)', loadFormerHeldoutCases());
} else {
  const detect = (text: string) => detectPhi(text);
  const report = evaluate(detect);
  console.log(formatReport(report, 'PHI eval (development set: generated + handwritten)'));
  if (verbose) {
    for (const m of report.misses) console.log(`miss  ${m}`);
    for (const f of report.falsePositives) console.log(`false ${f}`);
  }
  const former = evaluate(detect, loadFormerHeldoutCases());
  console.log(`\n${formatReport(former, 'PHI eval (development set: heldout.txt of 2026-11, tuned on since)')}`);
  if (verbose) {
    for (const m of former.misses) console.log(`miss  ${m}`);
    for (const f of former.falsePositives) console.log(`false ${f}`);
  }
  if (former.failures.length > 0) console.log(`heldout.txt below the development targets:\n  ${former.failures.join('\n  ')}`);
  if (report.failures.length > 0) {
    console.log(`\nBELOW TARGET (development set):\n  ${report.failures.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('\ndevelopment set: all targets met');
  }
}
