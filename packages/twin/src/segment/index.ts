export { createSegmentTwin, type SegmentTwin, type SegmentRequestRecord } from './extension.ts';
export { validateSegmentFixture, type SegmentFixture } from './fixture.ts';
