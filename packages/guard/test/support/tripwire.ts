// Proves a refused request never leaves the process: the inner client is the SDK's real
// RequestClient wrapped so that any call is recorded, and every socket connect is spied.
import net from 'node:net';
import twilio from 'twilio';
import { vi } from 'vitest';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

export interface Tripwire {
  calls: Array<{ method: string; uri: string }>;
  inner: { request(opts: { method: string; uri: string }): Promise<unknown> };
  socketConnects: () => number;
  restore(): void;
}

/** `respond` answers allowed requests without a network (status 201 with a minimal resource). */
export function tripwire(respond = true): Tripwire {
  const calls: Tripwire['calls'] = [];
  const real = new twilio.RequestClient();
  const connect = vi.spyOn(net.Socket.prototype, 'connect');
  return {
    calls,
    inner: {
      request(opts) {
        calls.push({ method: opts.method, uri: opts.uri });
        if (!respond) return real.request(opts as never);
        return Promise.resolve({ statusCode: opts.method === 'get' ? 200 : 201, body: JSON.stringify({ sid: 'SM0123456789abcdef0123456789abcdef', account_sid: ACCOUNT_SID, status: 'queued', messages: [], meta: { key: 'messages' } }), headers: {} });
      },
    },
    socketConnects: () => connect.mock.calls.length,
    restore: () => connect.mockRestore(),
  };
}
