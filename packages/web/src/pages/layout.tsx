/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The page frame: header with the navigation and the signed-in user, the idle warning (the
// guard's snippet) and the session poll. Scripts carry the request's CSP nonce; styles come
// from /assets/app.css (style-src 'self'), never inline.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { idleWarningSnippet } from '@chaperone/guard';
import type { Session } from '../auth/sessions.ts';
import type { IdlePolicy } from '../auth/idle.ts';
import { BACKGROUND_HEADER } from '../auth/idle.ts';
import { CSRF_FIELD } from '../http/csrf.ts';

export interface PageContext {
  nonce: string;
  session?: Session;
  policy: IdlePolicy;
  /** Path of the page, to mark the current navigation entry. */
  path: string;
}

const NAV: { href: string; label: string }[] = [
  { href: '/', label: 'Posture' },
  { href: '/controls', label: 'Controls' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/attestations', label: 'Attestations' },
  { href: '/evidence', label: 'Evidence' },
];

function js(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Polls the server's view of the session without counting as activity; leaves when it has ended. */
function sessionPoll(nonce: string, policy: IdlePolicy): string {
  const every = Math.max(1000, Math.min(30_000, Math.floor(policy.idleTimeoutMs / 4)));
  return `<script nonce="${nonce}">(function () {
  var h = {}; h[${js(BACKGROUND_HEADER)}] = '1';
  setInterval(function () {
    fetch('/session/status', { credentials: 'same-origin', cache: 'no-store', headers: h }).then(function (r) {
      if (r.status === 401) location.assign('/login?reason=idle');
    }, function () {});
  }, ${every});
})();</script>`;
}

export function Layout(props: { ctx: PageContext; title: string; children?: Child }) {
  const { ctx } = props;
  const session = ctx.session;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · Chaperone`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">Chaperone</a>
          {session ? (
            <nav aria-label="Main">
              {NAV.map((item) => (
                <a href={item.href} aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}>
                  {item.label}
                </a>
              ))}
            </nav>
          ) : null}
          {session ? (
            <form method="post" action="/logout" class="signout">
              <span class="who">
                {session.username} <span class="role">({session.role})</span>
              </span>
              <input type="hidden" name={CSRF_FIELD} value={session.csrfToken} />
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
        {session
          ? raw(
              idleWarningSnippet({ timeoutMs: ctx.policy.idleTimeoutMs, warnBeforeMs: ctx.policy.warnBeforeMs, logoutUrl: '/logout', redirectUrl: '/login?reason=idle', keepAliveUrl: '/session/keepalive', nonce: ctx.nonce }) +
                sessionPoll(ctx.nonce, ctx.policy),
            )
          : null}
      </body>
    </html>
  );
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}
