// The Twilio products the guide allows in PHI workflows, mapped to the REST API
// domains (`{domain}.twilio.com`) they are served from. The guard's TW-ELIGIBLE-ONLY
// rule denies requests to any other domain; the scanner uses the same list to name
// resources that live on non-eligible products.
//
// Source sentence (guide, "Designation of HIPAA accounts"): "They may use any Twilio
// products and services under the designated HIPAA Projects and Subaccounts, but
// workflows that potentially contain PHI can only be built using HIPAA Eligible Products
// and Services." Each product section of the guide then opens with "... capabilities
// listed under HIPAA Eligible Products and Services are HIPAA eligible" (Video, Voice and
// SIP, SMS, Chat, Conversations, Frontline, Verify, Lookup, Event Streams, Twilio for
// Salesforce, Flex) and Runtime lists its tools under "Eligible for HIPAA". Only the
// products the guide itself covers are listed: anything else (AI Assistants, Marketplace,
// WhatsApp senders, Notify, Proxy...) is not eligible until the guide says so, which is
// the fail-closed reading.

export interface EligibleProduct {
  /** Product name as the guide writes it. */
  product: string;
  /** API subdomains of twilio.com that serve it. */
  domains: readonly string[];
  /** The guide's section (or Runtime sub-heading) that makes it eligible. */
  guideSection: string;
}

export const ELIGIBLE_TWILIO_PRODUCTS: readonly EligibleProduct[] = [
  // The core API hosts calls, messages, numbers, recordings, SIP and (sunset) TwiML apps.
  { product: 'Programmable Voice and SIP', domains: ['api', 'voice', 'trunking'], guideSection: 'Programmable Voice and SIP' },
  { product: 'Programmable SMS and MMS', domains: ['api', 'messaging'], guideSection: 'Programmable SMS' },
  { product: 'Programmable Video (Group Rooms)', domains: ['video'], guideSection: 'Programmable Video' },
  { product: 'Studio', domains: ['studio'], guideSection: 'Developer Tools — Runtime: Studio' },
  { product: 'Functions and Assets (Serverless)', domains: ['serverless'], guideSection: 'Developer Tools — Runtime: Functions, Assets' },
  { product: 'Debugger', domains: ['monitor'], guideSection: 'Developer Tools — Runtime: Debugger' },
  { product: 'Sync', domains: ['sync'], guideSection: 'Developer Tools — Runtime: Sync' },
  { product: 'Programmable Chat (sunset)', domains: ['chat', 'ip-messaging'], guideSection: 'Programmable Chat' },
  { product: 'Conversations', domains: ['conversations'], guideSection: 'Twilio Conversations' },
  { product: 'Frontline', domains: ['frontline-api'], guideSection: 'Twilio Frontline' },
  { product: 'Verify (SMS and Voice)', domains: ['verify'], guideSection: 'Verify' },
  { product: 'Lookup (without Marketplace add-ons)', domains: ['lookups'], guideSection: 'Lookup' },
  { product: 'Event Streams', domains: ['events'], guideSection: 'Event Streams (Beta)' },
  { product: 'Flex', domains: ['flex-api', 'taskrouter'], guideSection: 'Twilio Flex' },
  // Account administration (subaccounts, PKCV public keys) carries no PHI; the guide asks
  // customers to use PKCV, which lives on the accounts domain.
  { product: 'Account administration and Public Key Client Validation', domains: ['accounts'], guideSection: 'Security and Compliance: Public Key Client Validation' },
];

/** Every API subdomain of twilio.com that serves an eligible product, sorted, without duplicates. */
export const ELIGIBLE_TWILIO_API_DOMAINS: readonly string[] = [
  ...new Set(ELIGIBLE_TWILIO_PRODUCTS.flatMap((p) => p.domains)),
].sort();

/** True when `host` (e.g. `messaging.twilio.com`, `api.us1.twilio.com`) serves an eligible product. */
export function isEligibleTwilioHost(host: string): boolean {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 3 || labels.at(-1) !== 'com' || labels.at(-2) !== 'twilio') return false;
  // Regional hosts are `{domain}.{edge}.{region}.twilio.com` or `{domain}.{region}.twilio.com`:
  // the product is always the first label.
  return ELIGIBLE_TWILIO_API_DOMAINS.includes(labels[0]!);
}
