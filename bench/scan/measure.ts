// What every measured child of the scan benchmark reports about its own process.
import { readFileSync } from 'node:fs';

/** The kernel's high-water mark of this process's resident set, MB: a true peak, not a sample. */
export function peakRssMB(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) / 1024;
}

export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Runs `work`, then sends { wallSeconds, cpuSeconds, peakMB, eventLoopUtilization, ...its
 * result } to the parent. Event-loop utilization says whether the process was waiting (on
 * latency, on a limit: low) or had work queued all along (CPU-bound, or starved of CPU by
 * the rest of the machine: near 1); cpuSeconds / wallSeconds tells those two apart.
 */
export async function reportRun<T extends object>(work: () => Promise<T>): Promise<void> {
  const cpu = cpuSeconds();
  const started = performance.now();
  const loop = performance.eventLoopUtilization();
  const result = await work();
  const wallSeconds = (performance.now() - started) / 1000;
  const eventLoopUtilization = performance.eventLoopUtilization(loop).utilization;
  process.send!({ wallSeconds, cpuSeconds: cpuSeconds() - cpu, peakMB: peakRssMB(), eventLoopUtilization, ...result }, () => process.exit(0));
}
