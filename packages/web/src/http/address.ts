// The client's address, for sign-in throttling. The socket's own address: a header such as
// X-Forwarded-For is whatever the client says, and would let it reset its own count.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not behind @hono/node-server (app.request in tests): one shared bucket.
    return 'unknown';
  }
}
