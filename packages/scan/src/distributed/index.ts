// @chaperone/scan/distributed: the scan spread over a BullMQ queue on Redis (issue 11):
// the planner (scanQueued), the workers (startScanWorker), and what they share.
export { scanQueued, DEFAULT_ATTEMPTS, DEFAULT_LOST_AFTER_MS } from './planner.ts';
export type { QueuedScan, QueuedHooks } from './planner.ts';
export { startScanWorker, DEFAULT_WORKER_JOBS, DEFAULT_STALL_MS } from './worker.ts';
export type { ScanWorker, ScanWorkerOptions } from './worker.ts';
export { parseQueueUrl, checkReachable, QueueError, DEFAULT_QUEUE_PREFIX } from './connection.ts';
export type { QueueTarget } from './connection.ts';
export { RunLockedError } from './run-lock.ts';
export { progressSummaryLine, workerLines, readRunProgress, runProgressReader } from './progress.ts';
export type { RunProgress, RunProgressReader, WorkerStatus } from './progress.ts';
export { runKeys, jobId, QUEUE_NAME } from './keys.ts';
