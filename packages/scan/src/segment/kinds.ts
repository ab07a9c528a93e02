// Inventory kinds of the Segment collector (`segment.<resource>`).
export const SEGMENT_KINDS = {
  source: 'segment.source',
  sourceSettings: 'segment.source_settings',
  destination: 'segment.destination',
  destinationFilter: 'segment.destination_filter',
  destinationSubscription: 'segment.destination_subscription',
  trackingPlan: 'segment.tracking_plan',
  reverseEtlModel: 'segment.reverse_etl_model',
  warehouse: 'segment.warehouse',
  space: 'segment.space',
  computedTrait: 'segment.computed_trait',
  profilesWarehouse: 'segment.profiles_warehouse',
  audience: 'segment.audience',
  activation: 'segment.activation',
  function: 'segment.function',
  regulation: 'segment.regulation',
  suppression: 'segment.suppression',
} as const;

export type SegmentKind = (typeof SEGMENT_KINDS)[keyof typeof SEGMENT_KINDS];

export const ALL_SEGMENT_KINDS: readonly SegmentKind[] = Object.values(SEGMENT_KINDS);
