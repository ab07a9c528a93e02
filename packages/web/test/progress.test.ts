// Scan progress on the posture page, from the entries a running scan writes (the ledger's
// own recorder: run.start, then each account's findings and its run.account), and the
// page's poll of it, which is not activity.
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun, type RunRecorder } from '@chaperone/ledger';
import type { Finding } from '@chaperone/scan';
import { createDashboard } from '../src/app.tsx';
import { ManualClock } from '../src/clock.ts';
import { UserStore } from '../src/auth/users.ts';
import type { WebDatabase } from '../src/db/schema.ts';
import { ledgerPages } from '../src/routes.tsx';
import { runningRuns, QUIET_MS } from '../src/data/progress.ts';
import { BACKGROUND_HEADER } from '../src/auth/idle.ts';
import { Browser } from './helpers.ts';
import { LedgerFixture } from './ledger-fixture.ts';
import { Redis } from 'ioredis';
import { parseQueueUrl, runKeys, runProgressReader, type RunProgress } from '@chaperone/scan/distributed';

const PASSWORD = 'correct horse battery';
const START = Date.UTC(2026, 11, 3, 9);
const A = 'AC00000000000000000000000000000001';
const B = 'AC00000000000000000000000000000002';

let fixture: LedgerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function finding(account: string, sid: string): Finding {
  return { control: 'TW-HTTPS', status: 'fail', severity: 'high', account, platform: 'twilio', resource: { kind: 'api.phone_number', sid }, evidence: 'voice_url = http://clinic.example/voice', remediation: 'use https' };
}

async function running(clock: ManualClock): Promise<RunRecorder> {
  fixture = await LedgerFixture.create();
  const recorder = await startRun(fixture.ledger, { chaperoneVersion: '0.1.0', guideVersion: 'test', scope: { platforms: ['twilio'], accounts: [], demo: false }, now: () => new Date(clock.now()) });
  return recorder;
}

describe('scans in progress', () => {
  it('counts the accounts settled and findings recorded so far, and the time of the latest entry', async () => {
    const clock = new ManualClock(START);
    const recorder = await running(clock);
    expect(await runningRuns(fixture!.db, clock.now())).toMatchObject([{ runId: recorder.runId, settled: 0, findings: 0, lastAt: new Date(START).toISOString(), quiet: false }]);
    clock.advance(60_000);
    await recorder.account({ platform: 'twilio', sid: A, complete: true }, [finding(A, 'PN1'), finding(A, 'PN2')]);
    clock.advance(60_000);
    await recorder.account({ platform: 'twilio', sid: B, complete: false }, [finding(B, 'PN3')]);
    await recorder.flush();
    const [run] = await runningRuns(fixture!.db, clock.now());
    expect(run).toMatchObject({ settled: 2, complete: 1, findings: 3, platforms: ['twilio'], asked: 0, lastAt: new Date(START + 120_000).toISOString(), quiet: false });
    // A run killed half-way stays `running` in the ledger: quiet for long, it says so.
    expect((await runningRuns(fixture!.db, clock.now() + QUIET_MS + 60_000))[0]!.quiet).toBe(true);
    await recorder.end({ findings: [], scan: { complete: true, accounts: [], requests: 0, errors: [] } } as never);
    expect(await runningRuns(fixture!.db, clock.now())).toEqual([]);
  });

  it('shows them on the posture page and in the poll, which does not count as activity', async () => {
    const clock = new ManualClock(START);
    const recorder = await running(clock);
    await recorder.account({ platform: 'twilio', sid: A, complete: true }, [finding(A, 'PN1')]);
    await recorder.flush();
    const db = fixture!.db;
    await new UserStore(db as unknown as Kysely<WebDatabase>, clock).add('vera', 'viewer', PASSWORD);
    const app = createDashboard({ db: db as unknown as Kysely<WebDatabase>, secure: false, clock, idleTimeoutMs: 60_000, registerPages: (a, deps) => ledgerPages(db, fixture!.ledger).register(a, deps) });
    const b = new Browser(app, clock);
    await b.signIn('vera', PASSWORD);
    const posture = await (await b.request('/')).text();
    expect(posture).toContain('Scan in progress');
    expect(posture).toMatch(/<strong>1<\/strong> account settled \(1 complete\), 1 finding recorded so far/);
    expect(posture).toContain('No scan recorded yet');

    // The poll, every 10 s, does not keep the session: 65 s after the last page the 60 s timeout has ended it.
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      const poll = await b.request('/runs/progress', { headers: { [BACKGROUND_HEADER]: '1' } });
      expect(poll.status).toBe(200);
      expect(await poll.text()).toContain('account settled');
    }
    clock.advance(15_000);
    expect((await b.request('/runs/progress', { headers: { [BACKGROUND_HEADER]: '1', accept: 'application/json' } })).status).toBe(401);
  });

  it('shows a queued run per worker, with its ETA, from the planner\'s record in Redis (serve --queue), and the ledger\'s figures when Redis is away', async () => {
    const clock = new ManualClock(START);
    const recorder = await running(clock);
    await recorder.flush();
    const db = fixture!.db;
    await new UserStore(db as unknown as Kysely<WebDatabase>, clock).add('vera', 'viewer', PASSWORD);
    const prefix = `webtest${process.pid}x${Date.now()}`;
    const record: RunProgress = {
      run: recorder.runId,
      state: 'running',
      accountsDone: 40,
      accountsTotal: 100,
      requests: 2000,
      throttled: 12,
      etaSeconds: 600,
      workers: [
        { worker: 'scan-1:4242', done: 30, failed: 0, active: 4, requests: 1500, throttled: 12, updated: new Date(START).toISOString() },
        { worker: 'scan-2:77', done: 10, failed: 1, active: 0, requests: 500, throttled: 0, updated: new Date(START - 120_000).toISOString() },
      ],
      updated: new Date(START).toISOString(),
    };
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    await redis.connect();
    const reachable = runProgressReader(parseQueueUrl('redis://127.0.0.1:6379', prefix));
    const away = runProgressReader(parseQueueUrl('redis://127.0.0.1:1', prefix), 300);
    try {
      await redis.set(runKeys(prefix, recorder.runId).progress, JSON.stringify(record), 'EX', 60);
      const card = async (source?: (run: string) => Promise<RunProgress | undefined>) => {
        const app = createDashboard({ db: db as unknown as Kysely<WebDatabase>, secure: false, clock, idleTimeoutMs: 60_000, registerPages: (a, deps) => ledgerPages(db, fixture!.ledger, source).register(a, deps) });
        const b = new Browser(app, clock);
        await b.signIn('vera', PASSWORD);
        return (await b.request('/runs/progress', { headers: { [BACKGROUND_HEADER]: '1' } })).text();
      };
      const queued = await card((run) => reachable.read(run));
      expect(queued).toMatch(/Queue: <strong>40<\/strong> of 100 accounts done, 2,000 requests, 12 throttled \(429\), about 10 min left/);
      expect(queued).toMatch(/<li data-worker="scan-1:4242"><code>scan-1:4242<\/code>: 30 accounts done, 4 in hand, 1,500 requests, 12 throttled/);
      // The second worker wrote two minutes ago (workers write every second): silent, and its failed account counted.
      expect(queued).toMatch(/<li data-worker="scan-2:77">[^]*?, 1 failed<span class="bad"> silent since/);
      // Without --queue, or with a Redis that does not answer, the card is the ledger's alone.
      for (const source of [undefined, (run: string) => away.read(run)]) {
        const plain = await card(source);
        expect(plain).toContain('Scan in progress');
        expect(plain).not.toContain('Queue:');
      }
    } finally {
      await redis.del(runKeys(prefix, recorder.runId).progress);
      redis.disconnect();
      await reachable.close();
      await away.close();
    }
  });
});
