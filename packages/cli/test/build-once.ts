// `npm run build` for the tests that need the built packages (packed tarballs, the
// twilio-cli plugin), one at a time: vitest runs test files in parallel processes and two
// `tsc -b` writing the same dist/ at once would read each other's half-written files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const STALE_MS = 15 * 60_000;

export async function buildOnce(repo: string): Promise<void> {
  const lock = join(tmpdir(), `chaperone-build-${createHash('sha256').update(repo).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run stops counting after STALE_MS.
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile: try again
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
