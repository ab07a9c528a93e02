// A scan killed with SIGKILL while it runs: the history before it stays intact and
// verifiable, the killed run is never marked complete, and the next scan records as usual.
// The scan runs as a real child process (bin/chaperone.js) against a slow twin.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '@chaperone/ledger';
import { startTwin } from '@chaperone/twin';
import { main } from '../../main.ts';
import { captureIO, FIXTURE } from '../../../../scan/test/integration/twin-scan.ts';
import { BACKENDS } from '../../../../ledger/test/backends.ts';

const BIN = fileURLToPath(new URL('../../../bin/chaperone.js', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(BACKENDS)('a scan killed with SIGKILL on $name', (backend) => {
  it('leaves the earlier history verifiable and its own run never complete', async () => {
    const f = await backend.fresh();
    cleanups.push(f.cleanup);
    const twin = await startTwin({ fixture: FIXTURE, faults: { latencyMs: 300 } });
    cleanups.push(() => twin.close());
    const env = {
      CHAPERONE_LEDGER: f.location,
      CHAPERONE_LEDGER_KEY: join(f.dir, 'ledger.key'),
      TWILIO_ACCOUNT_SID: twin.master.accountSid,
      TWILIO_AUTH_TOKEN: twin.master.authToken,
      CHAPERONE_TWILIO_BASE_URL: twin.baseUrl,
    };
    const cli = async (...argv: string[]) => {
      const io = captureIO(env, f.dir);
      return { code: await main(argv, io), out: io.out, err: io.err };
    };
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    const before = await cli('ledger', 'verify');
    expect(before.code).toBe(0);

    const child = spawn(process.execPath, [BIN, 'scan', '--no-progress'], { cwd: f.dir, env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const ledger = await Ledger.open(f.location, { cwd: f.dir });
    cleanups.push(() => ledger.close());
    await until('the child run to start', async () => (await ledger.db.selectFrom('scan_run').select('run_id').execute()).length === 2);
    // Still collecting (every request takes 300 ms): kill it mid-run.
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const runs = await ledger.db.selectFrom('scan_run').select(['run_id', 'state', 'end_seq']).orderBy('start_seq').execute();
    expect(runs[0]!.state).not.toBe('running');
    expect(runs[1]).toMatchObject({ state: 'running', end_seq: null });
    expect(await ledger.storageCheck()).toBe('ok');

    const after = await cli('ledger', 'verify');
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/^ledger intact: \d+ entries, 1 signed checkpoint; the last 1 entries are not yet signed/);
    // The next scan records and signs as usual, and the killed run stays as it was.
    expect((await cli('scan', '--demo', '--no-progress')).code).toBe(1);
    expect((await cli('ledger', 'verify')).out).toMatch(/^ledger intact: \d+ entries, 2 signed checkpoints\n$/);
    expect(await ledger.db.selectFrom('scan_run').select('state').where('run_id', '=', runs[1]!.run_id).executeTakeFirst()).toEqual({ state: 'running' });
  }, 120_000);
});
