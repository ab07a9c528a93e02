import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/chaperone.js', import.meta.url));

describe('a reader that closes the pipe early', () => {
  it('ends redact quietly with the SIGPIPE status, as Unix tools do, without a stack trace', async () => {
    const child = spawn(process.execPath, [bin, 'redact'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Close our end of stdout after the first chunk, as `| head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const line = 'Patient John Smith called from 415-555-0134 about his refill\n';
    const feed = (): void => {
      while (child.stdin.writable && child.stdin.write(line.repeat(500)));
    };
    child.stdin.on('drain', feed);
    child.stdin.on('error', () => undefined);
    feed();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  }, 30_000);
});
