import { describe, expect, it } from 'vitest';
import { createDashboard, type DashboardApp } from '../src/app.tsx';
import { ManualClock } from '../src/clock.ts';
import { UserStore } from '../src/auth/users.ts';
import { ABSOLUTE_SESSION_MS, parseIdleTimeout } from '../src/auth/idle.ts';
import { Browser, memoryDb } from './helpers.ts';

const PASSWORD = 'correct horse battery';

async function setup(options: { idleTimeoutMs?: number; secure?: boolean } = {}) {
  const db = await memoryDb();
  const clock = new ManualClock(Date.UTC(2026, 11, 3, 9));
  await new UserStore(db, clock).add('dana', 'viewer', PASSWORD);
  await new UserStore(db, clock).add('ana', 'attester', PASSWORD);
  let posts = 0;
  const app: DashboardApp = createDashboard({
    db,
    clock,
    secure: options.secure ?? false,
    idleTimeoutMs: options.idleTimeoutMs,
    registerPages: (a, deps) => {
      a.get('/', (c) => c.html(`<form><input type="hidden" name="_csrf" value="${c.get('session').csrfToken}"></form>home of ${c.get('session').username}`));
      a.post('/change', (c) => {
        const refused = deps.requireRole(c, 'attester');
        if (refused) return refused;
        posts++;
        return c.text('changed');
      });
    },
  });
  return { db, clock, app, browser: new Browser(app, clock), posts: () => posts };
}

describe('sign-in', () => {
  it('signs in with the right password and sets a strict HttpOnly session cookie', async () => {
    const { browser } = await setup();
    const res = await browser.signIn('dana', PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/^chaperone-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(await (await browser.request('/')).text()).toContain('home of dana');
  });

  it('uses a __Host- Secure cookie when served over TLS', async () => {
    const { browser } = await setup({ secure: true });
    const res = await browser.signIn('dana', PASSWORD);
    expect(res.headers.getSetCookie().join('\n')).toMatch(/^__Host-chaperone-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const { browser } = await setup();
    const wrong = await browser.signIn('dana', 'not the password');
    const unknown = await browser.signIn('nobody', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain('The username or password is not right.');
    expect(browser.cookies.size).toBe(0);
  });

  it('blocks a name after five failures, even with the right password then', async () => {
    const { browser } = await setup();
    for (let i = 0; i < 5; i++) expect((await browser.signIn('dana', `wrong ${i}`)).status).toBe(401);
    const blocked = await browser.signIn('dana', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(browser.cookies.size).toBe(0);
    // Another name from the same address is not blocked by dana's count.
    expect((await browser.signIn('ana', PASSWORD)).status).toBe(303);
  });

  it('sends a visitor without a session to the sign-in page, keeping where they were going', async () => {
    const { browser } = await setup();
    const res = await browser.request('/controls?status=fail');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fcontrols%3Fstatus%3Dfail');
    const api = await browser.request('/session/status', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
  });

  it('returns only to a path of this site after sign-in', async () => {
    const { browser } = await setup();
    const res = await browser.request('/login', { form: { username: 'dana', password: PASSWORD, next: '//evil.example/x' } });
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('idle logoff', () => {
  it('ends a session after the idle timeout, on the server, and says why', async () => {
    const { browser, clock, db } = await setup({ idleTimeoutMs: 60_000 });
    await browser.signIn('dana', PASSWORD);
    clock.advance(59_000);
    expect((await browser.request('/')).status).toBe(200);
    clock.advance(59_000);
    expect((await browser.request('/')).status).toBe(200);
    clock.advance(60_000);
    const res = await browser.request('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?reason=idle');
    expect(await db.selectFrom('web_session').selectAll().execute()).toEqual([]);
    expect(await (await browser.request('/login?reason=idle')).text()).toContain('You were signed out after 1 minute without activity.');
  });

  it('does not count polling as activity', async () => {
    const { browser, clock } = await setup({ idleTimeoutMs: 60_000 });
    await browser.signIn('dana', PASSWORD);
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      const status = await browser.request('/session/status', { headers: { accept: 'application/json' } });
      expect(await status.json()).toEqual({ remainingMs: 60_000 - (i + 1) * 10_000 });
    }
    clock.advance(5_000);
    expect((await browser.request('/', { headers: { 'x-idle-background': '1' } })).status).toBe(200);
    clock.advance(5_000);
    expect((await browser.request('/')).headers.get('location')).toBe('/login?reason=idle');
  });

  it('ends an active session at the absolute cap', async () => {
    const { browser, clock } = await setup();
    await browser.signIn('dana', PASSWORD);
    for (let t = 0; t + 10 * 60_000 < ABSOLUTE_SESSION_MS; t += 10 * 60_000) {
      clock.advance(10 * 60_000);
      expect((await browser.request('/')).status).toBe(200);
    }
    clock.advance(10 * 60_000);
    expect((await browser.request('/')).headers.get('location')).toBe('/login?reason=expired');
  });

  it('--idle-timeout may shorten the 15 minutes, never lengthen them', () => {
    expect(parseIdleTimeout(undefined)).toBe(900_000);
    expect(parseIdleTimeout('60')).toBe(60_000);
    expect(parseIdleTimeout('900')).toBe(900_000);
    expect(() => parseIdleTimeout('901')).toThrow('--idle-timeout may only shorten the 15-minute idle logoff (HIPAA screens): give at most 900 seconds');
    expect(() => parseIdleTimeout('0')).toThrow('from 1 to 900');
    expect(() => parseIdleTimeout('1.5')).toThrow('from 1 to 900');
  });
});

describe('CSRF', () => {
  it('refuses a post from another origin, and one that names no origin', async () => {
    const { app, browser, posts } = await setup();
    await browser.signIn('ana', PASSWORD);
    const token = await browser.token();
    const cross = await browser.request('/change', { form: { _csrf: token }, headers: { origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
    const site = await browser.request('/change', { form: { _csrf: token }, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(site.status).toBe(403);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const none = await app.request('http://localhost/change', { method: 'POST', body: `_csrf=${token}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('the request names no origin');
    const sameOrigin = await app.request('http://localhost/change', { method: 'POST', body: `_csrf=${token}`, headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(sameOrigin.status).toBe(200);
    expect(posts()).toBe(1);
  });

  it('refuses a same-origin post without the session token', async () => {
    const { browser, posts } = await setup();
    await browser.signIn('ana', PASSWORD);
    expect((await browser.request('/change', { form: {} })).status).toBe(403);
    expect((await browser.request('/change', { form: { _csrf: 'x'.repeat(32) } })).status).toBe(403);
    expect((await browser.request('/change', { form: { _csrf: await browser.token() } })).status).toBe(200);
    expect(posts()).toBe(1);
  });

  it('refuses a viewer where the attester role is needed', async () => {
    const { browser, posts } = await setup();
    await browser.signIn('dana', PASSWORD);
    const res = await browser.request('/change', { form: { _csrf: await browser.token() } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('needs the attester role');
    expect(posts()).toBe(0);
  });
});

describe('headers', () => {
  it('sends a strict CSP with a fresh nonce for each page', async () => {
    const { browser } = await setup();
    const a = (await browser.request('/login')).headers.get('content-security-policy')!;
    const b = (await browser.request('/login')).headers.get('content-security-policy')!;
    expect(a).toMatch(/default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'; style-src 'self'/);
    expect(a).toContain("frame-ancestors 'none'");
    expect(a).not.toBe(b);
  });
});
