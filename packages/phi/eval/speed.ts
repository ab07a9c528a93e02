// Dev tool for speed work: CPU-time MB/s of the detector alone (redactPhi, tag style) over the
// bench corpus (bench/phi.bench.ts), short lines and single long lines, several rounds;
// prints median and spread. Quicker than `npm run bench -- phi` (no peers, no scoring).
//
//   tsx --conditions=source packages/phi/eval/speed.ts [--lines MB] [--single 1,16] [--rounds N]
import { corpus } from '../../../bench/phi.bench.ts';
import { redactPhi } from '../src/index.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
};
const LINES_MB = Number(arg('lines', '5'));
const SINGLE = arg('single', '1,16').split(',').filter(Boolean).map(Number);
const ROUNDS = Number(arg('rounds', '5'));

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function summary(label: string, rates: number[]): void {
  const s = [...rates].sort((a, b) => a - b);
  console.log(`${label}: median ${(s[Math.floor(s.length / 2)] as number).toFixed(2)} MB/s (${(s[0] as number).toFixed(2)}..${(s[s.length - 1] as number).toFixed(2)}, ${s.length} rounds)`);
}

const { lines, bytes } = corpus(Math.max(LINES_MB, 1));
for (let i = 0; i < 2000; i++) redactPhi(lines[i] as string);
if (LINES_MB > 0) {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = cpu();
    let n = 0;
    for (const line of lines) n += redactPhi(line).length;
    rates.push(bytes / 2 ** 20 / (cpu() - start));
    if (n < 0) console.log('unreachable');
  }
  summary(`short lines (${(bytes / 2 ** 20).toFixed(1)} MB)`, rates);
}
for (const mb of SINGLE) {
  const target = mb * 2 ** 20;
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < target; i = (i + 1) % lines.length) {
    parts.push(lines[i] as string);
    length += (lines[i] as string).length + 1;
  }
  const line = parts.join(' ').slice(0, target);
  const rates: number[] = [];
  const rounds = mb >= 16 ? Math.max(1, Math.min(ROUNDS, 3)) : ROUNDS;
  for (let r = 0; r < rounds; r++) {
    const start = cpu();
    redactPhi(line);
    rates.push(mb / (cpu() - start));
  }
  summary(`single line ${mb} MB`, rates);
}
