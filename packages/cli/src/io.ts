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

// A reader that leaves early (`chaperone redact < log | head`) closes the pipe. Unix tools
// die of SIGPIPE there, silently, with status 141 (128 + 13); Node instead throws EPIPE with
// a stack trace. Exit the way the tools around us do, and let any other write error surface.
const SIGPIPE_STATUS = 141;
let closedPipeHandled = false;
function exitQuietlyOnClosedPipe(): void {
  if (closedPipeHandled) return;
  closedPipeHandled = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(SIGPIPE_STATUS);
    throw error;
  });
}

export function defaultIO(): CommandIO {
  exitQuietlyOnClosedPipe();
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
