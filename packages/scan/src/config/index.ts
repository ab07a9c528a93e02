// chaperone.yaml: load and validate it, derive the checks' context, apply attestations and mutes.
export { loadConfig, DEFAULT_CONFIG_FILE } from './load.ts';
export { parseConfig } from './parse.ts';
export { applyConfig, ConfigApplier, checkContextFrom } from './apply.ts';
export type { AppliedConfig } from './apply.ts';
export { ConfigError } from './errors.ts';
export { isCalendarDate, isExpired } from './dates.ts';
export { emptyConfig } from './types.ts';
export type { Attestation, ChaperoneConfig, Mute, SegmentConfig } from './types.ts';
