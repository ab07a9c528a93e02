import type { IncomingMessage, ServerResponse } from 'node:http';
import { emit, type GuardSink } from '../sink.ts';

/** The guide's figure: Twilio's Console logs HIPAA accounts off after 15 idle minutes. */
export const DEFAULT_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
export const BACKGROUND_HEADER = 'x-idle-background';

// Structural view of express-session's req.session, so the middleware does not depend on it.
interface SessionLike {
  chaperoneLastActivity?: number;
  destroy(callback: (err?: unknown) => void): void;
}
interface RequestWithSession extends IncomingMessage {
  session?: SessionLike;
}
interface ResponseLike extends ServerResponse {
  redirect?(status: number, url: string): void;
}

export interface IdleLogoffOptions {
  /** Idle time before logoff; default 15 minutes. */
  timeoutMs?: number;
  /** Where browsers are sent after logoff; `?reason=idle` is appended. Default `/login`. */
  loginPath?: string;
  /** Session cookie to clear on logoff (express-session's default name). */
  cookieName?: string;
  /**
   * Requests that must not count as user activity (polling, heartbeats). Default: those
   * with the `X-Idle-Background: 1` header.
   */
  isBackground?: (req: IncomingMessage) => boolean;
  now?: () => number;
  sink?: GuardSink;
}

/**
 * Session-timeout middleware for the agent and admin UIs customers build (TW-CONSOLE-LOGOFF,
 * TW-FLEX-SESSION-TIMEOUT). Mount after express-session. A request after `timeoutMs`
 * without activity destroys the session, then redirects browsers to the login page or
 * answers 401 to API calls.
 */
export function idleLogoff(options: IdleLogoffOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('idleLogoff: timeoutMs must be a positive number of milliseconds (default 900000, 15 minutes)');
  const loginPath = options.loginPath ?? '/login';
  const cookieName = options.cookieName ?? 'connect.sid';
  const now = options.now ?? Date.now;
  const isBackground = options.isBackground ?? ((req: IncomingMessage) => req.headers[BACKGROUND_HEADER] === '1');

  return (req: RequestWithSession, res: ResponseLike, next: (err?: unknown) => void): void => {
    const session = req.session;
    if (!session) {
      // Without a session there is nothing to time out, and running unguarded is not an option.
      next(new Error('idleLogoff: req.session is missing; mount express-session before idleLogoff'));
      return;
    }
    const at = now();
    const last = session.chaperoneLastActivity;
    if (typeof last === 'number' && at - last > timeoutMs) {
      session.destroy((err) => {
        if (err) return next(err);
        emit(options.sink, 'info', { event: 'session.idle-logoff', idleMs: at - last, path: (req.url ?? '').split('?')[0] });
        res.setHeader('Set-Cookie', `${cookieName}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`);
        res.setHeader('Cache-Control', 'no-store');
        if (wantsHtml(req)) {
          res.statusCode = 302;
          res.setHeader('Location', `${loginPath}?reason=idle`);
          res.end();
        } else {
          res.statusCode = 401;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ error: 'session expired after inactivity', reason: 'idle' }));
        }
      });
      return;
    }
    if (!isBackground(req) || typeof last !== 'number') session.chaperoneLastActivity = at;
    next();
  };
}

function wantsHtml(req: IncomingMessage): boolean {
  return req.method === 'GET' && /text\/html/.test(req.headers.accept ?? '');
}
