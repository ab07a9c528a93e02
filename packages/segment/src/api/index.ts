export { SegmentClient, SEGMENT_BASE_URLS, type SegmentClientOptions, type SegmentRegion, type ClientStats, type GetOptions } from './client.ts';
export { SegmentApiError, SegmentGuardError, sanitizeLine } from './errors.ts';
export * from './types.ts';
