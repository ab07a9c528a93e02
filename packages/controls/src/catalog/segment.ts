import { SEGMENT_HIPAA_URL } from '../guide.ts';
import { section } from './define.ts';

const DOCS = 'https://segment.com/docs';

export const segment = section('segment', 'Twilio Segment', [
  {
    id: 'SEG-WS-DESIGNATION',
    classification: 'required',
    summary: 'Each workspace carrying PHI is designated HIPAA (new workspaces are not automatic); check the HIPAA badge before sending PHI',
    verification: ['attest'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Ask your Segment account representative to designate every workspace that will carry PHI, confirm the HIPAA badge in the workspace settings before sending PHI, and attest it in chaperone.yaml.',
    reference: SEGMENT_HIPAA_URL,
  },
  {
    id: 'SEG-CONSOLE-LOGOFF',
    classification: 'platform',
    summary: 'Segment console logs off after 15 minutes',
    verification: ['attest'],
    severity: 'info',
    hipaaCitation: ['164.312(a)(2)(iii)'],
    remediation: 'Confirm the Segment app logs you off after 15 idle minutes in designated workspaces (if not, the workspace is not designated) and attest it.',
    reference: SEGMENT_HIPAA_URL,
  },
  {
    id: 'SEG-SUPPORT-NO-PHI',
    classification: 'required',
    summary: 'No PHI in Segment support tickets; use anonymous ids',
    verification: [],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Quote anonymous ids and message ids, never traits or event properties, in Segment support tickets; see TW-SUPPORT-NO-PHI.',
    reference: SEGMENT_HIPAA_URL,
    seeAlso: 'TW-SUPPORT-NO-PHI',
  },
  {
    id: 'SEG-SCHEMA-CONTROLS',
    classification: 'required',
    summary: 'Schema controls pass only events a destination needs',
    // The guide's "controlling specific events flowing into a Destination" (its link is
    // destination-data-control), judged per destination of a PHI-bearing event source: an
    // enabled destination filter that DROPs events, or Actions subscriptions whose every
    // trigger names the events, limit what the destination gets. The Schema tab's per-event
    // destination toggles are not in the Public API: a person attests them, which settles the
    // fail. Protocols' own settings (unplanned properties, forwarding) are SEG-PROTOCOLS-PLAN's.
    verification: ['scan', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Limit the events each destination of a PHI-bearing source receives: a destination filter that drops the events it does not need (Destination > Filters), triggers on Actions mappings that name the events, or the per-event destination toggles of Source > Schema (then attest them in chaperone.yaml: the Public API does not show those).',
    reference: `${DOCS}/connections/destination-data-control/`,
    attestSettlesFail: 'the source\'s Schema tab turns off, per event, every destination that does not need it (not shown by the Public API)',
  },
  {
    id: 'SEG-DEST-FILTERS',
    classification: 'required',
    summary: 'Destination filters pass only needed properties, traits and fields',
    verification: ['scan'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Add an enabled destination filter (Destination > Filters) that keeps only the properties and traits the destination needs, for every destination connected to a PHI-bearing source.',
    reference: `${DOCS}/connections/destinations/destination-filters/`,
  },
  {
    id: 'SEG-DEST-BAA',
    classification: 'special-consideration',
    summary: 'A destination receiving PHI needs a BAA, else filter or encrypt PHI',
    verification: ['scan', 'attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Sign a BAA with the destination\'s vendor and add it to `segment.baaVendors` in chaperone.yaml, or filter out PHI with a destination filter, or turn on data encryption for the cloud-mode destination.',
    reference: `${SEGMENT_HIPAA_URL}#data-encryption`,
  },
  {
    id: 'SEG-FUNCTIONS',
    classification: 'special-consideration',
    summary: 'Functions are the customer\'s responsibility',
    // The secret-like-setting rule is hardening beyond the guide ("the customer's
    // responsibility"): a person reviews it (special consideration).
    verification: ['scan'],
    severity: 'medium',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Mark every function setting that holds a secret as sensitive (Functions > function > Settings), keep PHI out of function logs, and send PHI only to vendors under BAA.',
    reference: `${DOCS}/connections/functions/`,
  },
  {
    id: 'SEG-RETL-MAPPING',
    classification: 'required',
    summary: 'Reverse ETL mappings pass only needed fields',
    verification: ['scan'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Replace `SELECT *` in Reverse ETL model queries with the columns the mappings use, and delete mappings of fields the destination does not need.',
    reference: `${DOCS}/reverse-etl/#step-4-create-mappings`,
  },
  {
    id: 'SEG-RETL-DEST',
    classification: 'special-consideration',
    summary: 'Reverse ETL destinations need a BAA or PHI removed by mapping',
    verification: ['scan'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Sign a BAA with each Reverse ETL destination\'s vendor (then add it to `segment.baaVendors` in chaperone.yaml) or remove PHI columns from its mappings.',
    reference: `${DOCS}/reverse-etl/#step-3-add-a-destination`,
  },
  {
    id: 'SEG-UNIFY-EXPLORER',
    classification: 'required',
    summary: 'Classify PHI in Privacy Portal so Profile Explorer masks it',
    verification: ['attest'],
    severity: 'high',
    hipaaCitation: ['164.312(a)(1)'],
    remediation: 'Classify every PHI trait and property in Privacy Portal > Inbox/Inventory so Profile Explorer masks it for users without PII access, and attest the classification.',
    reference: `${DOCS}/unify/#profile-explorer`,
  },
  {
    id: 'SEG-PROFILES-SYNC',
    classification: 'special-consideration',
    summary: 'Profiles Sync warehouses must be HIPAA compliant (BAA, consents)',
    verification: ['scan'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Sync profiles only to warehouses whose vendor is under BAA (add it to `segment.baaVendors`) with encryption and access control configured; disconnect others.',
    reference: `${DOCS}/unify/profiles-sync/#step-1-create-a-warehouse`,
  },
  {
    id: 'SEG-PROFILE-API',
    classification: 'special-consideration',
    summary: 'Profile API consumers need BAAs and consents',
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Give Profile API tokens only to systems operated by you or a vendor under BAA, with the user\'s consent recorded, and attest the list.',
    reference: `${DOCS}/unify/profile-api/`,
  },
  {
    id: 'SEG-PROTOCOLS-PLAN',
    classification: 'required',
    summary: 'A tracking plan blocks non-conforming events; quarantined data is reviewed',
    // "Block non-conforming and non-relevant data and events": the scan reads the tracking
    // plan, the source's Schema Configuration (unplanned and violating events, properties and
    // traits) and where blocked events are forwarded. The regular review of the quarantine is a
    // person's: it is asked for as an attestation.
    verification: ['scan', 'attest'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Connect a tracking plan to every source, set unplanned events, properties and traits to blocked and violations to Block or Omit (Source > Settings > Schema Configuration), forward blocked events only to a source whose destinations are under BAA or PHI-free, review the quarantine source regularly and attest the review.',
    reference: `${DOCS}/protocols/`,
  },
  {
    id: 'SEG-PRIVACY-MATCHERS',
    classification: 'recommended',
    summary: 'Preload PHI matchers, classify, set policies; review the Privacy Inbox',
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Add PHI matchers in Privacy Portal, classify matched fields, set block policies for the PHI classes, review the Privacy Inbox weekly, and attest it.',
    reference: `${DOCS}/privacy/`,
  },
  {
    id: 'SEG-PRIVACY-EXISTING-PHI',
    classification: 'special-consideration',
    summary: 'Privacy Portal classifications apply going forward only; PHI already in Segment is handled compliantly',
    // PP3: "the responsibility of the customer to ensure that any PHI that is already in
    // Segment is handled in a compliant manner". Nothing in the API says what was collected
    // before a classification: attest only.
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.502(b)'],
    remediation: 'For every field classified as PHI after data arrived, find where the earlier data went (destinations, warehouses, profiles), delete or suppress it there (`/regulations`) or confirm the recipient is under BAA, and attest it in chaperone.yaml.',
    reference: `${DOCS}/privacy/`,
  },
  {
    id: 'SEG-DELETION-SUPPRESSION',
    classification: 'recommended',
    summary: 'Suppress and delete non-consenting users',
    // Attest only: which users withdrew consent is known to the customer, not to Segment, so no
    // count of regulations says whether the right users are suppressed (a workspace nobody
    // withdrew from has none, rightly). The scan lists the regulations and suppressions on file
    // as evidence for the person, in a manual finding.
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.508'],
    remediation: 'File suppress-and-delete regulations for users who withdraw consent (Privacy > User Deletion and Suppression, or the Public API `/regulations`), and attest the procedure.',
    reference: `${DOCS}/privacy/user-deletion-and-suppression/`,
  },
  {
    id: 'SEG-CONSENT',
    classification: 'special-consideration',
    summary: 'No data of non-consenting users is sent to Segment',
    // PP4, "the responsibility of the customer", in the guide's Special Considerations of
    // Privacy Portal: its own row (it used to live only in the recommended suppression row).
    // Consent lives in the customer's systems: attest only.
    verification: ['attest'],
    severity: 'medium',
    hipaaCitation: ['164.508'],
    remediation: 'Gate every Segment call (analytics.js, server libraries, the @chaperone/segment plugin\'s caller) on the user\'s recorded consent, so no event of a user without consent leaves your systems, and attest how in chaperone.yaml.',
    reference: `${DOCS}/privacy/user-deletion-and-suppression/`,
  },
  {
    id: 'SEG-ENGAGE-DEST',
    classification: 'required',
    summary: 'Engage destinations receiving PHI need a BAA, else filter',
    // A vendor under BAA passes, and so does one behind an always-on allow-list filter of
    // non-PHI fields (the guide's "otherwise ... filter or block any PHI", as SEG-DEST-BAA).
    verification: ['scan'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Activate audiences and traits only to destinations whose vendor is under BAA (listed in `segment.baaVendors`), or filter PHI out of what the activation sends.',
    reference: `${DOCS}/engage/using-engage-data/`,
  },
  {
    id: 'SEG-ENGAGE-TRAITS',
    classification: 'required',
    summary: 'Computed and SQL traits retrieve only necessary PHI',
    verification: ['scan'],
    severity: 'high',
    hipaaCitation: ['164.502(b)'],
    remediation: 'Rewrite SQL traits to select only the columns the trait needs (no `SELECT *`) and remove computed traits that expose PHI nobody uses.',
    reference: `${DOCS}/engage/audiences/sql-traits/`,
  },
  {
    id: 'SEG-ENGAGE-PREMIER',
    classification: 'not-eligible',
    summary: 'Engage Premier and campaigns (email/SMS journeys) are not eligible',
    // Scan: Engage messaging channels among the destinations (by slug: engage-sms,
    // engage-email, personas-messaging...). Campaigns and Journeys are not in Segment's Public
    // API, so no scan can see one: a person attests that none runs in a designated workspace,
    // and a clean scan still asks for that attestation.
    verification: ['scan', 'attest'],
    severity: 'critical',
    hipaaCitation: ['164.308(b)(1)'],
    remediation: 'Turn off Engage Premier channels and campaign journeys in designated workspaces, or keep PHI out of them, and attest in chaperone.yaml that no Campaign or Journey runs there.',
    reference: `${DOCS}/engage/onboarding/`,
  },
]);
