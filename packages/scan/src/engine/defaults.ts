// The scan's default limits, apart so the engine's modules and the CLI share one value.

export const DEFAULT_CONCURRENCY = 25;
/**
 * Requests in flight for the whole scan. Twilio's limits are per account, so this bounds
 * the scanner's own sockets and memory: at 512 one process keeps up with the responses on a
 * shared two-core machine (bench/scan.bench.ts: 128 left it waiting on latency, 512 keeps the CPU busy under 1 GB).
 */
export const DEFAULT_TOTAL_CONCURRENCY = 512;
export const DEFAULT_TIMEOUT_MS = 30_000;
