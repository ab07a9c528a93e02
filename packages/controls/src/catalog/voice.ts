import { ELIGIBLE_SERVICES_URL, GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

const SIP_SECURITY = 'https://www.twilio.com/docs/voice/api/sip-security';
const MARKETPLACE = 'https://www.twilio.com/docs/add-ons/publisher-marketplace';

export const voice = section('twilio', 'Programmable Voice and SIP', [
  {
    id: 'TW-VOICE-RECORDING-AUTH',
    classification: 'required',
    summary: 'Enforce HTTP auth on recording media URLs (voice settings)',
    // The setting has no REST field, but Twilio's answer shows it: per account, one
    // unauthenticated HEAD on a recording's media URL (401 pass, 2xx/3xx fail, else unknown;
    // no recording: manual). The guard's fetch helper uses auth; it verifies nothing, so no `guard`.
    // `attest` as well: where no media exists to probe, a person confirms the Console setting.
    verification: ['scan', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Turn on "Enforce HTTP Auth on Media URLs" in Console > Voice > Settings > General, fetch recordings with your account SID and token (or API key) only, then attest the setting in chaperone.yaml.',
    reference: 'https://www.twilio.com/docs/voice/api/recording#fetch-a-recording-resource',
  },
  {
    id: 'TW-SIP-SECURITY',
    classification: 'required',
    summary: 'SIP security best practices: every SIP domain authenticates callers',
    verification: ['scan'],
    severity: 'high',
    hipaaCitation: ['164.312(d)'],
    remediation: 'Map a credential list or an IP access control list to each SIP domain\'s call authentication (Console > Voice > SIP Domains > domain > Call Authentication, or `POST .../SIP/Domains/{Sid}/Auth/Calls/CredentialListMappings.json`).',
    reference: SIP_SECURITY,
  },
  {
    id: 'TW-SIP-INTERFACE-TLS',
    classification: 'required',
    summary: 'SIP Interface traffic uses TLS + SRTP (or Interconnect)',
    // The scan sees `secure`; the guide's alternative, Twilio Interconnect, has no API field.
    verification: ['scan', 'attest'],
    attestSettlesFail: 'the guide\'s alternative: SIP traffic runs over Twilio Interconnect',
    severity: 'high',
    hipaaCitation: ['164.312(e)(1)'],
    remediation: 'Enable Secure Media on each SIP domain (Console > Voice > SIP Domains > domain, or `POST .../SIP/Domains/{Sid}.json` Secure=true) and connect over TLS on port 5061; if traffic runs over Twilio Interconnect, attest TW-SIP-INTERFACE-TLS in chaperone.yaml (naming the domain under resources).',
    reference: SIP_SECURITY,
  },
  {
    id: 'TW-SIP-TRUNK-SECURE',
    classification: 'required',
    summary: 'Elastic SIP Trunking uses Secure Trunking (TLS + SRTP) or Interconnect',
    verification: ['scan', 'attest'],
    attestSettlesFail: 'the guide\'s alternative: trunk traffic runs over Twilio Interconnect',
    severity: 'high',
    hipaaCitation: ['164.312(e)(1)'],
    remediation: 'Enable Secure Trunking on each trunk (Console > Elastic SIP Trunking > trunk > General, or `POST trunking.twilio.com/v1/Trunks/{Sid}` Secure=true) and point origination URIs at `sips:` / `;transport=tls`; if traffic runs over Twilio Interconnect, attest TW-SIP-TRUNK-SECURE in chaperone.yaml (naming the trunk under resources).',
    reference: SIP_SECURITY,
  },
  {
    id: 'TW-VOICE-US-ONLY',
    classification: 'required',
    summary: 'Only voice traffic to/from US area codes is eligible',
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Keep PHI calls on US numbers: release or move non-US numbers out of designated accounts, disable non-US countries in Console > Voice > Settings > Geo Permissions, and let the guard refuse calls to or from non-US numbers.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-VOICE-TRANSCRIPTION',
    classification: 'required',
    summary: 'Twilio\'s own recording transcription is eligible; Marketplace transcription add-ons are not',
    // Required, as Media Streams: in the guide both sit under Voice's "Required for HIPAA",
    // after Secure Trunking and before the "Special Considerations" heading (the audit's c4).
    // Not `guard`: no request names a transcription add-on (they are attached in Console); the
    // guard's refusal of Marketplace installs and `AddOns*` parameters is TW-MARKETPLACE's.
    verification: ['scan'],
    severity: 'high',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Use `<Record transcribe="true">` or the Recording Transcription API, uninstall Marketplace transcription add-ons (Console > Marketplace > Installed), and remove `AddOns` parameters from requests.',
    reference: 'https://www.twilio.com/docs/voice/api/recording-transcription',
    seeAlso: 'TW-MARKETPLACE',
  },
  {
    id: 'TW-VOICE-MEDIA-STREAMS',
    classification: 'required',
    summary: 'The destination of Media Streams must be HIPAA compliant (BAA with any third party)',
    // Required: "it is the responsibility of the customer to ensure ... a BAA is obtained", in
    // Voice's "Required for HIPAA" block (see TW-VOICE-TRANSCRIPTION). The guard checks
    // `<Stream url>` and the Streams REST `Url` (wss, allowed hosts); the BAA is attested.
    verification: ['guard', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Point `<Stream url>` only at `wss://` endpoints you run or that a vendor under BAA runs, list those hosts under `webhookHosts` in chaperone.yaml, and attest the BAA.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-VOICE-RECORDING-ENCRYPTION',
    classification: 'recommended',
    summary: 'Use Voice Recording Encryption with the customer\'s public key',
    // Not `guard`: encryption is an account setting no request carries; the guard's
    // decryptRecording is a tool for encrypted recordings, not a check that they are.
    verification: ['scan'],
    severity: 'medium',
    hipaaCitation: ['164.312(a)(2)(iv)'],
    remediation: 'Upload a public key (Console > Account > Credentials > Public Keys) and turn on Voice Recording Encryption in Console > Voice > Settings > General; decrypt recordings with your private key server-side.',
    reference: 'https://www.twilio.com/docs/voice/tutorials/voice-recording-encryption',
  },
  {
    id: 'TW-MARKETPLACE',
    classification: 'not-eligible',
    summary: 'Third-party Marketplace add-ons are not eligible',
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Uninstall Marketplace add-ons from designated accounts (Console > Marketplace > Installed add-ons, or `DELETE marketplace.twilio.com/v1/InstalledAddOns/{Sid}`), unassign them from phone numbers, and drop `AddOns` request parameters.',
    reference: MARKETPLACE,
  },
  {
    id: 'TW-AUTOPILOT',
    classification: 'not-eligible',
    summary: 'Autopilot (IVR, SMS and chat bots) is not eligible; third-party bots are the customer\'s responsibility',
    // Autopilot is retired: the scan reads what replaced it in accounts, AI Assistants
    // (assistants.twilio.com), and the guard refuses the autopilot/assistants domains and AI TwiML nouns.
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Remove bot resources (Autopilot, AI Assistants) from PHI workflows in designated accounts; use a bot vendor that signs a BAA and reach it through your own https webhook.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-VOICE-TAGGING',
    classification: 'not-eligible',
    summary: 'Message Tagging (custom attributes) must hold no PHI and is not eligible',
    // From the guide's change log (9/01/2023, Message Tagging extended to Voice); the
    // body names tagging under Programmable SMS only. The guard's rule is TW-SMS-TAGGING's
    // (`Tags` on a write, unconfirmed by the specs), filed here for Calls and Conference
    // participants on the 2010 API and for the voice host.
    verification: ['guard'],
    severity: 'critical',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Stop sending `Tags` (custom attributes) on calls in PHI workflows; keep any correlation data in your own system keyed by Call SID.',
    reference: GUIDE_URL,
  },
]);
