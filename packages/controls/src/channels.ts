// The catalog's one channel policy (TW-SMS-CHANNELS, TW-CONV-CHANNELS, TW-FRONTLINE-CHANNELS,
// TW-VERIFY-CHANNELS, TW-FLEX-CHANNELS), shared by the scanner's checks and the guard's
// outbound rules so a channel gets the same verdict at scan time and at run time.
//
// The guide states allow-lists: Conversations "only SMS and Chat", Verify "SMS and Voice",
// Flex without WhatsApp, Messenger or SendGrid email. So each Twilio field that selects a
// channel has the eligible values listed here, and every other value, one of Twilio's enum
// today or one it adds tomorrow, is refused (fail closed). The enums are those of Twilio's
// OpenAPI specs (`twilio-oai`, in @twilio-alpha/mcp), kept beside each list so a reviewer
// sees what is refused.

export interface ChannelField {
  /** Where the value lives, as a person would look for it. */
  field: string;
  /** Every value of Twilio's enum for the field (informational: anything not eligible is refused). */
  twilioEnum: readonly string[];
  /** The values the guide allows. */
  eligible: readonly string[];
}

export const CHANNEL_FIELDS = {
  /** Conversations address configuration `type` (configuration_address_enum_type). Guide: "only SMS and Chat". */
  conversationsAddressType: {
    field: 'Conversations address configuration type',
    twilioEnum: ['sms', 'whatsapp', 'messenger', 'gbm', 'email', 'rcs', 'apple', 'chat'],
    eligible: ['sms', 'chat'],
  },
  /**
   * Conversations participant `messaging_binding.type`. Not an enum in the spec; it names
   * the same channels as the address types, so the same allow-list applies.
   */
  conversationsBindingType: {
    field: 'Conversations participant messaging_binding.type',
    twilioEnum: ['sms', 'whatsapp', 'messenger', 'gbm', 'email', 'rcs', 'apple', 'chat'],
    eligible: ['sms', 'chat'],
  },
  /**
   * Flex Flow `channel_type` (flex_flow_enum_channel_type). `web` is Flex's chat. `custom`
   * is refused: its channel is not known, and the allow-list does not guess.
   */
  flexFlowChannelType: {
    field: 'Flex Flow channel_type',
    twilioEnum: ['web', 'sms', 'facebook', 'whatsapp', 'line', 'custom'],
    eligible: ['web', 'sms'],
  },
  /** Flex Interaction channel `type` (interaction_channel_enum_type): Voice, SMS and chat. */
  flexInteractionChannelType: {
    field: 'Flex Interaction channel type',
    twilioEnum: ['voice', 'sms', 'email', 'web', 'whatsapp', 'chat', 'messenger', 'gbm'],
    eligible: ['voice', 'sms', 'web', 'chat'],
  },
  /** Verify Verification `Channel`. Guide: SMS and Voice ("no email, no WhatsApp"). */
  verifyChannel: {
    field: 'Verify Verification Channel',
    twilioEnum: ['sms', 'call', 'email', 'whatsapp', 'sna', 'auto'],
    eligible: ['sms', 'call'],
  },
} as const satisfies Record<string, ChannelField>;

export type ChannelFieldName = keyof typeof CHANNEL_FIELDS;

/** Is `value` (any case, surrounding space ignored) an eligible value of the field? Empty is not. */
export function isEligibleChannel(field: ChannelFieldName, value: string): boolean {
  const v = value.trim().toLowerCase();
  return v !== '' && (CHANNEL_FIELDS[field].eligible as readonly string[]).includes(v);
}

// Address schemes of Voice endpoints (Twilio Client identities, SIP URIs): not messaging channels.
const VOICE_SCHEMES = new Set(['client', 'sip', 'sips']);

/**
 * Address prefixes Twilio uses for channels the guide does not allow (a sender
 * `whatsapp:+1...`, a binding `messenger:123`). Used only to recognise such an address in a
 * field that is not an address (a free parameter); an address field itself is held to
 * `isEligibleMessagingAddress`, which refuses every scheme.
 */
export const NON_ELIGIBLE_ADDRESS_SCHEMES: readonly string[] = ['whatsapp', 'messenger', 'fbm', 'facebook', 'gbm', 'rcs', 'apple', 'instagram', 'line'];

/** The scheme of an address (`whatsapp` of `whatsapp:+1415...`), lower case; undefined for a bare number or name. */
export function addressScheme(value: string): string | undefined {
  return /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
}

/**
 * May a message go to or from this address? SMS and MMS addresses are bare: a phone
 * number, a short code, an alphanumeric sender. Any scheme (`whatsapp:`, `rcs:`,
 * `apple:`...) names another channel and is refused; `client:` and `sip:` are Voice
 * endpoints and stay for the Voice controls to judge.
 */
export function isEligibleMessagingAddress(value: string): boolean {
  const scheme = addressScheme(value);
  return scheme === undefined || VOICE_SCHEMES.has(scheme);
}

/** Does a free-text value start with the prefix of a channel the guide does not allow? */
export function nonEligibleAddressScheme(value: string): string | undefined {
  const scheme = addressScheme(value);
  return scheme !== undefined && NON_ELIGIBLE_ADDRESS_SCHEMES.includes(scheme) ? scheme : undefined;
}
