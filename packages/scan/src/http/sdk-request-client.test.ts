import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkRequestClient } from './sdk-request-client.ts';

// More sockets than Node's global agent keeps idle (256): the case a scan of 512 in flight hits.
const WAVE = 300;

describe('createSdkRequestClient', () => {
  let connections = 0;
  let held: ServerResponse[] = [];
  const server = createServer((_req, res) => {
    // Answer only once a whole wave is in: every request of a wave holds its own socket.
    held.push(res);
    if (held.length < WAVE) return;
    for (const r of held) r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    held = [];
  });
  server.on('connection', () => connections++);
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("is the SDK's RequestClient, and keeps a plain-http connection per slot open for the next requests", async () => {
    const client = createSdkRequestClient({ timeoutMs: 10_000, sockets: WAVE });
    expect(client).toBeInstanceOf(twilio.RequestClient);
    const wave = () => Promise.all(Array.from({ length: WAVE }, (_, i) => client.request({ method: 'get', uri: `${base}/x/${i}`, username: 'AC1', password: 'secret' })));
    const first = await wave();
    expect(first.every((r) => r.statusCode === 200 && (r.body as { ok: boolean }).ok)).toBe(true);
    await wave();
    // Node's global agent would have closed the sockets beyond its 256 idle ones and reconnected.
    expect(connections).toBe(WAVE);
  });
});
