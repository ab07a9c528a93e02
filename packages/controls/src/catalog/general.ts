import { ELIGIBLE_SERVICES_URL, GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

const SECURITY = 'https://www.twilio.com/docs/usage/security';

export const general = section('twilio', 'General (all Twilio products)', [
  {
    id: 'TW-ACCT-DESIGNATION',
    classification: 'required',
    summary: 'Projects/subaccounts that carry PHI are designated HIPAA under the BAA; subaccounts created before the BAA or new projects are not designated automatically',
    verification: ['scan', 'attest'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'List every project and subaccount that carries PHI under `baa.designatedAccounts` in chaperone.yaml, and ask your Twilio account representative (or Support, by account SID) to designate any subaccount created before the BAA. Until it is designated, move PHI workflows out of it.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-ACCT-NEW-PROJECT',
    classification: 'required',
    summary: 'A new project created after the BAA must be designated by request',
    verification: ['scan', 'attest'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Before a new project handles PHI, request HIPAA designation for it from your Twilio account representative or Support (quote the account SID), then add the SID to `baa.designatedAccounts` in chaperone.yaml.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-ELIGIBLE-ONLY',
    classification: 'required',
    summary: 'PHI workflows use only HIPAA Eligible Products and Services',
    // The scan's pass names the kinds it read (AI Assistants, add-ons, Proxy, Notify and
    // Conversational Intelligence services, and the channel kinds): it claims no more. Other
    // non-eligible products (those without a list the scan reads) are the guard's, which
    // refuses every API host off the eligible list.
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Remove PHI from workflows that use products missing from the HIPAA Eligible Products and Services list (AI Assistants, Marketplace, WhatsApp...): delete or move those resources out of designated accounts, and wrap the Twilio client with the Chaperone guard so calls to non-eligible API domains are refused.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-CONSOLE-LOGOFF',
    classification: 'platform',
    summary: 'Console logs off after 15 minutes of inactivity for HIPAA accounts (Twilio-enforced); customer UIs showing PHI should do the same',
    // Twilio enforces the Console logoff; nothing here can observe it. Not `guard`: the
    // idle-logoff middleware protects the customer's own screens, which the guide does not ask for here.
    verification: ['attest'],
    severity: 'info',
    hipaaCitation: ['164.312(a)(2)(iii)'],
    remediation: 'Log users of your own PHI-showing screens off after 15 minutes without activity (the guard\'s idle-session middleware does this), then attest it in chaperone.yaml.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-SUPPORT-NO-PHI',
    classification: 'required',
    summary: 'No PHI in support tickets, email or chat with support; use SIDs instead of phone numbers',
    // Not `guard`: tickets are written by people outside the app; sanitizeForSupport is a
    // tool they can use, not a check that they did.
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Quote Call/Message SIDs, never phone numbers, names or message bodies, in Twilio Support tickets, email and chat; run logs through `chaperone redact` before attaching them. Train support-facing staff and attest it.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-HTTP-AUTH',
    classification: 'recommended',
    summary: 'Protect TwiML/webhook URLs with HTTP basic or digest auth',
    verification: ['scan', 'guard'],
    severity: 'low',
    hipaaCitation: ['164.312(d)'],
    remediation: 'Require HTTP basic or digest auth on your webhook server and put the credentials in the URL configured in Console (`https://user:password@host/path`) for each phone number, messaging service and TwiML app.',
    reference: `${SECURITY}#http-authentication`,
  },
  {
    id: 'TW-STATIC-PROXY',
    classification: 'recommended',
    summary: 'Route Twilio webhooks through Static Proxy (fixed egress IPs) for firewalls',
    verification: ['attest'],
    severity: 'low',
    hipaaCitation: ['164.312(e)(1)'],
    remediation: 'Ask Twilio to enable Static Proxy for Voice/SMS TwiML and TaskRouter webhooks, allow only its fixed addresses in your firewall, then attest it in chaperone.yaml.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-HTTPS',
    classification: 'required',
    summary: 'HTTPS for requests to Twilio and for every URL Twilio calls (no self-signed certificates)',
    verification: ['scan', 'guard'],
    severity: 'high',
    hipaaCitation: ['164.312(e)(1)'],
    remediation: 'Change every webhook and status-callback URL flagged (Console: Phone Numbers, Messaging Services, TwiML Apps, SIP Domains, Studio, Sync, Conversations, TaskRouter, Event Streams; or the resource\'s *Url fields through the API) to `https://` served with a certificate from a public CA.',
    reference: `${SECURITY}#encrypted-communication`,
  },
  {
    id: 'TW-WEBHOOK-SIGNATURE',
    classification: 'required',
    summary: 'Validate `X-Twilio-Signature` on every request to the customer\'s app',
    verification: ['scan', 'guard'],
    severity: 'high',
    hipaaCitation: ['164.312(c)(1)', '164.312(d)'],
    remediation: 'Verify `X-Twilio-Signature` with the auth token on every webhook route (the twilio SDK\'s `validateRequest`, or the guard\'s webhook middleware) and answer 403 when it does not match.',
    reference: `${SECURITY}#validating-requests`,
  },
  {
    id: 'TW-PKCV',
    classification: 'recommended',
    summary: 'Public Key Client Validation for requests to Twilio',
    verification: ['scan', 'guard'],
    severity: 'low',
    hipaaCitation: ['164.312(d)'],
    remediation: 'Generate an RSA key pair, upload the public key (Console > Account > Credentials > Public Keys, or `POST accounts.twilio.com/v1/Credentials/PublicKeys`) and build your Twilio client with a validation client signing each request.',
    reference: 'https://www.twilio.com/docs/iam/pkcv/quickstart',
  },
  {
    // Not a row of the guide: API key hygiene the HIPAA citation asks of any credential.
    id: 'TW-KEYS-ROTATION',
    classification: 'recommended',
    summary: 'API keys are rotated (none older than `twilio.apiKeyMaxAgeDays`, 90 days unless set) and Main keys are used only where a Standard key cannot do the job (beyond the guide)',
    // scan: each key's age from the Keys API; attest: Main or Standard, which the API does not say.
    verification: ['scan', 'attest'],
    severity: 'low',
    hipaaCitation: ['164.308(a)(5)(ii)(D)'],
    remediation: 'Create a new API key, move the application to it, then delete the old one (Console > Account > API keys & tokens); do this before a key passes the rotation age. Give applications Standard keys and keep Main keys for the few tools that must list subaccounts or manage keys, then attest in chaperone.yaml which Main keys exist and why.',
    reference: 'https://www.twilio.com/docs/iam/api-keys',
  },
]);
