import { ELIGIBLE_SERVICES_URL, GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

export const sms = section('twilio', 'Programmable SMS and MMS', [
  {
    id: 'TW-MMS-MEDIA-AUTH',
    classification: 'required',
    summary: 'Enforce HTTP auth on MMS media URLs (Messaging settings)',
    // As TW-VOICE-RECORDING-AUTH: one unauthenticated HEAD per account on the newest MMS
    // media item a page of messages shows (unprotected media redirects to a public URL: fail).
    // `attest` as well: where no media exists to probe, a person confirms the Console setting.
    verification: ['scan', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Turn on "Enforce HTTP Auth on Media URLs" in Console > Messaging > Settings > General, fetch MMS media with your account SID and token (or API key) only, then attest the setting in chaperone.yaml.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-SMS-US-ONLY',
    classification: 'required',
    summary: 'Only SMS/MMS to/from US area codes is eligible',
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Send PHI messages only between US numbers: remove non-US senders from messaging services in designated accounts and let the guard refuse messages to or from non-US numbers.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-SMS-GEO-PERMISSIONS',
    classification: 'special-consideration',
    summary: 'Review Messaging Geographic Permissions: limit countries',
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(a)(1)'],
    remediation: 'In Console > Messaging > Settings > Geo Permissions, allow only the countries you serve (for PHI: the United States), then attest the review in chaperone.yaml.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-SMS-REDACTION',
    classification: 'recommended',
    summary: 'Turn on Message Body Redaction and Phone Number Redaction',
    // Not `guard`: redaction is switched on by Twilio Support; the guard's logger masking
    // numbers the same way is advice in the remediation, not a check of the setting.
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Ask Twilio Support to enable Message Body Redaction and Phone Number Redaction for each designated account, mask numbers the same way in your logs (the guard\'s logger does), and attest it.',
    reference: 'https://www.twilio.com/docs/sms/tutorials/privacy-message-redaction',
  },
  {
    id: 'TW-SMS-CHANNELS',
    classification: 'not-eligible',
    summary: 'WhatsApp and Facebook Messenger are not eligible',
    // Checked as an allow-list (channels.ts): a sender or address with any channel scheme
    // (whatsapp:, messenger:, rcs:, apple:, instagram:...) fails and is refused; bare numbers,
    // short codes and alphanumeric senders are SMS/MMS.
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Remove WhatsApp and Messenger senders from messaging services in designated accounts (Console > Messaging > Senders) and never address PHI messages to `whatsapp:` or `messenger:` numbers.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-SMS-TAGGING',
    classification: 'not-eligible',
    summary: 'Message Tagging is not eligible; no PHI in tags',
    // The guard refuses any write with a `Tags` or `Tags.*` parameter (a lower-case `tags` is
    // normalised to `Tags`, as every parameter name is PascalCased). Twilio's OpenAPI specs
    // have no `Tags` on Messages or Calls, so the parameter name cannot be checked against
    // them: the rule is a fail-closed reading of the feature, and this row claims that refusal
    // only. Verify's `Tags` lands here too.
    verification: ['guard'],
    severity: 'critical',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Stop sending `Tags` on messages in PHI workflows; keep correlation data in your own system keyed by Message SID.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-SMS-MARKETPLACE',
    classification: 'not-eligible',
    summary: 'Marketplace add-ons',
    verification: [],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Uninstall Marketplace add-ons used with messaging in designated accounts; checks run under TW-MARKETPLACE.',
    reference: 'https://www.twilio.com/docs/add-ons/publisher-marketplace',
    seeAlso: 'TW-MARKETPLACE',
  },
  {
    id: 'TW-SMS-AUTOPILOT',
    classification: 'not-eligible',
    summary: 'Autopilot SMS bots; third-party bots are the customer\'s responsibility',
    verification: [],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Keep SMS bots out of PHI workflows unless the bot vendor signs a BAA; checks run under TW-AUTOPILOT.',
    reference: ELIGIBLE_SERVICES_URL,
    seeAlso: 'TW-AUTOPILOT',
  },
]);
