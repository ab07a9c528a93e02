// PHI redaction throughput and quality against the npm redactors a user would pick
// otherwise (`redact-pii`, `@openredaction/openredaction` with its HIPAA preset): same
// seeded log-like corpus, same run. Quality is measured on the labelled eval set with one
// rule for every tool: a PHI value is caught when it no longer appears in the output, an
// operational token is a false positive when it no longer appears intact.
// A peer too slow for the whole corpus is measured on a prefix (reported as <peer>.corpusMB).
import { createRequire } from 'node:module';
import { redactPhi } from '@chaperone/phi';
import { Gen, prng } from '../packages/phi/eval/generate.ts';
import { loadEvalCases, loadHeldoutCases } from '../packages/phi/eval/score.ts';
import type { EvalCase } from '../packages/phi/eval/markup.ts';
import { writeBenchResult } from './result.ts';

const CORPUS_MB = Number(process.env.PHI_BENCH_MB ?? 50);
const PEER_BUDGET_MS = Number(process.env.PHI_BENCH_PEER_MS ?? 20_000);
const SEED = 7;

type Redactor = (line: string) => string;

// ---- corpus: log lines with SIDs, timestamps, JSON payloads and some PHI -----------------

function logLine(g: Gen): string {
  const ts = g.timestamp();
  switch (g.int(0, 9)) {
    case 0:
      return `${ts} INFO message ${g.sid('SM')} to ${g.e164()} status=delivered price=-0.0079 segments=1`;
    case 1:
      return `${ts} WARN webhook ${g.errorCode()} for ${g.sid('CA')} request ${g.uuid()} latency=${g.int(20, 900)}ms`;
    case 2:
      return `${ts} DEBUG {"task_sid":"${g.sid('WT')}","attributes":"{\\"type\\":\\"inbound\\",\\"name\\":\\"${g.fullName()}\\",\\"from\\":\\"${g.e164()}\\"}","queue":"${g.sid('WQ')}"}`;
    case 3:
      return `${ts} INFO POST https://api.twilio.com/2010-04-01/Accounts/${g.sid('AC')}/Messages.json 201 sdk=${g.version()}`;
    case 4:
      return `${ts} INFO deploy ${g.version()} commit ${g.hex(40)} digest sha256:${g.hex(64)}`;
    case 5:
      return `${ts} ERROR support note: patient ${g.fullName()} DOB ${g.birthDate()} MRN ${g.mrn()} called from ${g.phone()}`;
    case 6:
      return `${ts} INFO {"event":"track","messageId":"${g.uuid()}","userId":"${g.uuid()}","properties":{"plan":"basic","count":${g.int(1, 99)}}}`;
    case 7:
      return `${ts} INFO flow ${g.sid('FW')} step send_reminder ${g.orderNumber()} ${g.ticketNumber()}`;
    case 8:
      return `${ts} WARN login from ${g.ip()} for ${g.email()} session ${g.uuid()}`;
    default:
      return `${ts} INFO worker ${g.sid('WK')} activity Available -> Offline reason="${g.pick(['break', 'end of shift', 'lunch'])}"`;
  }
}

export function corpus(megabytes: number): { lines: string[]; bytes: number } {
  const g = new Gen(prng(SEED));
  const lines: string[] = [];
  let bytes = 0;
  const target = megabytes * 1024 * 1024;
  while (bytes < target) {
    const line = logLine(g);
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return { lines, bytes };
}

// ---- the redactors ---------------------------------------------------------------------------

async function peers(): Promise<Record<string, Redactor>> {
  const require = createRequire(import.meta.url);
  const { SyncRedactor } = require('redact-pii') as { SyncRedactor: new () => { redact(t: string): string } };
  const { OpenRedaction } = (await import('@openredaction/openredaction')) as unknown as {
    OpenRedaction: new (o: object) => { detect(t: string): { redacted: string } };
  };
  const redactPii = new SyncRedactor();
  const openRedaction = new OpenRedaction({ preset: 'hipaa' });
  return {
    'redact-pii': (line) => redactPii.redact(line),
    '@openredaction/openredaction': (line) => openRedaction.detect(line).redacted,
  };
}

interface Speed {
  mbPerSecond: number;
  corpusMB: number;
}

// CPU time of this process (user + system), not wall time: the bench machine is shared, and
// wall time would charge each tool for other processes' load.
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function measureSpeed(redact: Redactor, lines: string[], budgetMs: number): Speed {
  // Warm-up on the first lines so JIT and lazy loading (name lists) are outside the timing.
  for (let i = 0; i < Math.min(2000, lines.length); i++) redact(lines[i] as string);
  let bytes = 0;
  let sink = 0;
  const start = cpuSeconds();
  const deadline = Number.isFinite(budgetMs) ? start + budgetMs / 1000 : undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    sink += redact(line).length;
    bytes += Buffer.byteLength(line) + 1;
    if (deadline !== undefined && (i & 255) === 0 && cpuSeconds() > deadline) break;
  }
  const seconds = cpuSeconds() - start;
  if (sink < 0) console.log('unreachable');
  return { mbPerSecond: bytes / (1024 * 1024) / seconds, corpusMB: bytes / (1024 * 1024) };
}

interface Quality {
  recall: number;
  falsePositiveRate: number;
}

// The held-out set (packages/phi/eval/HELDOUT.md) is reported beside the development set so
// the comparison with the peers is not only on lines written alongside our detector.
function measureQuality(redact: Redactor, cases: EvalCase[] = loadEvalCases()): Quality {
  let gold = 0;
  let caught = 0;
  let operational = 0;
  let touched = 0;
  for (const c of cases) {
    const out = redact(c.text);
    for (const g of c.gold) {
      if (g.type === 'OP') {
        operational++;
        if (!out.includes(g.value)) touched++;
      } else {
        gold++;
        if (!out.includes(g.value)) caught++;
      }
    }
  }
  return { recall: caught / gold, falsePositiveRate: touched / operational };
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const { lines, bytes } = corpus(CORPUS_MB);
  console.log(`corpus: ${lines.length} lines, ${(bytes / 1024 / 1024).toFixed(1)} MB (seed ${SEED})`);
  const ours: Redactor = (line) => redactPhi(line);
  const metrics: Record<string, number | string | boolean> = {};

  const speed = measureSpeed(ours, lines, Number.POSITIVE_INFINITY);
  const quality = measureQuality(ours);
  const heldoutCases = loadHeldoutCases();
  const heldout = measureQuality(ours, heldoutCases);
  Object.assign(metrics, {
    mbPerSecond: round(speed.mbPerSecond, 2),
    corpusMB: round(speed.corpusMB, 1),
    recall: round(quality.recall),
    falsePositiveRate: round(quality.falsePositiveRate),
    'heldout.recall': round(heldout.recall),
    'heldout.falsePositiveRate': round(heldout.falsePositiveRate),
  });
  console.log(`@chaperone/phi: ${speed.mbPerSecond.toFixed(2)} MB/s on ${speed.corpusMB.toFixed(1)} MB, recall ${quality.recall.toFixed(3)}, FP rate ${quality.falsePositiveRate.toFixed(3)}; held-out recall ${heldout.recall.toFixed(3)}, FP rate ${heldout.falsePositiveRate.toFixed(3)}`);

  let beatsAll = true;
  for (const [name, redact] of Object.entries(await peers())) {
    const s = measureSpeed(redact, lines, PEER_BUDGET_MS);
    const q = measureQuality(redact);
    const h = measureQuality(redact, heldoutCases);
    metrics[`${name}.heldout.recall`] = round(h.recall);
    metrics[`${name}.heldout.falsePositiveRate`] = round(h.falsePositiveRate);
    metrics[`${name}.mbPerSecond`] = round(s.mbPerSecond, 2);
    metrics[`${name}.corpusMB`] = round(s.corpusMB, 1);
    metrics[`${name}.recall`] = round(q.recall);
    metrics[`${name}.falsePositiveRate`] = round(q.falsePositiveRate);
    metrics[`speedRatio.${name}`] = round(speed.mbPerSecond / s.mbPerSecond, 1);
    const better = speed.mbPerSecond > s.mbPerSecond && quality.recall > q.recall && quality.falsePositiveRate < q.falsePositiveRate;
    beatsAll &&= better;
    console.log(
      `${name}: ${s.mbPerSecond.toFixed(2)} MB/s on ${s.corpusMB.toFixed(1)} MB${s.corpusMB < speed.corpusMB ? ' (prefix)' : ''}, recall ${q.recall.toFixed(3)}, FP rate ${q.falsePositiveRate.toFixed(3)}; held-out recall ${h.recall.toFixed(3)}, FP rate ${h.falsePositiveRate.toFixed(3)}`,
    );
  }
  metrics.beatsAllPeers = beatsAll;
  console.log(`wrote ${writeBenchResult('phi', metrics)}`);
  if (!beatsAll) process.exitCode = 1;
}

if (process.argv[1]?.endsWith('phi.bench.ts')) await main();
