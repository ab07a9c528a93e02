/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The dashboard as a Hono app: security headers and the same-origin check on everything,
// sign-in and sign-out, then the session gate (idle logoff, absolute cap, CSRF token) in
// front of every page. Pages are registered by `registerPages`.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from './clock.ts';
import type { WebDatabase } from './db/schema.ts';
import { BACKGROUND_HEADER, DEFAULT_IDLE_TIMEOUT_MS, idlePolicy, type IdlePolicy } from './auth/idle.ts';
import { SignInLimiter, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/rate-limit.ts';
import { SessionStore, type Session } from './auth/sessions.ts';
import { UserStore, roleAllows } from './auth/users.ts';
import type { Role } from './db/schema.ts';
import { clearSessionCookie, readSessionCookie, writeSessionCookie, type CookiePolicy } from './http/cookie.ts';
import { CSRF_FIELD, isSafeMethod, refuseCsrf, sameOrigin, tokenMatches } from './http/csrf.ts';
import { remoteAddress } from './http/address.ts';
import { securityHeaders } from './http/security-headers.ts';
import { APP_CSS } from './pages/styles.ts';
import { SignInPage, type SignInNotice } from './pages/sign-in.tsx';
import type { PageContext } from './pages/layout.tsx';
import { OIDC_CALLBACK, OIDC_START, OidcSignInError, type OidcSignIn } from './auth/oidc.ts';
import { clearPendingCookie, readPendingCookie, writePendingCookie } from './http/cookie.ts';

export interface DashboardEnv {
  Variables: {
    session: Session;
    sessionId: string;
    secureHeadersNonce?: string;
  };
}

export type DashboardApp = Hono<DashboardEnv>;

export interface DashboardOptions {
  /** The ledger's database (the dashboard's own tables migrated: `migrateWeb`). */
  db: Kysely<WebDatabase>;
  /** True when served over TLS: `__Host-` Secure cookie, HSTS. */
  secure: boolean;
  clock?: Clock;
  idleTimeoutMs?: number;
  signInLimits?: SignInLimits;
  /** Adds the pages behind the session gate. */
  registerPages?: (app: DashboardApp, deps: DashboardDeps) => void;
  /** One line per server-side error (never a request body, a cookie or a stack). */
  log?: (line: string) => void;
  /** Sign-in through the team's OpenID Connect provider, beside the password form. */
  oidc?: OidcSignIn;
}

export interface DashboardDeps {
  clock: Clock;
  policy: IdlePolicy;
  users: UserStore;
  sessions: SessionStore;
  pageContext(c: Context<DashboardEnv>): PageContext;
  /** Refuses the request unless the signed-in user has `role` (or a higher one). */
  requireRole(c: Context<DashboardEnv>, role: Role): Response | undefined;
}

const PUBLIC_PATHS = new Set(['/login', '/logout', '/assets/app.css', '/healthz', '/favicon.ico', OIDC_START, OIDC_CALLBACK]);

/** A path of this site to return to after sign-in; anything else goes to the front page. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) return '/';
  return value.length > 2000 ? '/' : value;
}

function wantsHtml(c: Context): boolean {
  return /text\/html/.test(c.req.header('accept') ?? '');
}

export function createDashboard(options: DashboardOptions): DashboardApp {
  const clock = options.clock ?? systemClock;
  const policy = idlePolicy(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  const users = new UserStore(options.db, clock);
  const sessions = new SessionStore(options.db, clock, policy);
  const limiter = new SignInLimiter(options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS);
  const cookies: CookiePolicy = { secure: options.secure };
  const log = options.log ?? (() => undefined);

  const app: DashboardApp = new Hono<DashboardEnv>();

  const pageContext = (c: Context<DashboardEnv>): PageContext => ({
    nonce: c.get('secureHeadersNonce') ?? '',
    session: c.get('session') as Session | undefined,
    policy,
    path: c.req.path,
  });

  app.onError((error, c) => {
    // The name and code only: a message may quote a value from the ledger or the request.
    log(`dashboard: ${c.req.method} ${c.req.path} failed (${error.name}${(error as { code?: string }).code ? ` ${(error as { code?: string }).code}` : ''})`);
    c.header('Cache-Control', 'no-store');
    return c.text('Something went wrong on the server. The error was logged; try again.', 500);
  });

  app.use('*', securityHeaders({ secure: options.secure }));
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use('*', sameOrigin());
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('Request body too large.', 413) }));

  app.get('/healthz', (c) => c.text('ok'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/assets/app.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(APP_CSS);
  });

  const oidc = options.oidc;
  const sso = oidc ? { label: oidc.label } : undefined;

  app.get('/login', (c) => {
    const reason = c.req.query('reason');
    const notice: SignInNotice = reason === 'idle' || reason === 'expired' || reason === 'signed-out' ? reason : undefined;
    return c.html(<SignInPage ctx={pageContext(c)} notice={notice} next={safeNext(c.req.query('next'))} sso={sso} />);
  });

  if (oidc) {
    app.get(OIDC_START, async (c) => {
      const { pendingId, url } = await oidc.start(safeNext(c.req.query('next')));
      writePendingCookie(c, cookies, pendingId);
      return c.redirect(url, 302);
    });

    app.get(OIDC_CALLBACK, async (c) => {
      const pendingId = readPendingCookie(c, cookies);
      clearPendingCookie(c, cookies);
      let signedIn;
      try {
        signedIn = await oidc.finish(pendingId, new URL(c.req.url).search);
      } catch (error) {
        if (!(error instanceof OidcSignInError)) throw error;
        // The message names no secret and no claim value: fine for the operator's log too.
        log(`dashboard: OIDC sign-in refused: ${error.message}`);
        c.status(403);
        return c.html(<SignInPage ctx={pageContext(c)} error={error.message} sso={sso} />);
      }
      await users.upsertExternal(signedIn.username, signedIn.role);
      const previous = readSessionCookie(c, cookies);
      if (previous) await sessions.destroy(previous);
      writeSessionCookie(c, cookies, await sessions.create(signedIn.username));
      return c.redirect(signedIn.next, 303);
    });
  }

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(form.next);
    const address = remoteAddress(c);
    const again = (status: 401 | 429 | 400, error: string) => {
      c.status(status);
      return c.html(<SignInPage ctx={pageContext(c)} error={error} username={username.slice(0, 64)} next={next} sso={sso} />);
    };
    if (!username || !password) return again(400, 'Enter a username and a password.');
    const wait = await limiter.retryAfter(username, address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return again(429, `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`);
    }
    const user = await users.authenticate(username, password);
    if (!user) {
      await limiter.failed(username, address);
      return again(401, 'The username or password is not right.');
    }
    await limiter.succeeded(username, address);
    // A fresh id at every sign-in; an earlier session of this browser ends.
    const previous = readSessionCookie(c, cookies);
    if (previous) await sessions.destroy(previous);
    const id = await sessions.create(user.username);
    writeSessionCookie(c, cookies, id);
    return c.redirect(next, 303);
  });

  // Signing out is the safe direction: the same-origin check guards it, no token needed
  // (the idle warning's script posts here when the time is up).
  app.post('/logout', async (c) => {
    const id = readSessionCookie(c, cookies);
    if (id) await sessions.destroy(id);
    clearSessionCookie(c, cookies);
    return c.redirect('/login?reason=signed-out', 303);
  });

  // The session gate.
  app.use('*', async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const id = readSessionCookie(c, cookies);
    const background = c.req.header(BACKGROUND_HEADER) === '1' || c.req.path === '/session/status';
    const found = id ? await sessions.resolve(id, !background) : ({ state: 'missing' } as const);
    if (found.state !== 'active') {
      if (id) clearSessionCookie(c, cookies);
      const reason = found.state === 'idle' ? 'idle' : found.state === 'expired' ? 'expired' : undefined;
      if (wantsHtml(c)) {
        const target = reason ? `/login?reason=${reason}` : `/login?next=${encodeURIComponent(c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search) : '/')}`;
        return c.redirect(target, isSafeMethod(c.req.method) ? 302 : 303);
      }
      return c.json({ error: reason ? 'session ended' : 'not signed in', reason: reason ?? 'signed-out' }, 401);
    }
    c.set('session', found.session);
    c.set('sessionId', id!);
    if (!isSafeMethod(c.req.method)) {
      const body = await c.req.parseBody();
      if (!tokenMatches(body[CSRF_FIELD], found.session.csrfToken)) return refuseCsrf(c, 'the form carries no valid token for this session');
    }
    return next();
  });

  app.get('/session/status', (c) => c.json({ remainingMs: sessions.remainingMs(c.get('session')) }));
  app.get('/session/keepalive', (c) => c.body(null, 204));

  const requireRole = (c: Context<DashboardEnv>, role: Role): Response | undefined => {
    if (roleAllows(c.get('session').role, role)) return undefined;
    c.status(403);
    return c.text(`Refused: this needs the ${role} role; you are signed in as ${c.get('session').role}.`);
  };

  options.registerPages?.(app, { clock, policy, users, sessions, pageContext, requireRole });
  app.notFound((c) => c.text('Not found.', 404));
  return app;
}
