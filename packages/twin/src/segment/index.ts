export { createSegmentTwin, type SegmentTwin, type SegmentRequestRecord } from './extension.ts';
export { segmentFixtureText, SAMPLE_CLINIC_SEGMENT_FIXTURE } from './load-fixture.ts';
export { validateSegmentFixture, type SegmentFixture } from './fixture.ts';
