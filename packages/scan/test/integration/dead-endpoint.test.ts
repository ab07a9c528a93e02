// A base URL that accepts connections and never answers used to hold a scan for 7 minutes
// (192 requests, each waiting out its timeout and retries) before it reported incomplete.
// Now the account list's timeouts trip the host's breaker and the scan stops: exit 3, one line.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../cli/src/commands/scan.ts';
import { captureIO } from './twin-scan.ts';

const MASTER = `AC${'5'.repeat(32)}`;
const TOKEN = 'f'.repeat(32);
let server: Server | undefined;

async function silentServer(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  // Reads every request and never writes a byte back.
  server = createServer(() => void requests++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe('a dead endpoint', () => {
  it('stops the scan after the account list times out: exit 3, one warning line, no further requests', async () => {
    const dead = await silentServer();
    const io = captureIO({ TWILIO_ACCOUNT_SID: MASTER, TWILIO_AUTH_TOKEN: TOKEN });
    const code = await run(['--twilio-base-url', dead.url, '--timeout', '0.2', '--no-progress'], io);
    expect(code).toBe(3);
    // The first request and its retries until the breaker opens: 3, not one per API.
    expect(dead.requests()).toBe(3);
    const lines = io.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^chaperone scan: warning: subaccounts not scanned: the account list .* could not be read/);
    expect(io.err + io.out).not.toContain(TOKEN);
  }, 30_000);

  it('--deadline ends a run whose requests never return: exit 3', async () => {
    const dead = await silentServer();
    const io = captureIO({ TWILIO_ACCOUNT_SID: MASTER, TWILIO_AUTH_TOKEN: TOKEN });
    const code = await run(['--twilio-base-url', dead.url, '--timeout', '60', '--deadline', '0.5', '--no-progress'], io);
    expect(code).toBe(3);
    expect(dead.requests()).toBe(1);
    expect(io.err).toMatch(/deadline/);
  }, 30_000);
});
