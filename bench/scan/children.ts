// The conducting side of the scan benchmarks (scan.bench.ts, scale.bench.ts): the twin and
// every measured party run as child processes; these start them and read their answers.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TwinAnswer, TwinInfo, TwinQuestion } from './twin.ts';

/** What every measured child reports (measure.ts's reportRun), beside its own figures. */
export interface Run {
  wallSeconds: number;
  cpuSeconds: number;
  peakMB: number;
  eventLoopUtilization: number;
  requests: number;
  throttled: number;
  [key: string]: unknown;
}

export interface Twin {
  info: TwinInfo;
  ask(question: TwinQuestion): Promise<TwinAnswer>;
  stop(): void;
}

export interface TwinSetup {
  subaccounts: number;
  latencyMs: number;
  perAccountLimit: number;
  /** Keep every request served until asked to hand them over (`take`). */
  record?: boolean;
}

/** The next message of `child`; rejects if it exits first. */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) before answering`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve(m as T);
    });
  });
}

/** A generated organisation behind the twin (twin.ts), in a process of its own. */
export async function startTwin({ subaccounts, latencyMs, perAccountLimit, record = false }: TwinSetup): Promise<Twin> {
  const env = { ...process.env, SCAN_TWIN_SUBACCOUNTS: String(subaccounts), SCAN_TWIN_LATENCY_MS: String(latencyMs), SCAN_TWIN_PER_ACCOUNT_LIMIT: String(perAccountLimit), SCAN_TWIN_RECORD: record ? '1' : '0' };
  const child = fork(fileURLToPath(new URL('./twin.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], env });
  const first = await nextMessage<TwinAnswer>(child);
  if (first.type !== 'info') throw new Error('twin child did not start');
  return {
    info: first.info,
    ask(question) {
      const answer = nextMessage<TwinAnswer>(child);
      child.send(question);
      return answer;
    },
    stop: () => child.send({ type: 'stop' } satisfies TwinQuestion),
  };
}

/** One measured child in a fresh process: runs `script` with `args`, resolves with its report once it exited. */
export async function runChild(script: string, args: string[], execArgv: string[] = []): Promise<Run> {
  const child = fork(script, args, { execArgv: [...execArgv, '--import', 'tsx'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const result = await nextMessage<Run>(child);
  await exited;
  return result;
}
