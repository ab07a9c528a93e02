// CSRF, two layers. (1) Every state-changing request must come from a page of this origin:
// Sec-Fetch-Site `same-origin` when the browser sends it, else an Origin equal to ours; a
// request with neither is refused (fail closed). Hono's csrf() checks form content types
// only, so JSON or body-less posts would pass it: this check covers every content type.
// (2) Every form of a signed-in page carries the session's synchronizer token (`_csrf`).
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function refuseCsrf(c: Context, why: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.text(`Refused: ${why} (cross-site request protection). Reload the page and try again.`, 403);
}

export function sameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    if (isSafeMethod(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined) {
      if (site !== 'same-origin') return refuseCsrf(c, `the request came from another site (Sec-Fetch-Site: ${site === 'same-site' || site === 'cross-site' || site === 'none' ? site : 'invalid'})`);
      return next();
    }
    const origin = c.req.header('origin');
    if (!origin) return refuseCsrf(c, 'the request names no origin');
    if (origin !== new URL(c.req.url).origin) return refuseCsrf(c, 'the request came from another origin');
    return next();
  };
}

export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
