// Child process of bench/scan.bench.ts: one run of the real scanner (collection and
// checks, as `chaperone scan` does them) against the twin at argv[2].baseUrl.
import { scanWithInventory } from '@chaperone/scan';
import { reportRun } from './measure.ts';

export interface ScannerJob {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
  perAccountConcurrency: number;
  totalConcurrency: number;
}

const job = JSON.parse(process.argv[2]!) as ScannerJob;
await reportRun(async () => {
  const credentials = { accountSid: job.master.accountSid, username: job.master.accountSid, password: job.master.authToken, kind: 'auth-token' as const };
  const { report, inventory } = await scanWithInventory({
    twilio: { credentials, baseUrl: job.baseUrl },
    concurrency: job.perAccountConcurrency,
    totalConcurrency: job.totalConcurrency,
  });
  return {
    requests: report.scan.requests,
    throttled: report.scan.throttled,
    retries: report.scan.retries,
    accounts: report.scan.accounts.length,
    resources: inventory.resources.length,
    findings: report.findings.length,
    complete: report.scan.complete,
  };
});
