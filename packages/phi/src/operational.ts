// Operational tokens that are never PHI: Twilio SIDs, UUIDs, ISO timestamps, digests,
// versions, API versions, error codes, and Twilio/Segment API URLs. Their spans are
// computed first and any PHI candidate touching one is dropped, so support logs keep
// the identifiers engineers need (generic redactors mangle exactly these).
import { ownNumberSpans } from './own-numbers.ts';
import { isPersonUrl } from './recognizers/url.ts';

export interface Span {
  start: number;
  end: number;
}

/** A pattern plus a check in code (cheaper than the lookaround it replaces). */
interface OperationalRule {
  re: RegExp;
  /** A substring test that every match needs: lines without it skip the pattern's scan. */
  gate?: (text: string) => boolean;
  reject: (token: string, text: string, start: number) => boolean;
  /** Start of the span when the token owns a prefix the pattern left out. */
  widen?: (text: string, start: number) => number;
}

const DIGIT_OR_DOT = /^[\d.]$/;

const DOTTED_PHONE = /^\d{3}\.\d{3}\.\d{4}$/;
// Brazil's CPF (123.456.789-09) has a version's shape; three 3-digit parts and 2 check digits are a person's number.
const CPF_SHAPED = /^\d{3}\.\d{3}\.\d{3}-\d{2}$/;
// 14.03.1962 and 1962.03.14 are dates (left to the date detector); a version is rarely dated.
const DOTTED_DATE = /^(?:(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d{2}|(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01]))$/;
const ZIP_BEFORE = /(?:zip|postal)[\s_-]?$/i;

const gated = (gate: (text: string) => boolean, re: RegExp): OperationalRule => ({ re, gate, reject: () => false });

export const OPERATIONAL: readonly (RegExp | OperationalRule)[] = [
  // ISO 8601 timestamp (date + time); a bare date is not protected because a birth date is one.
  /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\d:])/g,
  // HTTP and email dates (RFC 7231 / RFC 5322): "Thu, 14 Mar 2024 17:02:11 GMT".
  gated((t) => t.includes(', '), /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})/g),
  // Common Log Format timestamps (nginx, Apache): "14/Mar/2024:17:02:11 +0000".
  gated((t) => t.includes('/'), /\b\d{2}\/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?/g),
  // Time of day on its own (12:30:45.123).
  /\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b/g,

  // Digest prefixes (sha256:..., sha1=...): the algorithm name is part of the token.
  gated((t) => /sha|md5/i.test(t), /\b(?:sha(?:1|256|384|512)|md5)[:=-][A-Za-z0-9+/=_-]+/gi),
  // Semantic versions (v1.2.3, 2.14.0-beta.1); not followed by another dot-number, so IPv4 stays a candidate.
  // A dotted phone number (415.555.2671) has the same shape; it is left to the phone detector.
  {
    // The "not after a digit or dot" and "v" prefix are checked in code: a leading lookbehind
    // made this pattern try every position.
    // Parts bounded to 9 digits: an unbounded \d+ with no anchor in front made a run of digits
    // cost the square of its length (every start position reads the run to its end).
    re: /\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z.]{1,64})?(?:\+[0-9A-Za-z.]{1,64})?(?![.\d])/g,
    reject: (token, text, start) =>
      DIGIT_OR_DOT.test(text[start - 1] ?? '') || DOTTED_PHONE.test(token) || CPF_SHAPED.test(token) || (text[start - 1] !== 'v' && DOTTED_DATE.test(token)),
    widen: (text, start) => (text[start - 1] === 'v' ? start - 1 : start),
  },
  /\bv\d+(?:\.\d+)?\b/g,
  // API versions: in a URL path (/2010-04-01/) or after an api-version key or word.
  gated((t) => t.includes('/'), /\/\d{4}-\d{2}-\d{2}(?=\/)/g),
  gated((t) => /version/i.test(t), /\bapi[ _-]?version["']?\s*[:=]?\s*["']?\d{4}-\d{2}-\d{2}/gi),
  // Error and status codes: "error 30007", "code=20003", "ErrorCode":"11200", HTTP 404.
  // "zip code 94105" is a ZIP, not a code.
  {
    re: /\b(?:error|err|code|errorcode|error_code|status|http|warning)["']?\s*[:=#]?\s*["']?\d{3,6}\b/gi,
    reject: (_token, text, start) => ZIP_BEFORE.test(text.slice(Math.max(0, start - 8), start)),
  },
  gated((t) => t.includes('_'), /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g),
  // Twilio and Segment API URLs: the account's own resources, not a person's.
  gated((t) => t.includes('://'), /\bhttps?:\/\/(?:[\w-]+\.)*(?:twilio\.com|twiliocdn\.com|twil\.io|segment\.(?:com|io)|segmentapis\.com)(?:[/?#][^\s"'<>]*)?/gi),
];

// The app's own endpoints: a webhook or API host (hooks., api., webhooks.) or a path that names
// a Twilio/webhook endpoint (/twilio/sms, /status-callback, /voice), without a person's record
// or field in it. They identify the service, not a patient (the scanner reports them by their
// own rules). Ours: Twilio's console fills webhook URLs with exactly these shapes.
const APP_URL = /\bhttps?:\/\/[\w.-]{1,253}(?::\d{1,5})?(?:\/[^\s"'<>`\\]{0,2048})?/gi;
const APP_HOST = /^https?:\/\/(?:hooks?|webhooks?|api|events|callbacks?|status|app|crm|ivr|sms|voice|portal|help|support|pay|payments?|billing|checkout|visit|visits|video|telehealth)[.-]/i;
const APP_PATH =
  /\/(?:twilio|webhooks?|hooks?|callbacks?|status[-_]?callback|status|sms|mms|voice|calls?|messages?|incoming|inbound|outbound|events?|flex|studio|taskrouter|conversations|fallback|twiml|ivr|gather|recording[-_]?status)(?:[/?#.]|$)/i;
// A site's own pages, ours: the home page of a service subdomain (portal., help., pay.) or one
// functional page (/pricing, /checkout, /join, /unsubscribe, /login, /keys) with no query. A
// person's page has their name or id in the path (/p/ngozi-okonkwo, /~dylanm/about) and stays.
const SERVICE_HOST = /^https?:\/\/(?:portal|help|support|pay|payments?|billing|checkout|visit|video|telehealth|console|dashboard|login|auth|docs|status)\./i;
const WWW_HOST = /^https?:\/\/www\./i;
const FUNCTIONAL_PATH =
  /^\/(?:pricing|plans|checkout|join|unsubscribe|opt-?out|login|log-?in|sign-?in|signup|sign-?up|logout|keys|api-?keys|settings|privacy|terms|legal|help|faq|support|contact|download|status)\/?$/i;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;
const DIGIT_RUN = /\d{4,}/;

function appUrlSpans(text: string, spans: Span[]): void {
  if (!text.includes('://')) return;
  APP_URL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = APP_URL.exec(text)) !== null) {
    const value = m[0].replace(TRAILING_PUNCTUATION, '');
    const path = value.replace(/^https?:\/\/[^/]*/i, '');
    const servicePage = (SERVICE_HOST.test(value) && (path === '' || path === '/' || FUNCTIONAL_PATH.test(path))) || (WWW_HOST.test(value) && FUNCTIONAL_PATH.test(path));
    if (!(servicePage || APP_HOST.test(value) || APP_PATH.test(path)) || isPersonUrl(value) || DIGIT_RUN.test(path)) continue;
    spans.push({ start: m.index, end: m.index + value.length });
  }
}

// Role mailboxes (RFC 2142's list and the usual service ones): a service's address, not a
// person's. Only when the whole local part is the role (`support@`, not `support.jane@`).
const ROLE_MAILBOX =
  /(?<![\w.%+-])(?:support|help|helpdesk|info|noreply|no-reply|donotreply|do-not-reply|postmaster|webmaster|hostmaster|abuse|security|privacy|notifications|alerts)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/gi;

function roleMailboxSpans(text: string, spans: Span[]): void {
  if (!text.includes('@')) return;
  ROLE_MAILBOX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ROLE_MAILBOX.exec(text)) !== null) spans.push({ start: m.index, end: m.index + m[0].length });
}

// Long tokens are found by one scan and classified in code (lookahead-heavy patterns were
// the slowest part of the detector). A token of 16+ chars from the base64url alphabet is:
// - a base64/base64url blob when it has 24+ chars mixing upper case, lower case and digits;
// - otherwise split on + / _ into words, each of which may be a Twilio SID (two letters +
//   32 hex), hold a UUID, or be a hex digest/id with at least one a-f letter (so card
//   numbers, all digits, stay candidates).
const LONG_TOKEN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}/g;
const WORD_PART = /[A-Za-z0-9-]{16,}/g;
const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
const HEX_ONLY = /^[0-9a-fA-F]+$/;
const HEX_LETTER = /[a-fA-F]/;
const IBAN_SHAPED = /^[A-F]{2}\d{12,32}$/;
const DIGIT = /\d/;
const LOWER = /[a-z]/;
const UPPER = /[A-Z]/;

function wordPartSpans(token: string, offset: number, spans: Span[]): void {
  WORD_PART.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_PART.exec(token)) !== null) {
    const word = m[0];
    const at = offset + m.index;
    // "DE31854685416626864133", "BE02104838928187" are IBANs whose country code happens to be hex letters.
    if (SID.test(word) || (HEX_ONLY.test(word) && HEX_LETTER.test(word) && !IBAN_SHAPED.test(word))) {
      spans.push({ start: at, end: at + word.length });
    } else if (word.length >= 36 && word.includes('-')) {
      UUID.lastIndex = 0;
      let u: RegExpExecArray | null;
      while ((u = UUID.exec(word)) !== null) spans.push({ start: at + u.index, end: at + u.index + 36 });
    }
  }
}

function longTokenSpans(text: string, spans: Span[]): void {
  LONG_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LONG_TOKEN.exec(text)) !== null) {
    const token = m[0];
    if (token.length >= 24 && DIGIT.test(token) && LOWER.test(token) && UPPER.test(token)) {
      spans.push({ start: m.index, end: m.index + token.length });
    } else {
      wordPartSpans(token, m.index, spans);
    }
  }
}

/** Spans of operational tokens in `text`, unsorted and possibly overlapping. */
export function operationalSpans(text: string): Span[] {
  const spans: Span[] = [];
  longTokenSpans(text, spans);
  appUrlSpans(text, spans);
  ownNumberSpans(text, spans);
  roleMailboxSpans(text, spans);
  for (const rule of OPERATIONAL) {
    if (!(rule instanceof RegExp) && rule.gate && !rule.gate(text)) continue;
    const re = rule instanceof RegExp ? rule : rule.re;
    const reject = rule instanceof RegExp ? undefined : rule.reject;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (!reject || !reject(m[0], text, m.index)) {
        const start = rule instanceof RegExp || !rule.widen ? m.index : rule.widen(text, m.index);
        spans.push({ start, end: m.index + m[0].length });
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return spans;
}

export function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  for (const s of spans) if (s.start < end && start < s.end) return true;
  return false;
}

/**
 * Digits of `text` outside every span, counted up to `limit`. Every numeric identifier has
 * digits and none may overlap an operational span, so a line whose digits all sit in SIDs,
 * timestamps and versions skips the numeric detectors (exact, not a heuristic).
 */
export function digitsOutside(text: string, spans: Span[], limit: number): number {
  const sorted = spans.length > 1 ? [...spans].sort((a, b) => a.start - b.start) : spans;
  let count = 0;
  let from = 0;
  for (let k = 0; k <= sorted.length; k++) {
    const span = sorted[k];
    const to = span ? span.start : text.length;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57 && ++count >= limit) return count;
    }
    if (span && span.end > from) from = span.end;
  }
  return count;
}
