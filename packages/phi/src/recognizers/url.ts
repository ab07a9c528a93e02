// URL (Safe Harbor 14): absolute URLs, and host-less paths that name a person's record.
// Twilio/Segment API URLs are operational (../operational.ts) and never reach here as hits.
import { matches, type Recognizer, type Sink } from './shared.ts';

const URL = /\b(?:https?:\/\/|www\.)[^\s"'<>`\\]+/gi;
const URL_TRAILING = /[.,;:!?)\]}]+$/;
// Paths without a host, as access logs and app logs print them ("GET /patients/884213/labs"):
// a URL of a person when a segment names a person's record and the next holds an id, or the
// query carries a person's field.
const RELATIVE_URL = /(?<![\w.:/~-])\/[A-Za-z][\w.~%/-]*(?:\?[^\s"'<>`\\]*)?/g;
// A record id has a digit; a slug of a name ("/patients/sarah-goldberg", "/p/kenji-sato") or a
// home directory ("/~dylanm/") names the person outright.
const PERSON_PATH = /\/(?:patients?|members?|charts?|people|persons?|users?|residents?|clients?|profiles?|p|u)\/(?:[\w.-]*\d|[a-z]+[-_.][a-z]+)|\/~[\w.-]/i;
const PERSON_SEGMENT = /\/(?:patients?|members?|charts?|people|persons?|users?|residents?|clients?|profiles?|p|u)\/([\w.-]*\d[\w.-]*|[a-z]+[-_.][a-z]+[\w.-]*)/i;
// Loopback and private hosts: the app's own upstreams, reachable by no one outside.
const LOCAL_URL = /^(?:https?:\/\/)(?:localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|\[::1\])(?::\d+)?(?:\/|$)/i;
const PERSON_QUERY = /[?&](?:patient(?:_?id)?|name|first_?name|last_?name|dob|birth_?date|mrn|ssn|phone|email|member_?id|owner|user(?:_?id)?)=[^&\s]/i;

/** A URL that names a person's record: a person path segment with an id, or a person field in the query. */
export function isPersonUrl(value: string): boolean {
  return PERSON_PATH.test(value) || PERSON_QUERY.test(value);
}

export const url: Recognizer = {
  name: 'url',
  types: ['URL', 'MRN'],
  minDigits: 0,
  detect(text: string, sink: Sink): void {
    if (text.includes('://') || text.includes('www.')) {
      for (const m of matches(URL, text)) {
        const value = m[0].replace(URL_TRAILING, '');
        if (LOCAL_URL.test(value) && !isPersonUrl(value)) continue;
        sink.push('URL', m.index, m.index + value.length, 0.9);
      }
    }
    if (text.includes('/')) {
      for (const m of matches(RELATIVE_URL, text)) {
        const value = m[0].replace(URL_TRAILING, '');
        if (!isPersonUrl(value)) continue;
        // A host-less path names the person by the segment after /patients/ (their record id
        // or a slug of their name): that segment goes, the route ("/v1/patients/…/labs") stays
        // readable. A person field in the query takes the whole path.
        const segment = PERSON_QUERY.test(value) ? null : PERSON_SEGMENT.exec(value);
        if (segment) {
          const start = m.index + segment.index + segment[0].length - (segment[1] as string).length;
          sink.push(/\d/.test(segment[1] as string) ? 'MRN' : 'URL', start, start + (segment[1] as string).length, 0.85);
        } else {
          sink.push('URL', m.index, m.index + value.length, 0.85);
        }
      }
    }
  },
};
