// Runs a redactor over eval cases in a child process with a per-case watchdog, so a tool that
// never returns on one input (a hang is a finding, not a reason to drop the case) is scored
// as having redacted nothing there, and the run still ends. `boundedOutputs` returns each
// case's output keyed by its text, and the number of cases that hit the watchdog.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redactPhi } from '../src/index.ts';
import { peerRedactors, type Redactor } from './peers.ts';
import type { EvalCase } from './markup.ts';

export const TOOL_NAMES = ['@chaperone/phi', 'redact-pii', '@openredaction/openredaction'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

async function toolRedactor(tool: ToolName): Promise<Redactor> {
  if (tool === '@chaperone/phi') return (text) => redactPhi(text);
  const peers = await peerRedactors();
  return peers[tool] as Redactor;
}

interface Request { tool: ToolName; texts: string[]; from: number }
type Reply = { index: number; output: string } | { done: true };

export interface BoundedResult {
  redactor: Redactor;
  timedOut: number;
}

/** Outputs of `tool` on every case; a case that takes longer than `timeoutMs` counts as unredacted. */
export async function boundedOutputs(tool: ToolName, cases: readonly EvalCase[], timeoutMs = 10_000): Promise<BoundedResult> {
  const texts = cases.map((c) => c.text);
  const outputs: (string | undefined)[] = new Array(texts.length);
  let timedOut = 0;
  let from = 0;
  while (from < texts.length) {
    const stoppedAt = await new Promise<number>((resolve, reject) => {
      // The child inherits this process's execArgv, so it loads .ts files the same way.
      const child = fork(fileURLToPath(import.meta.url), ['--bounded-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let next = from;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => { child.kill('SIGKILL'); }, timeoutMs);
      };
      child.on('message', (reply: Reply) => {
        if ('done' in reply) { clearTimeout(timer); child.kill(); resolve(texts.length); return; }
        outputs[reply.index] = reply.output;
        next = reply.index + 1;
        arm();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (signal === 'SIGKILL') resolve(next);
        else if (next < texts.length && code !== 0) reject(new Error(`${tool} child exited with ${code}`));
        else resolve(texts.length);
      });
      arm();
      child.send({ tool, texts, from } satisfies Request);
    });
    if (stoppedAt >= texts.length) break;
    outputs[stoppedAt] = texts[stoppedAt];
    timedOut++;
    from = stoppedAt + 1;
  }
  const byText = new Map<string, string>();
  texts.forEach((t, i) => byText.set(t, outputs[i] ?? t));
  return { redactor: (text) => byText.get(text) ?? text, timedOut };
}

if (process.argv.includes('--bounded-child')) {
  process.once('message', async (req: Request) => {
    const redact = await toolRedactor(req.tool);
    for (let i = req.from; i < req.texts.length; i++) {
      process.send?.({ index: i, output: redact(req.texts[i] as string) } satisfies Reply);
    }
    process.send?.({ done: true } satisfies Reply, () => process.exit(0));
  });
}
