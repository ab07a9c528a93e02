// Types of the Segment Public API resources Chaperone reads, written after the models of
// the current public SDK (`segmentio/public-api-sdk-typescript` model/*.ts at 73.x). Only
// the fields the scanner uses are required; everything else stays optional because alpha
// and beta endpoints change shape. List keys marked "unverified" follow the SDK's naming
// conventions but were not checked against a live workspace.

export type ApiVersion = 'v1' | 'v1beta' | 'v1alpha';

export interface PaginationOutput {
  current?: string;
  next?: string | null;
  previous?: string | null;
  totalEntries?: number;
}

export interface SegmentErrorEnvelope {
  errors: { type: string; message?: string; field?: string; status?: number }[];
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
}

export interface CatalogMetadata {
  id: string;
  slug: string;
  name: string;
  categories?: string[];
}

export interface SourceV1 {
  id: string;
  slug: string;
  name?: string;
  enabled: boolean;
  workspaceId: string;
  metadata: CatalogMetadata;
  writeKeys: string[];
  labels: { key: string; value: string }[];
  settings?: Record<string, unknown>;
}

export type CommonEventOnViolations = 'ALLOW' | 'BLOCK' | 'OMIT_PROPERTIES' | 'OMIT_TRAITS';

export interface TrackSettings {
  allowUnplannedEvents?: boolean;
  allowUnplannedEventProperties?: boolean;
  allowEventOnViolations?: boolean;
  allowPropertiesOnViolations?: boolean;
  commonEventOnViolations?: CommonEventOnViolations;
}

export interface TraitSettings {
  allowUnplannedTraits?: boolean;
  allowTraitsOnViolations?: boolean;
  commonEventOnViolations?: CommonEventOnViolations;
}

export interface SourceSettingsOutputV1 {
  track?: TrackSettings;
  identify?: TraitSettings;
  group?: TraitSettings;
  forwardingViolationsTo?: string;
  forwardingBlockedEventsTo?: string;
}

export interface DestinationV1 {
  id: string;
  name?: string;
  enabled: boolean;
  sourceId: string;
  metadata: CatalogMetadata;
  /** May hold API keys: never copied into evidence. */
  settings: Record<string, unknown>;
}

export type DestinationFilterAction =
  | { type: 'DROP' }
  | { type: 'SAMPLE'; percent: number; path?: string }
  | { type: 'DROP_PROPERTIES'; fields: Record<string, string[]> }
  | { type: 'ALLOW_PROPERTIES'; fields: Record<string, string[]> };

export interface DestinationFilterV1 {
  id: string;
  sourceId: string;
  destinationId: string;
  if: string;
  actions: DestinationFilterAction[];
  title: string;
  description?: string;
  enabled: boolean;
}

export interface DestinationSubscription {
  id: string;
  name: string;
  actionId: string;
  actionSlug: string;
  destinationId: string;
  enabled: boolean;
  /** Field mappings: destination field → value or `{ '@path': '$.properties.x' }` directive. */
  settings: Record<string, unknown>;
  trigger: string;
  /** Set when the subscription is a Reverse ETL mapping. */
  modelId?: string;
}

export interface TrackingPlanV1 {
  id: string;
  name?: string;
  slug?: string;
  description?: string;
  type: 'LIVE' | 'ENGAGE' | 'PROPERTY_LIBRARY' | 'RULE_LIBRARY' | 'TEMPLATE';
  createdAt?: string;
  updatedAt?: string;
}

export interface RuleV1 {
  type: 'COMMON' | 'GROUP' | 'IDENTIFY' | 'PAGE' | 'SCREEN' | 'TRACK';
  key?: string;
  jsonSchema: Record<string, unknown>;
  version: number;
  deprecatedAt?: string;
}

export interface ReverseEtlModel {
  id: string;
  sourceId: string;
  name: string;
  description?: string;
  enabled: boolean;
  query: string;
  queryIdentifierColumn: string;
}

export interface Space {
  id: string;
  slug: string;
  name: string;
}

export interface ComputedTrait {
  id: string;
  spaceId: string;
  name: string;
  key?: string;
  enabled?: boolean;
  /** `type` USERS | ACCOUNTS with an audience-language `query`; SQL traits carry `type: 'SQL'` (unverified). */
  definition?: { type: string; query: string };
}

export interface ProfilesWarehouse {
  id: string;
  spaceId: string;
  workspaceId: string;
  enabled: boolean;
  metadata: CatalogMetadata;
  settings: Record<string, unknown>;
  schemaName?: string;
}

export interface Audience {
  id: string;
  spaceId: string;
  name: string;
  key?: string;
  enabled?: boolean;
}

export interface Activation {
  id: string;
  spaceId: string;
  audienceId: string;
  /** The destination connection the audience activates to (in the twin: a destination id). */
  connectionId: string;
  activationName?: string;
  enabled: boolean;
}

export interface FunctionSettingV1 {
  name: string;
  label?: string;
  type: string;
  required?: boolean;
  sensitive: boolean;
}

export interface FunctionV1 {
  id: string;
  displayName?: string;
  resourceType?: 'DESTINATION' | 'INSERT_DESTINATION' | 'INSERT_SOURCE' | 'SOURCE';
  settings?: FunctionSettingV1[];
  /** The function's code: never copied into evidence. */
  code?: string;
}

export interface WarehouseV1 {
  id: string;
  name?: string;
  enabled: boolean;
  metadata: CatalogMetadata;
  settings: Record<string, unknown>;
}

export interface RegulationV1 {
  id: string;
  workspaceId?: string;
  overallStatus?: string;
  createdAt?: string;
  finishedAt?: string;
  regulationType?: 'DELETE_INTERNAL' | 'DELETE_ONLY' | 'SUPPRESS_ONLY' | 'SUPPRESS_WITH_DELETE' | 'UNSUPPRESS';
}
