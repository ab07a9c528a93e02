import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idleLogoff, idleWarningSnippet, DEFAULT_IDLE_TIMEOUT_MS, type IdleLogoffOptions } from '../src/index.ts';

declare module 'express-session' {
  interface SessionData {
    user?: string;
  }
}

function clinicApp(idle: IdleLogoffOptions, snippet = '') {
  const app = express();
  app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: true }));
  app.use(idleLogoff(idle));
  app.get('/login', (req, res) => {
    if (req.query['as']) {
      req.session.user = String(req.query['as']);
      return res.redirect('/dashboard');
    }
    res.type('html').send(`<h1>Sign in</h1><p id="reason">${req.query['reason'] === 'idle' ? 'signed out after inactivity' : ''}</p>`);
  });
  app.get('/dashboard', (req, res) => {
    if (!req.session.user) return res.redirect('/login');
    res.type('html').send(`<html><body><h1>Patients for ${req.session.user}</h1><input id="note">${snippet}</body></html>`);
  });
  app.get('/keepalive', (req, res) => { res.status(req.session.user ? 204 : 401).end(); });
  app.get('/api/patients', (req, res) => { res.status(req.session.user ? 200 : 401).json({ ok: Boolean(req.session.user) }); });
  app.post('/logout', (req, res) => req.session.destroy(() => res.status(204).end()));
  return app;
}

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('idleLogoff middleware (express + express-session)', () => {
  let clock = 0;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ({ server, base } = await listen(clinicApp({ now: () => clock })));
  });
  afterAll(() => server.close());

  const get = async (path: string, cookie: string, headers: Record<string, string> = {}) => fetch(base + path, { redirect: 'manual', headers: { cookie, ...headers } });

  it('defaults to the guide\'s 15 minutes', () => expect(DEFAULT_IDLE_TIMEOUT_MS).toBe(900_000));

  it('keeps an active session, logs off after 15 idle minutes, redirects browsers and answers 401 to APIs', async () => {
    clock = 1_000_000;
    const login = await fetch(`${base}/login?as=nurse`, { redirect: 'manual' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    clock += 14 * 60_000;
    expect((await get('/dashboard', cookie)).status).toBe(200);
    clock += 14 * 60_000; // 28 minutes since login but only 14 since the last request
    expect((await get('/api/patients', cookie)).status).toBe(200);
    // Background polling does not keep the session alive.
    clock += 10 * 60_000;
    expect((await get('/api/patients', cookie, { 'x-idle-background': '1' })).status).toBe(200);
    clock += 5 * 60_000 + 1;
    const html = await get('/dashboard', cookie, { accept: 'text/html' });
    expect(html.status).toBe(302);
    expect(html.headers.get('location')).toBe('/login?reason=idle');
    // The session is gone: the old cookie no longer reaches patient data.
    expect((await get('/api/patients', cookie)).status).toBe(401);
  });

  it('answers 401 JSON to a non-browser request after the timeout', async () => {
    clock = 5_000_000;
    const login = await fetch(`${base}/login?as=doctor`, { redirect: 'manual' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    clock += DEFAULT_IDLE_TIMEOUT_MS + 1;
    const api = await get('/api/patients', cookie);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'session expired after inactivity', reason: 'idle' });
  });

  it('fails closed without express-session, and rejects a bad timeout', async () => {
    const app = express();
    app.use(idleLogoff());
    app.get('/x', (_req, res) => { res.send('leak'); });
    const { server: bare, base: bareBase } = await listen(app);
    try {
      const res = await fetch(`${bareBase}/x`);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('leak');
    } finally {
      bare.close();
    }
    expect(() => idleLogoff({ timeoutMs: 0 })).toThrow(/timeoutMs must be a positive number/);
  });
});

describe('idle warning snippet in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const snippet = idleWarningSnippet({ timeoutMs: 3_000, warnBeforeMs: 2_000, keepAliveUrl: '/keepalive' });
    ({ server, base } = await listen(clinicApp({ timeoutMs: 3_000 }, snippet)));
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('warns before logoff, then ends the server session and redirects to the login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login?as=nurse`);
    expect(page.url()).toBe(`${base}/dashboard`);
    const warning = page.locator('#chaperone-idle-warning');
    await warning.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await warning.getAttribute('role')).toBe('alertdialog');
    expect(await warning.textContent()).toMatch(/signed out in \d+ seconds? because of inactivity/);
    await page.waitForURL(`${base}/login?reason=idle`, { timeout: 5_000 });
    expect(await page.locator('#reason').textContent()).toBe('signed out after inactivity');
    // The server session was destroyed by the snippet's logout call.
    await page.goto(`${base}/dashboard`);
    expect(page.url()).toMatch(/\/login$/);
    await page.close();
  });

  it('"Stay signed in" keeps the session alive past the original deadline', async () => {
    const page = await browser.newPage();
    const keepalives: number[] = [];
    page.on('response', (r) => { if (r.url().endsWith('/keepalive')) keepalives.push(r.status()); });
    await page.goto(`${base}/login?as=doctor`);
    const loadedAt = Date.now();
    await page.locator('#chaperone-idle-warning').waitFor({ state: 'visible', timeout: 5_000 });
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    await expect.poll(() => page.locator('#chaperone-idle-warning').count(), { timeout: 2_000 }).toBe(0);
    await expect.poll(() => keepalives, { timeout: 2_000 }).toEqual([204]);
    // Past the first deadline (timeout after load), before the renewed one.
    await page.waitForTimeout(Math.max(0, loadedAt + 3_300 - Date.now()));
    expect(page.url()).toBe(`${base}/dashboard`);
    expect(await page.evaluate(async () => (await fetch('/api/patients')).status)).toBe(200);
    await page.close();
  });

  it('cannot be broken out of by a hostile option value', () => {
    const html = idleWarningSnippet({ redirectUrl: '</script><script>alert(1)</script>' });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});
