// The Flex Configuration fields that hold free-form JSON (the flex v1 `configuration` schema
// gives them no type). One list, so the PHI check (TW-FLEX-UI-CONFIG) and the custom-media
// check (TW-FLEX-CUSTOM-MEDIA) read the same fields: a URL or a value in one of them is seen by
// both or by neither.
export const FLEX_JSON_FIELDS: readonly string[] = [
  'attributes',
  'ui_attributes',
  'public_attributes',
  'crm_attributes',
  'taskrouter_worker_attributes',
  'plugin_service_attributes',
  'channel_configs',
];
