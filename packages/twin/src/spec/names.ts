// Twilio's naming conventions: request parameters are PascalCase (FriendlyName,
// Whatsapp.MsgServiceSid), response fields snake_case (friendly_name, whatsapp.msg_service_sid).

export function snakeCase(pascal: string): string {
  return pascal
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Splits a dotted PascalCase parameter (Whatsapp.MsgServiceSid) into snake_case field steps. */
export function fieldPathOfParam(param: string): string[] {
  return param.split('.').map(snakeCase);
}
