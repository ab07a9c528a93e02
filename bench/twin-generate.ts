// Child process of bench/twin.bench.ts: generates 10,000 subaccounts x 20 resources once
// and reports the time and the kernel's peak resident set (VmHWM), which no sampling
// interval can miss; the parent samples this process's RSS from outside as well.
import { readFileSync } from 'node:fs';
import { generateOrganisation } from '@chaperone/twin';
import { catalog } from '../packages/twin/src/spec/catalog.ts';

export const SUBACCOUNTS = 10_000;
export const RESOURCES = 20;

function statusMB(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) / 1024;
}

if (process.argv[1]?.endsWith('twin-generate.ts')) {
  catalog(); // the specs load once per process; not part of generation
  (globalThis as { gc?: () => void }).gc?.();
  const baselineMB = statusMB('VmRSS');
  const started = performance.now();
  const org = generateOrganisation({ subaccounts: SUBACCOUNTS, resources: RESOURCES, seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  (globalThis as { gc?: () => void }).gc?.();
  const retainedMB = statusMB('VmRSS');
  // Read last, so it covers generation, the collection after it and the retained state.
  const peakMB = statusMB('VmHWM');
  if (org.subaccounts.length !== SUBACCOUNTS) throw new Error('generation built the wrong number of subaccounts');
  process.send!({ seconds, peakMB, retainedMB, baselineMB }, () => process.exit(0));
}
