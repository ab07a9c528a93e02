// The twilio SDK's own RequestClient (axios underneath) as the scanner configures it: every
// Twilio call still goes through the SDK; this only sizes its connection pools to the
// scan's concurrency and trims per-request work the scan never needs.
import http from 'node:http';
import twilio from 'twilio';

type RequestClient = InstanceType<typeof twilio.RequestClient>;

export interface SdkRequestClientOptions {
  timeoutMs: number;
  /** Sockets kept open (and reused) per host: the scan's total concurrency. */
  sockets: number;
}

export function createSdkRequestClient({ timeoutMs, sockets }: SdkRequestClientOptions): RequestClient {
  const client = new twilio.RequestClient({
    timeout: timeoutMs,
    keepAlive: true,
    // The SDK's https agent defaults to 20 sockets per host and keeps 5 idle: at a scan's
    // concurrency most requests would open a new TLS connection. The global limiter is the real bound.
    maxSockets: sockets,
    maxTotalSockets: sockets,
    maxFreeSockets: sockets,
  });
  const defaults = client.axios.defaults;
  // The SDK sets only an https agent; plain http (a base URL onto the twin or a proxy in
  // front of Twilio) fell back to Node's global agent, which keeps 256 idle sockets and
  // closes the rest, so a scan of 512 in flight kept reconnecting. Same pool as https.
  defaults.httpAgent = new http.Agent({ keepAlive: true, timeout: timeoutMs, maxSockets: sockets, maxTotalSockets: sockets, maxFreeSockets: sockets });
  // axios deep-merges every per-method header default into every request (12 objects);
  // the scanner sends GET only (ScanHttpClient refuses the rest before any I/O).
  defaults.headers = { common: defaults.headers.common, get: defaults.headers.get } as typeof defaults.headers;
  // Resolved per request from ['xhr', 'http', 'fetch'] otherwise; Node has the http adapter.
  defaults.adapter = 'http';
  return client;
}
