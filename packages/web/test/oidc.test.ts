// OIDC sign-in for real: a local OpenID Provider (the npm `oidc-provider`, its development
// login and consent pages) and the dashboard's `chaperone serve` server, Chromium doing the
// whole redirect flow. A user whose group maps to attester gets a server-side session with
// that role; a user in no mapped group, a callback this browser did not start and a
// tampered state are refused; the client secret shows on no page and in no log line.
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '@chaperone/ledger';
import { startDashboard, type RunningDashboard } from '../src/server.ts';

const CLIENT_ID = 'chaperone-dashboard';
const CLIENT_SECRET = 'oidc-test-secret-3b9f0c1e5d7a4f2b8c6e';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The provider's users and their groups. */
const ACCOUNTS: Record<string, { groups: string[]; name: string }> = {
  alice: { groups: ['staff', 'chaperone-attesters'], name: 'Alice Example' },
  bob: { groups: ['staff'], name: 'Bob Example' },
};

let dir: string;
let dashboard: RunningDashboard;
let idp: Server;
let browser: Browser;
const logs: string[] = [];
const seen: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-oidc-'));
  const location = { kind: 'sqlite' as const, path: join(dir, 'ledger.db') };
  await (await Ledger.open(location, { create: true })).close();
  const [idpPort, dashPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${idpPort}`;
  const publicUrl = `http://127.0.0.1:${dashPort}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${publicUrl}/login/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], profile: ['name', 'groups'] },
    findAccount: (_ctx, id) => (ACCOUNTS[id] ? { accountId: id, claims: () => ({ sub: id, name: ACCOUNTS[id]!.name, groups: ACCOUNTS[id]!.groups }) } : undefined),
    cookies: { keys: ['oidc-test-cookie-key'] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  idp = provider.listen(idpPort);
  dashboard = await startDashboard({
    location,
    port: dashPort,
    log: (line) => logs.push(line),
    oidc: { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, publicUrl, roles: { attester: ['chaperone-attesters'], admin: ['chaperone-admins'] }, label: 'Example SSO' },
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await new Promise((resolve) => (idp ? idp.close(resolve) : resolve(undefined)));
  rmSync(dir, { recursive: true, force: true });
});

async function page(): Promise<Page> {
  const p = await browser.newPage();
  p.on('response', async (res) => {
    if (res.url().startsWith(dashboard.url)) seen.push(`${res.url()}\n${JSON.stringify(res.headers())}\n${await res.text().catch(() => '')}`);
  });
  return p;
}

/** Through the provider's development login and consent pages (any password). */
async function viaProvider(p: Page, login: string): Promise<void> {
  await p.goto(`${dashboard.url}/controls`);
  expect(new URL(p.url()).pathname).toBe('/login');
  await p.getByRole('link', { name: 'Sign in with Example SSO' }).click();
  await p.locator('input[name=login]').fill(login);
  await p.locator('input[name=password]').fill('anything');
  await p.locator('button[type=submit]').click();
  await p.locator('button[type=submit]:has-text("Continue")').click();
}

describe('sign-in through an OpenID Connect provider', () => {
  it('signs a user in with the role its group maps to, in a server-side session, back where they were going', async () => {
    const p = await page();
    await viaProvider(p, 'alice');
    await p.waitForURL(`${dashboard.url}/controls`);
    expect(await p.locator('h1').textContent()).toBe('Controls');
    expect(await p.locator('header .who').textContent()).toBe('oidc:alice (attester)');
    // The same sessions as a password sign-in: a Strict, HttpOnly cookie naming a row of web_session.
    const cookie = (await p.context().cookies()).find((c) => c.name === 'chaperone-session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const rows = await dashboard.ledger.db.selectFrom('web_session' as never).select(['username' as never]).execute();
    expect(rows).toEqual([{ username: 'oidc:alice' }]);
    // An attester's page works; the pending sign-in cookie is gone.
    await p.goto(`${dashboard.url}/attestations`);
    expect(await p.getByRole('button', { name: 'Record' }).count()).toBe(1);
    expect((await p.context().cookies()).some((c) => c.name === 'chaperone-oidc')).toBe(false);
    // No password can sign in as the provider's user.
    const res = await p.request.post(`${dashboard.url}/login`, { headers: { origin: dashboard.url }, form: { username: 'oidc:alice', password: 'anything at all long' } });
    expect(res.status()).toBe(401);
    await p.close();
  });

  it('refuses a user whose groups map to no role, and opens no session', async () => {
    const p = await page();
    await viaProvider(p, 'bob');
    await p.waitForURL(/\/login\/oidc\/callback/);
    expect(await p.getByRole('alert').textContent()).toContain('grants no role in this dashboard');
    await p.goto(`${dashboard.url}/`);
    expect(new URL(p.url()).pathname).toBe('/login');
    await p.close();
  });

  it('refuses a callback this browser did not start, and one whose state was changed', async () => {
    const p = await page();
    await p.goto(`${dashboard.url}/login/oidc/callback?code=forged&state=forged`);
    expect(await p.getByRole('alert').textContent()).toContain('This sign-in was not started here');
    // Started here, but the provider's answer comes back with another state.
    await p.goto(`${dashboard.url}/login/oidc`);
    await p.waitForURL((u) => !u.href.startsWith(dashboard.url));
    await p.goto(`${dashboard.url}/login/oidc/callback?code=forged&state=changed`);
    expect(await p.getByRole('alert').textContent()).toContain('The identity provider did not sign you in');
    await p.goto(`${dashboard.url}/`);
    expect(new URL(p.url()).pathname).toBe('/login');
    await p.close();
  });

  it('never shows or logs the client secret', () => {
    expect(seen.length).toBeGreaterThan(5);
    expect(logs.some((l) => l.includes('OIDC sign-in refused'))).toBe(true);
    for (const text of [...seen, ...logs]) expect(text).not.toContain(CLIENT_SECRET);
  });
});
