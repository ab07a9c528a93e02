// A real `twilio` client whose httpClient is the guard over a tripwire: the harness of the
// outbound-rule tests. `refused` proves a call is stopped before any socket opens and that
// neither the error nor the decision events carry the strings the test names as secret.
import twilio from 'twilio';
import { afterEach, beforeEach, expect } from 'vitest';
import { HipaaPolicyError, guardedHttpClient, type GuardEvent } from '../../src/index.ts';
import { ACCOUNT_SID, tripwire, type Tripwire } from './tripwire.ts';

export interface GuardedClientHarness {
  readonly client: twilio.Twilio;
  readonly events: GuardEvent[];
  readonly wire: Tripwire;
  refused(call: () => Promise<unknown>, controlId: string): Promise<HipaaPolicyError>;
  allowed(call: () => Promise<unknown>): Promise<void>;
}

/** Registers beforeEach/afterEach hooks; `secrets` must never appear in an error or an event. */
export function useGuardedClient(secrets: readonly string[]): GuardedClientHarness {
  let wire: Tripwire;
  let events: GuardEvent[] = [];
  let client: twilio.Twilio;

  beforeEach(() => {
    // `tripwire(true)` answers allowed requests itself (a response double: no network), and
    // records every request the guard hands on. `wire.calls` is what proves a refusal: an
    // empty list means the request never reached the inner client. `socketConnects()` stays
    // 0 with the double, so it only proves the guard opened no socket of its own.
    wire = tripwire(true);
    events = [];
    client = twilio(ACCOUNT_SID, 'auth-token-never-logged', { httpClient: guardedHttpClient({ httpClient: wire.inner as never, sink: (e) => events.push(e) }) });
  });
  afterEach(() => wire.restore());

  return {
    get client() {
      return client;
    },
    get events() {
      return events;
    },
    get wire() {
      return wire;
    },
    async refused(call, controlId) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(HipaaPolicyError);
      expect((error as HipaaPolicyError).controlId).toBe(controlId);
      expect(wire.calls).toHaveLength(0);
      expect(wire.socketConnects()).toBe(0);
      const text = `${(error as Error).message} ${JSON.stringify(events)}`;
      for (const secret of [...secrets, 'auth-token-never-logged']) expect(text).not.toContain(secret);
      return error as HipaaPolicyError;
    },
    async allowed(call) {
      await call();
      expect(wire.calls).toHaveLength(1);
      expect(events.at(-1)).toMatchObject({ event: 'twilio.outbound.decision', outcome: 'allowed' });
    },
  };
}
