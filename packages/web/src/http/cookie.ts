// The session cookie. Over TLS: `__Host-` (no Domain, Path=/, Secure, so no subdomain and no
// plain-http page can set or read it), HttpOnly, SameSite=Strict. Plain http is allowed only
// on a loopback address for development, where Secure cannot be had; the cookie then drops
// the prefix (browsers refuse `__Host-` without Secure) and keeps the rest.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export interface CookiePolicy {
  /** True when pages are served over TLS. */
  secure: boolean;
}

export const SESSION_COOKIE = 'chaperone-session';

function name(policy: CookiePolicy): string {
  return policy.secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export function readSessionCookie(c: Context, policy: CookiePolicy): string | undefined {
  return getCookie(c, name(policy));
}

export function writeSessionCookie(c: Context, policy: CookiePolicy, id: string): void {
  // No Max-Age: the cookie ends with the browser; the server ends the session sooner.
  setCookie(c, name(policy), id, { path: '/', httpOnly: true, secure: policy.secure, sameSite: 'Strict' });
}

export function clearSessionCookie(c: Context, policy: CookiePolicy): void {
  deleteCookie(c, name(policy), { path: '/', httpOnly: true, secure: policy.secure, sameSite: 'Strict' });
}
