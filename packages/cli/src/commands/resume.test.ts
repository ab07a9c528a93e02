// `chaperone scan --resume RUN` after a `kill -9` mid-run: the accounts the killed run
// recorded are not collected again, none is recorded twice, and the resumed run's findings
// equal an uninterrupted scan of the same organisation.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ledger } from '@chaperone/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import { startTwin, type Twin } from '@chaperone/twin';
import { main } from '../main.ts';
import { captureIO } from '../../../scan/test/integration/twin-scan.ts';
import { BACKENDS } from '../../../ledger/test/backends.ts';

const BIN = fileURLToPath(new URL('../../bin/chaperone.js', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

type Row = { control: string; account: string; resource: { kind: string; sid: string }; status: string; severity: string; evidence: string };
const key = (f: Row) => `${f.control} ${f.account} ${f.resource.kind} ${f.resource.sid} ${f.status} ${f.severity} ${f.evidence}`;

/** Accounts recorded so far (scan_account rows) and how many distinct ones, read as any reader of the ledger would. */
async function recordedAccounts(location: string): Promise<{ accounts: number; distinct: number }> {
  let ledger: Ledger | undefined;
  try {
    ledger = await Ledger.open(location);
    const rows = await ledger.db.selectFrom('scan_account').select('account').execute();
    return { accounts: rows.length, distinct: new Set(rows.map((r) => r.account)).size };
  } catch {
    // Not created yet by the child.
    return { accounts: 0, distinct: 0 };
  } finally {
    await ledger?.close();
  }
}

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

describe('scan --resume', () => {
  it('continues a run killed with SIGKILL: nothing collected or recorded twice, the same findings as an uninterrupted run', async () => {
    // Each subaccount slower than the last, so they finish one after another and the kill
    // lands with some recorded and some not (the organisation is the same for every seed-5 twin).
    const generate = { subaccounts: 12, resources: 6, seed: 5 };
    const probe = await startTwin({ generate });
    const subaccounts = probe.accounts.filter((a) => a.ownerAccountSid).map((a) => a.sid);
    await probe.close();
    const twin: Twin = await startTwin({ generate, faults: { latencyMs: 20, accounts: Object.fromEntries(subaccounts.map((sid, i) => [sid, { latencyMs: 20 + 150 * i }])) } });
    cleanups.push(() => twin.close());
    const f = await sqlite.fresh();
    cleanups.push(f.cleanup);
    const env = { TWILIO_ACCOUNT_SID: twin.master.accountSid, TWILIO_AUTH_TOKEN: twin.master.authToken, CHAPERONE_TWILIO_BASE_URL: twin.baseUrl, CHAPERONE_LEDGER: f.location, CHAPERONE_LEDGER_KEY: join(f.dir, 'ledger.key') };
    const ledgerPath = f.location;

    // The run to kill: a child process, killed once a few accounts are in the ledger.
    const child = spawn(process.execPath, [BIN, 'scan', '--no-progress'], { env: { ...process.env, ...env }, cwd: f.dir, stdio: 'ignore' });
    const killedAt = await new Promise<number>((resolve, reject) => {
      let polling = false;
      const timer = setInterval(() => {
        if (polling) return;
        polling = true;
        void recordedAccounts(ledgerPath).then(({ accounts }) => {
          polling = false;
          if (accounts < 3 || child.signalCode) return;
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(accounts);
        });
      }, 25);
      child.once('exit', (code, signal) => {
        clearInterval(timer);
        if (signal !== 'SIGKILL') reject(new Error(`the scan ended (${code}) before it could be killed`));
      });
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    expect(killedAt).toBeLessThan(13);

    const history = captureIO(env, f.dir);
    expect(await main(['history', '--format', 'json'], history)).toBe(0);
    const { runs } = JSON.parse(history.out) as { runs: { run: string; state: string }[] };
    expect(runs).toHaveLength(1);
    expect(runs[0]!.state).toBe('running');

    const resumed = captureIO(env, f.dir);
    const code = await main(['scan', '--no-progress', '--resume', runs[0]!.run, '--format', 'json', '--output', 'resumed.json'], resumed);
    expect(resumed.err).toMatch(/resumed and recorded/);
    const recorded = await recordedAccounts(ledgerPath);
    expect(recorded.accounts).toBe(13);
    expect(recorded.distinct).toBe(13);

    const whole = captureIO({ ...env, CHAPERONE_LEDGER: 'off' }, f.dir);
    const wholeCode = await main(['scan', '--no-progress', '--format', 'json', '--output', 'whole.json'], whole);
    expect(code).toBe(wholeCode);
    const resumedFindings = (JSON.parse(readFileSync(join(f.dir, 'resumed.json'), 'utf8')) as { findings: Row[] }).findings.map(key);
    const wholeFindings = (JSON.parse(readFileSync(join(f.dir, 'whole.json'), 'utf8')) as { findings: Row[] }).findings.map(key);
    expect(resumedFindings).toEqual(wholeFindings);
    // The recorded accounts were not collected again: the resumed run asked for less.
    const requests = (file: string) => (JSON.parse(readFileSync(join(f.dir, file), 'utf8')) as { scan: { requests: number } }).scan.requests;
    expect(requests('resumed.json')).toBeLessThan(requests('whole.json'));

    const after = captureIO(env, f.dir);
    await main(['history', '--format', 'json'], after);
    expect((JSON.parse(after.out) as { runs: { state: string }[] }).runs[0]!.state).not.toBe('running');
  }, 120_000);
});
