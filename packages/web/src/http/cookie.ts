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

// The pending OIDC sign-in: SameSite=Lax, since it must come back with the provider's
// redirect to the callback (a cross-site navigation); it names a sign-in held on the server
// for 10 minutes and used once, so the callback only completes the sign-in this browser began.
const PENDING_COOKIE = 'chaperone-oidc';
const PENDING_MAX_AGE = 600;

function pendingName(policy: CookiePolicy): string {
  return policy.secure ? `__Host-${PENDING_COOKIE}` : PENDING_COOKIE;
}

export function writePendingCookie(c: Context, policy: CookiePolicy, id: string): void {
  setCookie(c, pendingName(policy), id, { path: '/', httpOnly: true, secure: policy.secure, sameSite: 'Lax', maxAge: PENDING_MAX_AGE });
}

export function readPendingCookie(c: Context, policy: CookiePolicy): string | undefined {
  return getCookie(c, pendingName(policy));
}

export function clearPendingCookie(c: Context, policy: CookiePolicy): void {
  deleteCookie(c, pendingName(policy), { path: '/', httpOnly: true, secure: policy.secure, sameSite: 'Lax' });
}
