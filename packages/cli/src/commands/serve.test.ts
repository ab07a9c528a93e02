// The README's way to look at results, as a newcomer types it, from an empty directory and
// without a terminal: `chaperone scan --demo && chaperone user add admin --role admin`
// (password piped on stdin) `&& chaperone serve`, then sign in and see the posture; once on
// the default SQLite ledger, once on PostgreSQL (`--ledger postgres://...`, a schema of its own).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedgerDb, parseLedgerLocation } from '@chaperone/ledger';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/chaperone.js');
const PG_URL = process.env.CHAPERONE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'a long demo passphrase';
/** The demo fixture's patient details and tokens: none may be on a page or in the server's output. */
const FORBIDDEN = ['Maria Delgado', '1957-03-14', '00482915', 'Robert Chen', 'SUPERSECRET', 'deadbeefdeadbeef', 'sgp_twin_clinic_demo_token', PASSWORD];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs the CLI in `cwd` with no terminal (stdin a pipe) and an environment without CHAPERONE_LEDGER. */
function chaperone(cwd: string, args: string[], stdin = '') {
  const env = { ...process.env };
  delete env.CHAPERONE_LEDGER;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env, input: stdin, encoding: 'utf8', timeout: 120_000 });
}

/** Starts `chaperone serve`, resolves with its URL (the line it prints); stopped with SIGTERM after the test. */
async function serve(cwd: string, args: string[]): Promise<{ url: string; output: () => string }> {
  const env = { ...process.env };
  delete env.CHAPERONE_LEDGER;
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /Dashboard at (http:\/\/\S+) /.exec(output);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`chaperone serve exited ${code}: ${output.split('\n')[0]}`)));
  });
  return { url, output: () => output };
}

/** Signs in with the form as a browser would (same-origin), returns the session cookie. */
async function signIn(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('chaperone-session='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

async function page(url: string, path: string, cookie: string): Promise<string> {
  const res = await fetch(`${url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
  expect(res.status, path).toBe(200);
  return res.text();
}

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-serve-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function looksAtTheDemo(dir: string, ledgerArgs: string[]): Promise<void> {
  const scan = chaperone(dir, ['scan', '--demo', '--no-progress', '--format', 'json', '--output', 'demo.json', ...ledgerArgs]);
  // Exit 1: the demo has failing findings on purpose.
  expect(scan.status, scan.stderr).toBe(1);
  const report = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as { scan: { accounts: unknown[] }; findings: { status: string }[] };
  const failing = report.findings.filter((f) => f.status === 'fail').length;
  expect(failing).toBeGreaterThan(0);
  const add = chaperone(dir, ['user', 'add', 'admin', '--role', 'admin', ...ledgerArgs], `${PASSWORD}\n`);
  expect(add.status, add.stderr).toBe(0);
  expect(add.stdout).toContain('Added admin (admin)');
  const server = await serve(dir, ledgerArgs);
  const cookie = await signIn(server.url, 'admin');
  const posture = await page(server.url, '/', cookie);
  expect(posture).toContain('<h1>Posture</h1>');
  // The scan's own figures: every account, every failing finding.
  expect(posture).toContain(`${report.scan.accounts.length} accounts, each at its latest complete run; 1 run recorded`);
  expect(posture).toContain(`<strong>${failing}</strong><span class="pill s-fail">fail</span>`);
  const evidence = await page(server.url, '/evidence', cookie);
  expect(evidence).toContain('Download the export bundle');
  for (const text of [posture, evidence, server.output()]) for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
}

describe('chaperone scan --demo, user add, serve (the README way to look at results)', () => {
  it('works from an empty directory on the default ledger, the password piped', async () => {
    await looksAtTheDemo(workdir(), []);
  }, 120_000);

  it('works on a PostgreSQL ledger (--ledger postgres://...?schema=)', async () => {
    const schema = `web_serve_${randomBytes(5).toString('hex')}`;
    const url = `${PG_URL}?schema=${schema}`;
    const dir = workdir();
    cleanups.push(async () => {
      // Through the schema's own ledger connection (opening the bare URL with create would make a ledger in public).
      const db = await openLedgerDb(parseLedgerLocation(url, dir));
      try {
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(db.db);
      } finally {
        await db.close();
      }
    });
    await looksAtTheDemo(dir, ['--ledger', url]);
  }, 120_000);
});
