export { trackingPlanGuard, type TrackingPlanGuardOptions } from './plugin.ts';
export { allowListFromRules, type AllowList } from './allow-list.ts';
export { sanitizeEvent, type GuardDecision, type FieldProtection } from './sanitize.ts';
export { decryptField, encryptField, hmacField, parseKey } from './crypto.ts';
