// URL (Safe Harbor 14): absolute URLs, and host-less paths that name a person's record.
// Twilio/Segment API URLs are operational (../operational.ts) and never reach here as hits.
import { firstNameSet, isCommonWord, isEnglishWord, isSurnameLike, surnameSet } from '../lexicons/names.ts';
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

// Whether an absolute URL carries a person, beyond isPersonUrl: a social profile ("facebook.com/
// maria.nguyen.1962", "linkedin.com/in/…"), a host or a path part built from a given name and a
// surname ("andrewbrown.com", "Patient_Kofi_Boateng_labs.pdf", "/p/kenji-sato"), a home
// directory ("/~dylanm"), or an id in its path or query (a run of four digits or more). The
// rest ("https://portal.example.com/login", a runbook, a tracking page) is the app's or a
// vendor's page and is left readable. Ours.
// Also the sites whose every page is about one person: fundraisers, meal trains, care pages, obituaries.
const SOCIAL_PROFILE =
  /^(?:https?:\/\/)?(?:www\.|m\.)?(?:(?:facebook|instagram|twitter|x|tiktok|threads|youtube|linkedin\.com\/in|github|gitlab|medium)\.com\/(?!(?:login|help|about|policies|settings|share|sharer|home)\b)[@\w.-]{2,}|gofundme\.com\/f\/|mealtrain\.com\/trains?\/|caringbridge\.org\/(?:visit|site)\/|legacy\.com\/(?:\w+\/)?obituaries\/)/i;
const ID_RUN = /\d{4,}/;
const NAME_TOKEN = /[A-Za-z]{2,}/g;

// A surname for this rule: listed and no common word, or one of the surnames that are also words (Brown, Park).
const surnameWord = (w: string, surnames: Set<string>): boolean => (surnames.has(w) && !isCommonWord(w)) || isSurnameLike(w);

function splitsIntoNames(token: string, first: Set<string>, surnames: Set<string>): boolean {
  const t = token.toLowerCase();
  for (let i = 3; i <= t.length - 3; i++) {
    const a = t.charAt(0).toUpperCase() + t.slice(1, i);
    const b = t.charAt(i).toUpperCase() + t.slice(i + 1);
    if ((first.has(a) && surnameWord(b, surnames)) || (surnameWord(a, surnames) && first.has(b))) return true;
  }
  return false;
}

// "annikaschreibt.de", "damilarecooks.com": a site named by a given name (four letters or more) and
// a word that is not English, as personal blogs are.
function givenNamePlusWord(label: string, first: Set<string>): boolean {
  const t = label.toLowerCase();
  if (!/^[a-z]+$/.test(t)) return false;
  for (let i = 4; i <= t.length - 4; i++) {
    if (first.has(t.charAt(0).toUpperCase() + t.slice(1, i)) && !isEnglishWord(t.slice(i)) && !isEnglishWord(t)) return true;
  }
  return false;
}

function absoluteUrlNamesPerson(value: string): boolean {
  if (isPersonUrl(value) || SOCIAL_PROFILE.test(value) || ID_RUN.test(value.replace(/^(?:https?:\/\/)?[^/?#]*/, ''))) return true;
  const first = firstNameSet();
  const surnames = surnameSet();
  const host = /^(?:https?:\/\/)?(?:www\.)?([^/?#:]+)/i.exec(value)?.[1] ?? '';
  const labels = host.split('.');
  // The host's first label, but not a subdomain of the app's ("portal.", "app.", "api.").
  const site = labels.length >= 2 ? (labels[labels.length - 2] as string) : '';
  if (site !== '' && (splitsIntoNames(site, first, surnames) || givenNamePlusWord(site, first))) return true;
  const path = value.slice(value.indexOf(host) + host.length);
  const words = path.match(NAME_TOKEN) ?? [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = capitalise(words[i] as string);
    const b = capitalise(words[i + 1] as string);
    if (first.has(a) && surnameWord(b, surnames)) return true;
  }
  return words.some((w) => w.length >= 7 && splitsIntoNames(w, first, surnames));
}

const capitalise = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

export const url: Recognizer = {
  name: 'url',
  types: ['URL', 'MRN'],
  minDigits: 0,
  detect(text: string, sink: Sink): void {
    if (text.includes('://') || text.includes('www.')) {
      for (const m of matches(URL, text)) {
        const value = m[0].replace(URL_TRAILING, '');
        if (LOCAL_URL.test(value) && !isPersonUrl(value)) continue;
        // A URL naming no one stays below the default threshold (a caller may still ask for it).
        sink.push('URL', m.index, m.index + value.length, absoluteUrlNamesPerson(value) ? 0.9 : 0.45);
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
