/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { Layout, type PageContext } from './layout.tsx';

export type SignInNotice = 'idle' | 'expired' | 'signed-out' | undefined;

function noticeText(notice: SignInNotice, idleMinutes: string): string | undefined {
  if (notice === 'idle') return `You were signed out after ${idleMinutes} without activity.`;
  if (notice === 'expired') return 'Your session reached its time limit; sign in again.';
  if (notice === 'signed-out') return 'You are signed out.';
  return undefined;
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 60 === 0) return `${s / 60} minute${s === 60 ? '' : 's'}`;
  return `${s} second${s === 1 ? '' : 's'}`;
}

export function SignInPage(props: { ctx: PageContext; notice?: SignInNotice; error?: string; username?: string; next?: string; sso?: { label: string } }) {
  const notice = noticeText(props.notice, minutes(props.ctx.policy.idleTimeoutMs));
  return (
    <Layout ctx={props.ctx} title="Sign in">
      <section class="signin">
        <h1>Sign in</h1>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        {props.error ? (
          <p class="error" role="alert">
            {props.error}
          </p>
        ) : null}
        <form method="post" action="/login">
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <label for="username">Username</label>
          <input id="username" name="username" autocomplete="username" required value={props.username ?? ''} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
        {props.sso ? (
          <p class="sso">
            {/* A link, not a form: the CSP's form-action would refuse the redirect to the provider. */}
            <a class="button" href={`/login/oidc${props.next && props.next !== '/' ? `?next=${encodeURIComponent(props.next)}` : ''}`}>
              Sign in with {props.sso.label}
            </a>
          </p>
        ) : null}
        <p class="hint">Accounts are made with <code>chaperone user add NAME --role viewer|attester|admin</code>.</p>
      </section>
    </Layout>
  );
}
