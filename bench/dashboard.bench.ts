// Dashboard: the posture page of a ledger of 100 runs x 1,001 accounts x 44 findings
// (4.4 M findings), served over HTTP by `chaperone serve`'s server to a signed-in browser.
// The ledger's projection tables are filled by bulk SQL (the page reads those tables; the
// entry log itself is not read by it). Targets (issue 10): p95 <= 200 ms, page <= 200 KB.
// Reports the first load apart: it summarises the 100 runs once (later runs one each).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLedgerDb } from '@chaperone/ledger';
import { controls } from '@chaperone/controls';
import { migrateWeb, startDashboard, withUserStore } from '@chaperone/web';
import { writeBenchResult } from './result.ts';

const RUNS = Number(process.env.DASHBOARD_BENCH_RUNS ?? 100);
const ACCOUNTS = Number(process.env.DASHBOARD_BENCH_ACCOUNTS ?? 1_001);
const PER_ACCOUNT = 44;
const REQUESTS = Number(process.env.DASHBOARD_BENCH_REQUESTS ?? 200);
const PASSWORD = 'bench password 0123';

const controlIds = controls.slice(0, PER_ACCOUNT).map((c) => c.id);
const sid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;

/** A deterministic status per (run, account, control): a few fails and unknowns that move between runs. */
function status(run: number, account: number, control: number): string {
  const h = (account * 31 + control * 17) % 44;
  if (h < 3) return (run + account + control) % 5 === 0 ? 'pass' : 'fail';
  if (h < 5) return 'advisory';
  if (h === 5) return (run + account) % 7 === 0 ? 'unknown' : 'pass';
  if (h < 10) return 'manual';
  if (h === 10) return 'attested';
  if (h === 11) return 'muted';
  return 'pass';
}

function fill(path: string): number {
  const db = new Database(path);
  db.pragma('journal_mode = wal');
  db.pragma('synchronous = off');
  const run = db.prepare(
    `insert into scan_run (run_id, start_seq, started_at, end_seq, finished_at, state, chaperone_version, guide_version, scope, totals) values (?, ?, ?, ?, ?, 'complete', '0.1.0', 'bench', '{}', null)`,
  );
  const account = db.prepare('insert into scan_account (run_id, account, platform, complete, seq) values (?, ?, ?, 1, ?)');
  const finding = db.prepare(
    `insert into finding (seq, run_id, control, account, platform, resource_kind, resource_sid, status, severity, evidence, note) values (?, ?, ?, ?, 'twilio', 'api.incoming_phone_number', ?, ?, 'high', ?, null)`,
  );
  let seq = 0;
  for (let r = 0; r < RUNS; r++) {
    const runId = `2026${String(Math.floor(r / 28) + 1).padStart(2, '0')}${String((r % 28) + 1).padStart(2, '0')}T080000Z-${r.toString(16).padStart(6, '0')}`;
    const startedAt = new Date(Date.UTC(2026, 0, 1) + r * 86_400_000).toISOString();
    db.transaction(() => {
      const start = seq++;
      for (let a = 0; a < ACCOUNTS; a++) {
        const acct = sid('AC', a + 1);
        for (let c = 0; c < PER_ACCOUNT; c++) finding.run(seq++, runId, controlIds[c], acct, sid('PN', a * 64 + c), status(r, a, c), 'voice_url = https://hooks.example/voice');
        account.run(runId, acct, 'twilio', seq++);
      }
      run.run(runId, start, startedAt, seq++, startedAt);
    })();
  }
  db.close();
  return seq;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'bench', password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeGet(url: string, cookie: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie, accept: 'text/html' } });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t, bytes: body.byteLength, status: res.status };
}

const dir = mkdtempSync(join(tmpdir(), 'dashboard-bench-'));
const path = join(dir, 'ledger.db');
try {
  const created = await openLedgerDb({ kind: 'sqlite', path }, { create: true });
  await migrateWeb(created.db, 'sqlite');
  await created.close();
  let t = performance.now();
  const rows = fill(path);
  const fillSeconds = (performance.now() - t) / 1000;
  console.log(`filled ${RUNS} runs x ${ACCOUNTS} accounts (${rows.toLocaleString()} rows) in ${fillSeconds.toFixed(1)} s`);
  await withUserStore({ kind: 'sqlite', path }, {}, (u) => u.add('bench', 'viewer', PASSWORD));

  const dashboard = await startDashboard({ location: { kind: 'sqlite', path }, port: 0 });
  try {
    const cookie = await signIn(dashboard.url);
    t = performance.now();
    const first = await timeGet(`${dashboard.url}/`, cookie);
    const firstLoadSeconds = (performance.now() - t) / 1000;
    if (first.status !== 200) throw new Error(`posture page answered ${first.status}`);
    console.log(`first load (summarising ${RUNS} runs): ${firstLoadSeconds.toFixed(1)} s`);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await timeGet(`${dashboard.url}/`, cookie);
      if (r.status !== 200) throw new Error(`posture page answered ${r.status}`);
      times.push(r.ms);
      bytes = r.bytes;
    }
    times.sort((a, b) => a - b);
    const findings = await timeGet(`${dashboard.url}/findings?status=fail`, cookie);
    const control = await timeGet(`${dashboard.url}/controls/${controlIds[0]}`, cookie);
    const metrics = {
      runs: RUNS,
      accounts: ACCOUNTS,
      findings: RUNS * ACCOUNTS * PER_ACCOUNT,
      fillSeconds: Number(fillSeconds.toFixed(1)),
      firstLoadSeconds: Number(firstLoadSeconds.toFixed(2)),
      requests: REQUESTS,
      postureP50Ms: Number(percentile(times, 50).toFixed(1)),
      postureP95Ms: Number(percentile(times, 95).toFixed(1)),
      postureP99Ms: Number(percentile(times, 99).toFixed(1)),
      postureBytes: bytes,
      targetP95Met: percentile(times, 95) <= 200,
      targetBytesMet: bytes <= 200 * 1024,
      findingsFailPageMs: Number(findings.ms.toFixed(1)),
      findingsFailPageBytes: findings.bytes,
      controlPageMs: Number(control.ms.toFixed(1)),
      controlPageBytes: control.bytes,
    };
    console.log(metrics);
    const method =
      `A ledger of ${RUNS} runs x ${ACCOUNTS} accounts x ${PER_ACCOUNT} findings written by bulk SQL into the ledger's projection tables (scan_run, scan_account, finding); ` +
      `the dashboard served by startDashboard (the server of \`chaperone serve\`) on loopback; one signed-in client fetches the posture page ${REQUESTS} times in a row ` +
      'after a first load that summarises every run (reported apart); times are whole HTTP round trips including the session check and its write.';
    console.log(`wrote ${writeBenchResult('dashboard', { method, metrics, rounds: { postureMs: times } })}`);
  } finally {
    await dashboard.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
