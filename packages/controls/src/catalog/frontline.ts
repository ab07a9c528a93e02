import { ELIGIBLE_SERVICES_URL, GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

export const frontline = section('twilio', 'Twilio Frontline', [
  {
    id: 'TW-FRONTLINE-CALLBACK-VALIDATE',
    classification: 'required',
    summary: 'Validate that callbacks come from Twilio',
    verification: ['guard'],
    severity: 'high',
    hipaaCitation: ['164.312(d)'],
    remediation: 'Verify `X-Twilio-Signature` on every Frontline callback route (CRM, outgoing conversation, templates) and answer 403 when it fails; the guard\'s webhook middleware does this.',
    reference: 'https://www.twilio.com/docs/frontline/callbacks-security',
  },
  {
    id: 'TW-FRONTLINE-CALLBACK-V2',
    classification: 'required',
    summary: 'Only V2 callbacks may be used',
    // The attestation settles it: the callback version is a Console setting no API shows. The
    // guard refuses requests with V1 markers (a Token, a JSON body, Location in the query),
    // read off Twilio's Callback Versions page; no spec covers Frontline callbacks, so they
    // are heuristics, and a V1 request carrying none of them reaches the handler. The guard
    // is defence in depth, never the proof.
    verification: ['guard', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.312(d)'],
    remediation: 'Switch the callback version to V2 in Console > Frontline > Manage > Callbacks, update handlers to the V2 payload, and attest the setting in chaperone.yaml.',
    reference: 'https://www.twilio.com/docs/frontline/callback-versions',
  },
  {
    id: 'TW-FRONTLINE-SSO',
    classification: 'required',
    summary: 'Access control via the customer\'s IdP/SSO is HIPAA compliant',
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Configure Frontline SSO with an identity provider covered by your compliance program (MFA, deprovisioning on exit, access reviews) and attest it in chaperone.yaml.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-FRONTLINE-CHANNELS',
    classification: 'not-eligible',
    summary: 'No WhatsApp in Frontline',
    verification: [],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Remove WhatsApp from Frontline (its conversations service addresses); checks run under TW-CONV-CHANNELS.',
    reference: ELIGIBLE_SERVICES_URL,
    seeAlso: 'TW-CONV-CHANNELS',
  },
  {
    id: 'TW-FRONTLINE-INHERIT',
    classification: 'required',
    summary: 'Every requirement, special consideration and non-eligible feature of SMS, MMS, Chat via Conversations and Voice applies in Frontline',
    // The guide's "Required", "Special Considerations" and "Not Eligible" paragraphs of
    // Frontline (F2, F6). The SMS, MMS, Conversations and Voice rows are scanned on every
    // account, so Frontline's numbers, recordings and Conversations service (scanned with every
    // service) are judged by them; what no API shows is that Frontline runs on the scanned
    // accounts and routes voice through them (Frontline's Voice calling and its settings are in
    // the Console only), so a person confirms that tie: attest only.
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Run Frontline only on scanned, designated accounts; keep its Voice calling, SMS/MMS numbers and Conversations service under the Voice, SMS and Conversations rows of this catalog (HTTP auth on recordings, US numbers only, no WhatsApp, no Marketplace add-ons), and attest it in chaperone.yaml.',
    reference: GUIDE_URL,
  },
]);
