// The Segment part of the scanner: a read-only collector and the checks of the guide's
// Segment sections.
export { collectSegmentInventory, collectSegment, UNKNOWN_WORKSPACE, type CollectSegmentOptions } from './collect.ts';
export { segmentChecks } from './checks/index.ts';
export { SEGMENT_KINDS, ALL_SEGMENT_KINDS, type SegmentKind } from './kinds.ts';
