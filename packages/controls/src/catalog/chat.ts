import { ELIGIBLE_SERVICES_URL } from '../guide.ts';
import { section } from './define.ts';

export const chat = section('twilio', 'Programmable Chat (sunset) and Conversations', [
  {
    id: 'TW-CHAT-PRIVATE',
    classification: 'required',
    summary: 'Only private channels may carry PHI',
    verification: ['scan', 'guard'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Recreate public channels that carry PHI as private channels (`POST chat.twilio.com/v2/Services/{Sid}/Channels` Type=private) and move members over; public channels are readable by every user of the service.',
    reference: 'https://www.twilio.com/docs/chat/fundamentals#channels',
  },
  {
    id: 'TW-CHAT-INTEGRATIONS',
    classification: 'special-consideration',
    summary: 'Third-party integrations (Slack, Salesforce…) via webhooks/REST must be HIPAA compliant',
    verification: ['scan', 'attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'For each webhook host that receives chat or conversation events, confirm a BAA with its operator (or remove the webhook), list approved hosts under `webhookHosts` in chaperone.yaml, and attest it.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-CHAT-SUNSET',
    classification: 'special-consideration',
    summary: 'Programmable Chat is retired; migrate to Conversations',
    verification: ['scan'],
    severity: 'low',
    hipaaCitation: [],
    remediation: 'Migrate Programmable Chat services to Conversations (Twilio\'s Chat-to-Conversations migration guide) and delete the old chat services.',
    reference: 'https://www.twilio.com/docs/conversations/migrating-chat-conversations',
  },
  {
    id: 'TW-CONV-CHANNELS',
    classification: 'required',
    summary: 'Conversations may expose PHI only over SMS and Chat (no WhatsApp)',
    // An allow-list from the channel policy (channels.ts), shared by scan and guard: address
    // types and participant bindings other than sms and chat (whatsapp, messenger, gbm,
    // email, rcs, apple, and any type Twilio adds) fail and are refused.
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Delete every address that is not SMS or Chat (WhatsApp, Messenger, Google Business Messages, email, RCS, Apple Messages) in Console > Conversations > Addresses (`DELETE conversations.twilio.com/v1/Configuration/Addresses/{Sid}`) and remove participants bound to non-SMS addresses (`whatsapp:`, `rcs:`...) from conversations carrying PHI.',
    reference: ELIGIBLE_SERVICES_URL,
  },
  {
    id: 'TW-CONV-INHERIT',
    classification: 'required',
    summary: 'SMS and Chat requirements and special considerations apply inside Conversations',
    // No verification of its own: the SMS and Chat rows carry it, the requirements as
    // pass/fail, the special considerations (integrations, Marketplace, Autopilot) as manual
    // findings of their own rows (CV2, CV3). The scan still reports
    // PHI in conversation and participant attributes here, the SMS Message Tagging rule
    // ("no data that could be construed as PHI" in custom attributes) as inherited by Conversations.
    verification: [],
    severity: 'high',
    hipaaCitation: [],
    remediation: 'Apply every Programmable SMS and Chat control, requirements and special considerations alike, to conversations too; they are checked under the SMS and Chat rows.',
    reference: ELIGIBLE_SERVICES_URL,
  },
]);
