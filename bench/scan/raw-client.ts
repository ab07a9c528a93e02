// Child process of bench/scan.bench.ts: the physical limit of the scan on this machine.
// A minimal client (undici Pool, keep-alive, the scanner's total concurrency) sends the
// requests the scanner sent, recorded by the twin, to the same twin: it reads every body
// and does nothing else (no SDK, no parsing, no checks). It knows the whole list up front,
// so it never waits for a parent page before asking for its children: a bound the scanner
// cannot beat. Requests are spread over accounts (round robin) so no account nears the
// twin's per-account limit; a 429 is retried after its Retry-After and counted.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import type { RecordedRequest } from './twin.ts';
import { reportRun } from './measure.ts';

export interface RawJob {
  baseUrl: string;
  requestsFile: string;
  concurrency: number;
}

/** The recorded requests reordered round robin over accounts (each account's own order kept). */
export function spreadOverAccounts(requests: readonly RecordedRequest[]): RecordedRequest[] {
  const byAccount = new Map<string, RecordedRequest[]>();
  for (const r of requests) {
    let list = byAccount.get(r.account);
    if (!list) byAccount.set(r.account, (list = []));
    list.push(r);
  }
  const lists = [...byAccount.values()];
  const out: RecordedRequest[] = [];
  for (let i = 0; out.length < requests.length; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

if (process.argv[1]?.endsWith('raw-client.ts')) {
  const job = JSON.parse(process.argv[2]!) as RawJob;
  const requests = spreadOverAccounts(JSON.parse(readFileSync(job.requestsFile, 'utf8')) as RecordedRequest[]);
  const pool = new Pool(job.baseUrl, { connections: job.concurrency, pipelining: 1 });
  await reportRun(async () => {
    const statuses: Record<string, number> = {};
    let throttled = 0;
    let bytes = 0;
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        for (;;) {
          const res = await pool.request({ method: 'GET', path: r.path, headers: { authorization: r.authorization } });
          const body = await res.body.text();
          if (res.statusCode === 429) {
            throttled++;
            await new Promise((done) => setTimeout(done, Number(res.headers['retry-after'] ?? 1) * 1000));
            continue;
          }
          bytes += body.length;
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, worker));
    await pool.close();
    return { requests: requests.length, throttled, statuses, bodyMB: bytes / 2 ** 20 };
  });
}
