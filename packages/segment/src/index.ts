// @chaperone/segment: a read-only Segment Public API client, an FQL parser/evaluator for
// destination filters, SQL column analysis for Reverse ETL and SQL traits, and a
// tracking-plan + PHI plugin for @segment/analytics-node.
export * from './api/index.ts';
export * from './fql/index.ts';
export * from './sql/index.ts';
export * from './phi-fields.ts';
export * from './plugin/index.ts';
