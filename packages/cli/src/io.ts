// Streams a command writes to, injectable so tests capture output without spawning processes.
export interface CommandIO {
  stdout(text: string): void;
  /** Raw bytes to stdout (a redactor must not re-encode what it does not change); falls back to `stdout` when absent. */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  stdin: NodeJS.ReadableStream;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function defaultIO(): CommandIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stdoutBytes: (bytes) => void process.stdout.write(bytes),
    stderr: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}
