// Child process of bench/scan.bench.ts: one run of the real scanner (collection and
// checks, through scan() as `chaperone scan` calls it) against the twin at argv[2].baseUrl.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { scan } from '@chaperone/scan';
import { reportRun } from './measure.ts';

export interface ScannerJob {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
  perAccountConcurrency: number;
  totalConcurrency: number;
  /** Write a CPU profile of the scan alone (not the process start) to this file. */
  profileFile?: string;
}

const job = JSON.parse(process.argv[2]!) as ScannerJob;
const session = job.profileFile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
await reportRun(async () => {
  const credentials = { accountSid: job.master.accountSid, username: job.master.accountSid, password: job.master.authToken, kind: 'auth-token' as const };
  const report = await scan({
    twilio: { credentials, baseUrl: job.baseUrl },
    concurrency: job.perAccountConcurrency,
    totalConcurrency: job.totalConcurrency,
  });
  if (session) writeFileSync(job.profileFile!, JSON.stringify((await session.post('Profiler.stop')).profile));
  return {
    requests: report.scan.requests,
    throttled: report.scan.throttled,
    retries: report.scan.retries,
    accounts: report.scan.accounts.length,
    findings: report.findings.length,
    complete: report.scan.complete,
  };
});
