// Child process of bench/twin.bench.ts: runs the twin on its own core so the load loop
// in the parent does not share an event loop with the server it measures. Pages are
// realistic (50 of each generated kind per account, so a PageSize=50 list is full) and
// the render cache is off, so every response is rendered as a first request would be.
//
// With `--static`, the physical limit instead: the same pages, fetched once from the twin,
// served as fixed bytes by a bare node:http server (no routing, auth or rendering), so the
// ratio between the two is what the twin's own work costs.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTwin } from '@chaperone/twin';

const KINDS_IN_MIX = 10; // generate.ts spreads resources over 10 kinds
export const ITEMS_PER_PAGE = 50;

const twin = await startTwin({ generate: { subaccounts: 50, resources: KINDS_IN_MIX * ITEMS_PER_PAGE, seed: 3 }, renderCache: false });
const accounts = twin.accounts.filter((a) => a.ownerAccountSid);

if (process.argv.includes('--static')) {
  const paths = (process.argv[process.argv.indexOf('--static') + 1] ?? '').split(',');
  const pages = new Map<string, Buffer>();
  for (const account of accounts) {
    const authorization = 'Basic ' + Buffer.from(`${account.sid}:${account.authToken}`).toString('base64');
    for (const template of paths) {
      const path = template.replace('{sid}', account.sid);
      const res = await fetch(twin.baseUrl + path, { headers: { authorization } });
      pages.set(`${authorization} ${path}`, Buffer.from(await res.arrayBuffer()));
    }
  }
  await twin.close();
  const server = createServer((req, res) => {
    const body = pages.get(`${req.headers.authorization} ${req.url}`);
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.send!({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accounts });
  process.on('message', () => server.close(() => process.exit(0)));
} else {
  process.send!({ baseUrl: twin.baseUrl, accounts });
  process.on('message', async () => {
    await twin.close();
    process.exit(0);
  });
}
