// The logoff rules, the guard's (packages/guard/src/session): 15 idle minutes at most
// (TW-CONSOLE-LOGOFF, 45 CFR 164.312(a)(2)(iii)), enforced on the server; requests marked
// with the guard's background header (polling) are not activity; a warning a minute before.
// Added here: an absolute cap, since an always-active tab must not stay signed in forever.
import { BACKGROUND_HEADER, DEFAULT_IDLE_TIMEOUT_MS } from '@chaperone/guard';

export { BACKGROUND_HEADER, DEFAULT_IDLE_TIMEOUT_MS };

/** A session ends this long after sign-in, active or not: a working day. */
export const ABSOLUTE_SESSION_MS = 8 * 60 * 60 * 1000;
/** The guard snippet's default: the warning shows a minute before logoff. */
export const DEFAULT_WARN_BEFORE_MS = 60_000;

export interface IdlePolicy {
  idleTimeoutMs: number;
  absoluteMs: number;
  warnBeforeMs: number;
}

export class IdleTimeoutError extends Error {
  override name = 'IdleTimeoutError';
}

/**
 * `--idle-timeout SECONDS`: may shorten the 15 minutes, never lengthen them. Whole seconds
 * from 1 to 900.
 */
export function parseIdleTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_IDLE_TIMEOUT_MS;
  const max = DEFAULT_IDLE_TIMEOUT_MS / 1000;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new IdleTimeoutError(`--idle-timeout must be a whole number of seconds from 1 to ${max}`);
  const seconds = Number(value);
  if (seconds > max) throw new IdleTimeoutError(`--idle-timeout may only shorten the ${max / 60}-minute idle logoff (HIPAA screens): give at most ${max} seconds`);
  return seconds * 1000;
}

export function idlePolicy(idleTimeoutMs: number = DEFAULT_IDLE_TIMEOUT_MS): IdlePolicy {
  if (!Number.isFinite(idleTimeoutMs) || idleTimeoutMs <= 0 || idleTimeoutMs > DEFAULT_IDLE_TIMEOUT_MS) {
    throw new IdleTimeoutError(`the idle timeout must be more than 0 and at most ${DEFAULT_IDLE_TIMEOUT_MS} ms`);
  }
  // A short timeout (tests, kiosks) still leaves time to read the warning: half of it at most.
  return { idleTimeoutMs, absoluteMs: ABSOLUTE_SESSION_MS, warnBeforeMs: Math.min(DEFAULT_WARN_BEFORE_MS, Math.floor(idleTimeoutMs / 2)) };
}
