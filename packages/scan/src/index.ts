// @chaperone/scan: audit Twilio accounts (and a Segment workspace) against the guide.
export type * from './types.ts';
export { STATUS_ORDER } from './types.ts';
export type { Check, CheckContext } from './check.ts';
export { scan, scanWithInventory, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_TOTAL_CONCURRENCY } from './engine/scan.ts';
export type { ScanOptions, ScanResult, InventorySource, ProgressUpdate } from './engine/scan.ts';
export { runChecks } from './engine/run-checks.ts';
export { manualFindings } from './engine/manual.ts';
export { twilioChecks } from './checks/index.ts';
export { twilioCollectors, twilioKinds } from './collect/index.ts';
export { collectTwilioInventory } from './collect/inventory.ts';
export { ScanInputError } from './collect/accounts-discovery.ts';
export { credentialsFromEnv, CredentialError } from './twilio/credentials.ts';
export type { TwilioCredentials } from './twilio/credentials.ts';
export { ClientPool, ScanHttpClient } from './http/scan-http-client.ts';
export { ReadOnlyViolation, redactUrl } from './http/sanitize.ts';
export { exitCodeFor } from './engine/exit-code.ts';
