export * from './ids.ts';
export * from './types.ts';
export { GUIDE_VERSION, GUIDE_URL, ELIGIBLE_SERVICES_URL, SEGMENT_HIPAA_URL } from './guide.ts';
export { ELIGIBLE_TWILIO_PRODUCTS, ELIGIBLE_TWILIO_API_DOMAINS, isEligibleTwilioHost } from './eligible.ts';
export type { EligibleProduct } from './eligible.ts';
export { controls, getControl, controlsFor, productSections, closestControlId } from './query.ts';
export type { ControlFilter } from './query.ts';
export { controlsMarkdownTable, renderControlsDoc, CLASSIFICATION_LABEL, citationText, verificationText } from './markdown.ts';
