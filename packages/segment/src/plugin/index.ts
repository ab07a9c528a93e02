export { trackingPlanGuard, type TrackingPlanGuardOptions } from './plugin.ts';
export { allowListFromRules, compileAllowList, fieldSchemaFromJsonSchema, type AllowList, type AllowedFields, type CompiledAllowList, type FieldSchema } from './allow-list.ts';
export { sanitizeEvent, type GuardDecision, type FieldProtection } from './sanitize.ts';
export { decryptField, encryptField, hmacField, parseKey } from './crypto.ts';
