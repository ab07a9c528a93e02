// Facts about the source document itself: which edition of the guide the catalog
// encodes and where it lives. Bump GUIDE_VERSION only after re-reading the whole guide.

/** Last entry of the guide's change log ("9/01/2023 Added information regarding support for data encryption ..."). */
export const GUIDE_VERSION = 'change log 9/01/2023';

/** Twilio's own short link to "Architecting for HIPAA on Twilio" (used by Twilio's HIPAA docs and eligible-services list). */
export const GUIDE_URL = 'https://twil.io/architecting-for-hipaa';

/** "For a complete list of these services, see the HIPAA Eligible Services page." (guide, Introduction). */
export const ELIGIBLE_SERVICES_URL = 'https://twil.io/hipaa-eligible-products-and-services';

/** Segment's HIPAA page, the guide's reference for every Segment section. */
export const SEGMENT_HIPAA_URL = 'https://segment.com/docs/privacy/hipaa-eligible-segment/';
