import { ELIGIBLE_SERVICES_URL, GUIDE_URL } from '../guide.ts';
import { section } from './define.ts';

const INSIGHTS = 'https://www.twilio.com/docs/flex/developer/insights';
const CUSTOM_STORAGE = `${INSIGHTS}/playback-recordings-custom-storage`;

export const flex = section('twilio', 'Twilio Flex', [
  {
    id: 'TW-FLEX-INSIGHTS-ATTRS',
    classification: 'required',
    summary: 'No PHI in preserved TaskRouter attributes used by Flex Insights (combinations count)',
    // Scan + attest: the PHI detector reads worker and task attributes field by field, but the
    // guide counts combinations ("a combination of attributes may identify a person"), which
    // only a person can judge: a clean scan still asks for the attestation. The guide's
    // Twilio-configured Insights changes (FX2-FX4: name, phone, email and external_id redacted
    // from Historical Insights, so conversations are not linked to one customer; the player
    // waveform and speech-essentials metrics disabled) are platform facts Twilio applies to a
    // designated account (TW-ACCT-DESIGNATION): nothing to verify, so no row of their own. The
    // remediation names them because re-linking conversations is how identifiers end up in
    // preserved attributes, which this row checks.
    verification: ['scan', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Replace names, numbers and clinical details in task and worker attributes (`conversations`, `customers` objects) with opaque ids your CRM resolves; update workers via `POST taskrouter.twilio.com/v1/Workspaces/{Sid}/Workers/{Sid}` Attributes; review which combinations of the remaining attributes could identify a patient and attest it in chaperone.yaml. On a designated account Twilio redacts name, phone, email and external_id from Historical Insights (conversations are not linked to one customer) and disables the player waveform and speech-essentials metrics: do not re-link conversations by copying identifiers into preserved attributes.',
    reference: `${INSIGHTS}/hipaa-flex-insights-historical-reporting`,
  },
  {
    id: 'TW-FLEX-COMMENTS',
    classification: 'required',
    summary: 'No PHI in Insights comments and assessments',
    // Attest only, though flex-api v1 has Insights/QualityManagement/Assessments (answer_text)
    // and .../Assessments/Comments (comment): those endpoints take an Insights token, which is
    // issued by POST /v1/Insights/Session, and the scan makes no write (read-only is enforced
    // before any request). A person reviews the comments.
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Train supervisors to keep PHI out of Flex Insights comments and assessments, review existing ones, and attest it in chaperone.yaml.',
    reference: 'https://www.twilio.com/docs/flex/end-user-guide/insights/conversation-screen#comment',
  },
  {
    id: 'TW-FLEX-RECORDING-AUTH',
    classification: 'required',
    summary: 'Enforce HTTP auth on recording media URLs (visible to TaskRouter event consumers)',
    verification: [],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Turn on "Enforce HTTP Auth on Media URLs" in Console > Voice > Settings; checked under TW-VOICE-RECORDING-AUTH.',
    reference: 'https://www.twilio.com/docs/voice/api/recording#fetch-a-recording-resource',
    seeAlso: 'TW-VOICE-RECORDING-AUTH',
  },
  {
    id: 'TW-FLEX-CUSTOM-STORAGE',
    classification: 'required',
    summary: 'Secure playback of recordings from custom storage',
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Serve recordings kept in your own storage only through short-lived signed URLs behind your authentication (per Twilio\'s custom-storage playback guide) and attest it.',
    reference: CUSTOM_STORAGE,
  },
  {
    id: 'TW-FLEX-CUSTOM-MEDIA',
    classification: 'required',
    summary: 'Custom media URLs attached to conversations are secured',
    verification: ['scan', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.312(e)(1)'],
    remediation: 'Serve custom media attached to Flex conversations over https behind authentication or short-lived signed URLs, and attest it in chaperone.yaml.',
    reference: `${INSIGHTS}/custom-media-attached-conversations`,
  },
  {
    id: 'TW-FLEX-SESSION-TIMEOUT',
    classification: 'required',
    summary: 'Flex has no session timeout: the customer must log idle agents off',
    // Not `guard`: the idle-logoff middleware cannot observe a Twilio-hosted Flex session;
    // it helps a self-hosted Flex UI, which a person then attests.
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(2)(iii)'],
    remediation: 'Add an idle-logoff to your Flex UI (a plugin that logs out after 15 minutes of inactivity) or set a short session lifetime at your IdP, and attest it.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-FLEX-UI-CONFIG',
    classification: 'required',
    summary: 'No PHI in Flex UI configuration properties',
    verification: ['scan'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Remove PHI from Flex configuration attributes (`POST flex-api.twilio.com/v1/Configuration` ui_attributes, attributes...) and make call_recording_webhook_url and crm_callback_url https.',
    reference: 'https://www.twilio.com/docs/flex/developer/ui/configuration',
  },
  {
    id: 'TW-FLEX-ACCESS',
    classification: 'required',
    summary: 'Only authorised, trained people reach PHI in Flex (downloads possible)',
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.308(a)(3)'],
    remediation: 'Grant Flex agent, supervisor and admin roles only to trained staff through your IdP groups, review the list each quarter, and attest it in chaperone.yaml.',
    reference: 'https://www.twilio.com/docs/flex/end-user-guide/insights/player',
  },
  {
    id: 'TW-FLEX-PLUGINS',
    classification: 'special-consideration',
    summary: 'Plugins are the customer\'s responsibility; no PHI in plugin error messages',
    verification: ['scan', 'attest'],
    severity: 'medium',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Review each Flex plugin (Console > Flex > Plugins) for PHI in error messages, logs and third-party calls; remove unused plugins and attest the review.',
    reference: GUIDE_URL,
  },
  {
    id: 'TW-FLEX-INTEGRATIONS',
    classification: 'special-consideration',
    summary: 'Integrations with third parties need a BAA',
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Sign a BAA with each CRM or other third party integrated with Flex that receives PHI, or keep PHI out of the integration, and attest it.',
    reference: `${INSIGHTS}/enhance-integration`,
  },
  {
    id: 'TW-FLEX-CHANNELS',
    classification: 'not-eligible',
    summary: 'WhatsApp, Messenger and SendGrid email are not eligible in Flex',
    // The channel policy (channels.ts) is an allow-list: Flex Flows on web (chat) or sms,
    // Interactions on voice, sms, web or chat; everything else in Twilio's enums (line,
    // custom...) fails the scan and is refused by the guard. SendGrid email is not a Flex
    // Flow channel_type (email in Flex goes through a Conversations address, TW-CONV-CHANNELS).
    verification: ['scan', 'guard'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Disable or delete Flex Flows whose channel type is not web or sms (WhatsApp, Facebook, LINE, custom) (Console > Flex > Manage > Messaging, or `POST flex-api.twilio.com/v1/FlexFlows/{Sid}` Enabled=false), and remove email and other non-SMS/Chat addresses from the Conversations service Flex uses.',
    reference: ELIGIBLE_SERVICES_URL,
  },
]);
