import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createDashboard } from '../src/app.tsx';
import { ManualClock } from '../src/clock.ts';
import { UserStore } from '../src/auth/users.ts';
import type { WebDatabase } from '../src/db/schema.ts';
import { ledgerPages } from '../src/routes.tsx';
import { attestationRoutes } from '../src/attestation-routes.tsx';
import { evidenceRoutes } from '../src/evidence-routes.tsx';
import type { DecisionBody } from '../src/data/decisions.ts';
import { Browser } from './helpers.ts';
import { LedgerFixture } from './ledger-fixture.ts';

const PASSWORD = 'correct horse battery';
const A = 'AC00000000000000000000000000000001';
let fixture: LedgerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function setup() {
  fixture = await LedgerFixture.create();
  await fixture.addRun({
    id: 'r1',
    accounts: [{ sid: A }],
    findings: [
      { control: 'TW-HTTPS', account: A, resource: 'PN1', status: 'fail' },
      { control: 'TW-CONSOLE-LOGOFF', account: A, resource: A, status: 'manual', severity: 'medium' },
    ],
  });
  const clock = new ManualClock(Date.UTC(2026, 11, 3, 9));
  const users = new UserStore(fixture.db as unknown as Kysely<WebDatabase>, clock);
  await users.add('vera', 'viewer', PASSWORD);
  await users.add('ana', 'attester', PASSWORD);
  const written: DecisionBody[] = [];
  const db = fixture.db;
  const app = createDashboard({
    db: db as unknown as Kysely<WebDatabase>,
    secure: false,
    clock,
    registerPages: (a, deps) => {
      ledgerPages(db, fixture!.ledger).register(a, deps);
      attestationRoutes(db, async (body) => {
        written.push(body);
        return { seq: 1000 + written.length, at: new Date(clock.now()).toISOString() };
      })(a, deps);
      evidenceRoutes(db, {})(a, deps);
    },
  });
  return { app, clock, written, browser: () => new Browser(app, clock) };
}

describe('pages over the ledger', () => {
  it('renders posture, findings, controls, accounts and evidence for a viewer', async () => {
    const { browser } = await setup();
    const b = browser();
    await b.signIn('vera', PASSWORD);
    const posture = await (await b.request('/')).text();
    expect(posture).toContain('1 account, each at its latest complete run');
    expect(posture).toContain('Drift shows once the ledger holds two complete runs.');
    const findings = await (await b.request('/findings?status=fail')).text();
    expect(findings).toContain('1 finding · page 1 of 1');
    expect(findings).toContain('TW-HTTPS');
    expect(findings).not.toContain('TW-CONSOLE-LOGOFF</a>');
    expect(await (await b.request('/controls/TW-HTTPS')).text()).toContain('Every resource, every account');
    expect((await b.request('/controls/NOPE')).status).toBe(404);
    expect(await (await b.request(`/accounts/${A}`)).text()).toContain('Shown from run <code>r1</code>');
    expect(await (await b.request('/evidence')).text()).toContain('No checkpoint yet');
  });

  it('lets an attester record an attestation (written through the writer) and refuses a viewer', async () => {
    const { browser, written } = await setup();
    const viewer = browser();
    await viewer.signIn('vera', PASSWORD);
    const page = await (await viewer.request('/attestations')).text();
    expect(page).toContain('Recording, renewing and revoking needs the attester role.');
    const token = await viewer.token('/attestations');
    const refused = await viewer.request('/attestations', { form: { _csrf: token, action: 'record', entry: 'attestation', control: 'TW-CONSOLE-LOGOFF', expires: '2027-01-01', reason: 'SSO timeout is 15 minutes' } });
    expect(refused.status).toBe(403);
    expect(written).toEqual([]);

    const attester = browser();
    await attester.signIn('ana', PASSWORD);
    const form = { _csrf: await attester.token('/attestations'), action: 'record', entry: 'attestation', control: 'TW-CONSOLE-LOGOFF', expires: '2027-01-01' };
    const phi = await attester.request('/attestations', { form: { ...form, reason: 'asked by patient Maria Lopez, 415-555-2671' } });
    expect(phi.status).toBe(400);
    const phiPage = await phi.text();
    expect(phiPage).toContain('seems to hold personal details (NAME, PHONE)');
    expect(phiPage).not.toContain('Maria Lopez');
    expect(written).toEqual([]);
    const ok = await attester.request('/attestations', { form: { ...form, reason: 'SSO timeout is 15 minutes' } });
    expect(ok.status).toBe(303);
    expect(written).toMatchObject([{ action: 'record', entry: 'attestation', control: 'TW-CONSOLE-LOGOFF', by: 'ana', expires: '2027-01-01' }]);
    const listed = await (await attester.request('/attestations?recorded=1')).text();
    expect(listed).toContain('Recorded in the ledger.');
    expect(listed).toContain('SSO timeout is 15 minutes');
    const yaml = await (await attester.request('/attestations/export.yaml')).text();
    expect(yaml).toContain('control: TW-CONSOLE-LOGOFF');
  });
});
