// Child process of bench/scan.bench.ts: the scanner's own HTTP stack without the scanner.
// The requests the scanner sent (recorded by the twin) go, at the same concurrency, through
// exactly what the scanner's collectors call: one official SDK client per account on a
// ClientPool (GET guard, base-URL rewrite, per-account and global limiters, retries, and
// UndiciRequestClient, the httpClient the scanner gives the SDK). No paging
// logic, no parsing beyond the SDK's, no checks. Set between the raw client and the
// scanner, it splits the gap in two: what the HTTP layer under the SDK costs per request, and what
// the engine (collection, checks, findings) adds on top.
import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { ClientPool } from '@chaperone/scan';
import { splitTwinPath } from '@chaperone/twin/base-url';
import { spreadOverAccounts } from './raw-client.ts';
import type { RecordedRequest } from './twin.ts';
import { reportRun } from './measure.ts';

export interface SdkReplayJob {
  baseUrl: string;
  requestsFile: string;
  perAccountConcurrency: number;
  totalConcurrency: number;
}

const job = JSON.parse(process.argv[2]!) as SdkReplayJob;
const requests = spreadOverAccounts(JSON.parse(readFileSync(job.requestsFile, 'utf8')) as RecordedRequest[]);
const pool = new ClientPool({ baseUrl: job.baseUrl, perAccountConcurrency: job.perAccountConcurrency, totalConcurrency: job.totalConcurrency, timeoutMs: 30_000 });
const clients = new Map<string, ReturnType<typeof twilio>>();

/** The account's SDK client, made the way the scanner makes one (twilio/client.ts). */
function clientFor(r: RecordedRequest): ReturnType<typeof twilio> {
  let client = clients.get(r.authorization);
  if (!client) {
    const [username, password] = Buffer.from(r.authorization.replace(/^Basic /, ''), 'base64').toString().split(':') as [string, string];
    client = twilio(username, password, { accountSid: r.account, httpClient: pool.forAccount() as unknown as InstanceType<typeof twilio.RequestClient> });
    clients.set(r.authorization, client);
  }
  return client;
}

await reportRun(async () => {
  const statuses: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      const { sub, path } = splitTwinPath(r.path)!;
      const response = (await clientFor(r).request({ method: 'get', uri: `https://${sub}.twilio.com${path}` })) as { statusCode: number };
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: job.totalConcurrency }, worker));
  return { requests: pool.stats.requests, throttled: pool.stats.throttled, statuses };
});
