// Child process of bench/scan.bench.ts: a generated organisation behind the twin, in its
// own process so its CPU does not share the scanner's event loop (on a real scan Twilio's
// servers are not in the process). With SCAN_TWIN_RECORD=1 it keeps every request it
// serves (path and Authorization) until the parent takes them, so the raw client can
// replay exactly what the scanner sent.
import { Server, type IncomingMessage } from 'node:http';
import { startTwin } from '@chaperone/twin';

export interface RecordedRequest {
  path: string;
  authorization: string;
  /** The account the credentials are for (the raw client spreads its requests over them). */
  account: string;
}

export interface TwinInfo {
  baseUrl: string;
  master: { accountSid: string; authToken: string };
}

export type TwinQuestion = { type: 'take' } | { type: 'cpu' } | { type: 'stop' };
export type TwinAnswer = { type: 'info'; info: TwinInfo } | { type: 'requests'; requests: RecordedRequest[] } | { type: 'cpu'; seconds: number };

const subaccounts = Number(process.env.SCAN_TWIN_SUBACCOUNTS);
const latencyMs = Number(process.env.SCAN_TWIN_LATENCY_MS);
const perAccountLimit = Number(process.env.SCAN_TWIN_PER_ACCOUNT_LIMIT);
let recording = process.env.SCAN_TWIN_RECORD === '1';
let recorded: RecordedRequest[] = [];

if (recording) {
  // startTwin keeps its server to itself; every node:http server emits 'request', so the
  // recording hooks there (this process serves nothing else).
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (recording && event === 'request') {
      const req = args[0] as IncomingMessage;
      const authorization = req.headers.authorization ?? '';
      const account = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString().split(':')[0] ?? '';
      recorded.push({ path: req.url ?? '/', authorization, account });
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

const twin = await startTwin({
  generate: { subaccounts, resources: 20, seed: 42 },
  faults: { latencyMs, concurrency: perAccountLimit, retryAfterSeconds: 1 },
});
const send = (answer: TwinAnswer) => process.send!(answer);
send({ type: 'info', info: { baseUrl: twin.baseUrl, master: twin.master } });
process.on('disconnect', () => process.exit(0)); // the benchmark ended, or died
process.on('message', (question: TwinQuestion) => {
  if (question.type === 'take') {
    send({ type: 'requests', requests: recorded });
    recording = false;
    recorded = [];
  } else if (question.type === 'cpu') {
    const u = process.cpuUsage();
    send({ type: 'cpu', seconds: (u.user + u.system) / 1e6 });
  } else {
    void twin.close().then(() => process.exit(0));
  }
});
