import { GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

const DEBUGGING = 'https://www.twilio.com/docs/sms/debugging-tools';

// The guide lists Studio, Functions, Debugger, API Explorer and Sync under "Eligible for
// HIPAA", not "Special Considerations" (only Assets and TwiML Bins are there). Their rows keep
// the class special-consideration on purpose: each carries a duty only a person can judge
// (PHI shown to Console users, staff trained and authorised), and the scan's rules beyond the
// guide (Sync ACL, function visibility) must go to a person, never fail. A special
// consideration still fails where the scan sees the violation itself (PHI in a flow
// definition, a non-eligible Studio widget, PHI in an alert or variable).
export const runtime = section('twilio', 'Runtime tools', [
  {
    id: 'TW-RT-STUDIO',
    classification: 'special-consideration',
    summary: 'Studio is eligible, but exposes PHI in Console and Studio REST API; only trained, authorised staff; never combined with non-eligible products',
    // Scan: PHI in the definition, WhatsApp/Messenger addresses, and widget types of
    // non-eligible products (Autopilot, Dialogflow CX virtual agents: studio-widgets.ts, shared
    // with the guard, which refuses such a definition on flow create or update). Attest: who
    // may open flows.
    verification: ['scan', 'guard', 'attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(a)(3)'],
    remediation: 'In each Studio flow (Console > Studio > Flows), remove widgets that send to WhatsApp/Messenger, Autopilot (Send to Autopilot) or a virtual agent (Connect Virtual Agent) or call Marketplace add-ons, make every HTTP request and callback URL https, keep PHI out of the flow definition, and restrict Console roles that can open flows to trained staff.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-RT-FUNCTIONS',
    classification: 'special-consideration',
    summary: 'Functions/Serverless are eligible; customer responsible for what functions do',
    // Public function versions are hardening beyond the guide (it says only that Functions
    // are eligible): they go to a person; PHI seen in an environment variable fails.
    verification: ['scan'],
    severity: 'medium',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Set functions that handle PHI to Protected visibility (Console > Functions and Assets > Services > function > Visibility) so only signed Twilio requests reach them, and move PHI out of environment variables.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-RT-DEBUGGER',
    classification: 'special-consideration',
    summary: 'Debugger logs may expose PHI to Console users',
    verification: ['scan', 'attest'],
    severity: 'medium',
    hipaaCitation: ['164.312(b)'],
    remediation: 'Stop PHI reaching error logs (do not echo request parameters in webhook error responses), limit Console roles that can read Monitor > Logs to trained staff, and attest that access review in chaperone.yaml.',
    reference: DEBUGGING,
  },
  {
    id: 'TW-RT-API-EXPLORER',
    classification: 'special-consideration',
    summary: 'API Explorer can show and download PHI',
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(a)(5)'],
    remediation: 'Give Console access (and so API Explorer) only to staff trained to handle PHI, review the user list each quarter, and attest it in chaperone.yaml.',
    reference: `${DEBUGGING}#test-with-the-api-explorer`,
  },
  {
    id: 'TW-RT-SYNC',
    classification: 'special-consideration',
    summary: 'Sync is eligible; PHI visible via Console',
    // Hardening beyond the guide (it says only that Sync is eligible and PHI shows in the
    // Console): acl_enabled false goes to a person (special consideration), never fails.
    verification: ['scan', 'attest'],
    severity: 'medium',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Turn on ACL for every Sync service holding PHI (`POST sync.twilio.com/v1/Services/{Sid}` AclEnabled=true, or Console > Sync > Services > ACL) and grant per-document permissions; use an https webhook URL.',
    reference: 'https://www.twilio.com/sync',
  },
  {
    id: 'TW-RT-ASSETS-PRIVATE',
    classification: 'special-consideration',
    summary: 'Only Private Assets may hold PHI; Public Assets are on the open internet',
    verification: ['scan', 'guard'],
    severity: 'medium',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Re-deploy any asset that may contain PHI with Private visibility (Console > Functions and Assets > Services > asset > Visibility), and delete the public version.',
    reference: 'https://www.twilio.com/docs/runtime/assets',
  },
  {
    id: 'TW-RT-TWIML-BIN',
    classification: 'special-consideration',
    summary: 'No PHI in the text of TwiML Bins',
    // Not `guard`: TwiML Bins are written in Console, never through a request the guard sees
    // (and its TwiML checker runs on the app's own TwiML, which may carry PHI lawfully).
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Review each TwiML Bin (Console > TwiML Bins), move any patient-specific text into your own https webhook, and attest the review in chaperone.yaml.',
    reference: 'https://www.twilio.com/docs/runtime/tutorials/twiml-bins',
  },
]);
