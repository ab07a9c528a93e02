// A local https server standing in for the customer's app, with a certificate made at test
// time (selfsigned) and trusted only through the probe's test `ca` option: the probe runs
// its real TLS path, and a probe without that CA sees the real certificate error.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { generate } from 'selfsigned';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestApp {
  origin: string;
  ca: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** The answers a PHI-laden app body would carry: the probe must never surface them. */
export const APP_BODY_PHI = 'Maria Delgado DOB 03/14/1957';
export const BASIC_USER = 'twilio';
export const BASIC_SECRET = 's3cr3t-basic-pass';

export async function startTestApp(): Promise<TestApp> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const seen: SeenRequest[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'https://x').pathname;
      seen.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const send = (status: number, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
        res.end(`patient ${APP_BODY_PHI}`);
      };
      switch (path) {
        case '/accept': return send(200);
        case '/refuse': return send(403);
        case '/unauthorized': return send(401);
        case '/missing': return send(404);
        case '/method': return send(405);
        case '/broken': return send(500);
        case '/redirect': return send(302, { Location: '/accept?token=redirect-secret' });
        case '/digest': return send(401, { 'WWW-Authenticate': 'Digest realm="clinic", nonce="abc"' });
        // A CDN's firewall and a web server's IP filter, in front of the app.
        case '/waf': return send(403, { 'Content-Type': 'text/html; charset=UTF-8', Server: 'cloudflare', 'CF-RAY': '8a1b2c3d4e5f-SJC' });
        case '/ip-filter': return send(403, { 'Content-Type': 'text/html', Server: 'nginx' });
        case '/guarded': {
          const expected = `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_SECRET}`).toString('base64')}`;
          if (req.headers.authorization !== expected) return send(401, { 'WWW-Authenticate': 'Basic realm="clinic"' });
          return send(req.headers['x-twilio-signature'] ? 200 : 403);
        }
        case '/hang': {
          hanging.add(() => res.destroy());
          return;
        }
        default: return send(404);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    ca: pems.cert,
    seen,
    close: async () => {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
