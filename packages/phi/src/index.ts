// @chaperone/phi: find and redact HIPAA Safe Harbor identifiers in short text and JSON.
export { detectPhi, RECOGNIZERS, type DetectOptions } from './engine.ts';
export { redactPhi, sanitizeForSupport, hashToken, maskValue } from './redact.ts';
export { scanJson, redactJson } from './json.ts';
export { maskPhoneNumber } from './mask.ts';
export { abaValid, itinValid, luhnValid, ssnValid, npiValid, deaValid, mbiValid, vinValid } from './validators.ts';
export type { Recognizer } from './recognizers/shared.ts';
export type { PhiHit, PhiType, JsonPhiHit, RedactOptions, RedactionStyle } from './types.ts';
export { decodeEscaped, encodeEscaped } from './bytes.ts';
