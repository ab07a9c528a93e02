// A `before` plugin for @segment/analytics-node (its own plugin API: analytics.register)
// that enforces a tracking plan as an allow-list and drops, hashes (HMAC-SHA256) or
// encrypts (AES-256-GCM) PHI before an event leaves the app — the guide's minimum-necessary
// rule at run time. It shares control ids with the scanner's checks.
//
// Fail closed: an event the guard cannot judge is cancelled, never sent as is.
// Note: analytics-node counts a cancelled event as pending until its batch timer fires, so
// closeAndFlush() may wait up to `flushInterval` after the guard drops events.
import type { Context, Plugin } from '@segment/analytics-node';
import { compileAllowList, type AllowList } from './allow-list.ts';
import { parseKey } from './crypto.ts';
import { sanitizeEvent, type CompiledPolicy, type FieldProtection, type GuardDecision } from './sanitize.ts';

export interface TrackingPlanGuardOptions {
  plan: AllowList;
  /**
   * Protection per planned field, by path (`properties.email`, `properties.appointment.notes`, `properties.tags[]`, `context.traits.phone`)
   * or bare key (`email`). `keep` lets a field through untouched (e.g. to a BAA-covered destination).
   */
  fields?: Record<string, FieldProtection>;
  /** What to do with a planned field whose value or name reads as PHI and has no rule (default drop). */
  onPhi?: Exclude<FieldProtection, 'keep'>;
  /** userId / anonymousId / groupId / previousId that read as PHI are hashed (default) or kept. */
  ids?: 'hash' | 'keep';
  /** 32-byte HMAC key (Buffer, hex or base64); required by any `hash`. */
  hashKey?: Buffer | string;
  /** 32-byte AES-256-GCM key (Buffer, hex or base64); required by any `encrypt`. */
  encryptionKey?: Buffer | string;
  /** Receives every decision: control id, action, type, field path; never a value. */
  onDecision?: (decision: GuardDecision) => void;
}

function compile(options: TrackingPlanGuardOptions): CompiledPolicy {
  const fields = options.fields ?? {};
  const onPhi = options.onPhi ?? 'drop';
  const protections = new Set<FieldProtection>([onPhi, ...Object.values(fields)]);
  for (const p of protections) {
    if (!['keep', 'drop', 'hash', 'encrypt'].includes(p)) throw new Error(`field protection "${String(p)}" is unknown; fix: use keep, drop, hash or encrypt`);
  }
  if (protections.has('hash') && !options.hashKey) throw new Error('a field is to be hashed but hashKey is not set; fix: pass hashKey (32 bytes)');
  if (protections.has('encrypt') && !options.encryptionKey) throw new Error('a field is to be encrypted but encryptionKey is not set; fix: pass encryptionKey (32 bytes)');
  return {
    plan: compileAllowList(options.plan),
    fields,
    onPhi,
    ids: options.ids ?? 'hash',
    ...(options.hashKey ? { hashKey: parseKey(options.hashKey, 'hashKey') } : {}),
    ...(options.encryptionKey ? { encryptionKey: parseKey(options.encryptionKey, 'encryptionKey') } : {}),
  };
}

/**
 * Cancels delivery for good. `ctx.cancel()` throws analytics-core's ContextCancelation,
 * which is retried by default; marking it non-retryable keeps the queue from re-running it.
 */
function cancel(ctx: Context, reason: string): never {
  try {
    ctx.cancel();
  } catch (cancellation) {
    if (cancellation && typeof cancellation === 'object') Object.assign(cancellation, { retry: false, type: 'chaperone_tracking_plan_guard', reason });
    throw cancellation;
  }
  throw new Error(reason);
}

export function trackingPlanGuard(options: TrackingPlanGuardOptions): Plugin {
  const policy = compile(options);
  const report = (decision: GuardDecision) => {
    try {
      options.onDecision?.(decision);
    } catch {
      // A failing reporter must not decide what leaves.
    }
  };
  const handle = (ctx: Context): Context => {
    let result;
    try {
      result = sanitizeEvent(ctx.event as unknown as Record<string, unknown>, policy);
    } catch (error) {
      report({ control: 'SEG-PROTOCOLS-PLAN', action: 'drop-event', type: String(ctx.event.type), reason: `guard error (${error instanceof Error ? error.name : 'error'})` });
      return cancel(ctx, 'guard error');
    }
    for (const decision of result.decisions) report(decision);
    if (!result.event) return cancel(ctx, result.decisions.at(-1)?.reason ?? 'dropped');
    ctx.event = result.event as unknown as Context['event'];
    return ctx;
  };
  return {
    name: 'Chaperone tracking-plan guard',
    type: 'before',
    version: '0.1.0',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: handle,
    identify: handle,
    group: handle,
    page: handle,
    screen: handle,
    alias: handle,
  };
}
