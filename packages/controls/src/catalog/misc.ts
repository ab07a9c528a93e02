import { ELIGIBLE_SERVICES_URL, GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

export const verifyLookupEvents = section('twilio', 'Verify, Lookup, Event Streams, Salesforce', [
  {
    id: 'TW-VERIFY-CHANNELS',
    classification: 'required',
    summary: 'Verify may use only SMS and Voice to/from US numbers (no email, no WhatsApp)',
    // The scan sees a service's WhatsApp sender only: the Service resource has no email
    // field, so the email half is the guard's (Channel allow-list sms, call, channels.ts).
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Clear the WhatsApp sender and email integration of Verify services used with PHI (Console > Verify > Services > service), and start verifications only with Channel=sms or call to US numbers.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-LOOKUP-ADDONS',
    classification: 'not-eligible',
    summary: 'Lookup via Marketplace add-ons is not eligible',
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Drop the `AddOns` parameter from Lookup requests in PHI workflows and uninstall Lookup add-ons; use Lookup v2 data packages only.',
    reference: 'https://www.twilio.com/docs/add-ons/publisher-marketplace',
    seeAlso: 'TW-MARKETPLACE',
  },
  {
    id: 'TW-EVENTS-SINKS',
    classification: 'special-consideration',
    summary: 'Event sinks must be HIPAA compliant (e.g. Kinesis configured per AWS\'s HIPAA guidance)',
    verification: ['scan', 'attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Point webhook sinks at https endpoints, configure Kinesis sinks per AWS\'s HIPAA guidance (encryption, BAA with AWS), delete sinks you cannot vouch for (`DELETE events.twilio.com/v1/Sinks/{Sid}`), and attest each remaining sink.',
    reference: 'https://d0.awsstatic.com/whitepapers/compliance/AWS_HIPAA_Compliance_Whitepaper.pdf',
  },
  {
    id: 'TW-EVENTS-NE-TYPES',
    classification: 'not-eligible',
    summary: 'Event types from non-eligible products must carry no PHI',
    verification: ['scan'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Remove event types of non-eligible products from subscriptions (`DELETE events.twilio.com/v1/Subscriptions/{Sid}/SubscribedEvents/{Type}`) in designated accounts.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-SALESFORCE-BAA',
    classification: 'required',
    summary: 'Twilio for Salesforce needs a BAA with Salesforce too',
    verification: ['attest'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Sign a BAA with Salesforce covering the org where Twilio for Salesforce runs, or keep PHI out of it, and attest the BAA in chaperone.yaml.',
    reference: 'https://www.twilio.com/docs/salesforce',
  },
]);
