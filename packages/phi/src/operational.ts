// Operational tokens that are never PHI: Twilio SIDs, UUIDs, ISO timestamps, digests,
// versions, API versions, error codes, and Twilio/Segment API URLs. Their spans are
// computed first and any PHI candidate touching one is dropped, so support logs keep
// the identifiers engineers need (generic redactors mangle exactly these).

export interface Span {
  start: number;
  end: number;
}

const OPERATIONAL: readonly RegExp[] = [
  // Twilio SID: two letters + 32 hex.
  /\b[A-Z]{2}[0-9a-fA-F]{32}\b/g,
  // UUID / GUID.
  /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g,
  // ISO 8601 timestamp (date + time); a bare date is not protected because a birth date is one.
  /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\d:])/g,
  // Time of day on its own (12:30:45.123).
  /\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b/g,
  // Hex digests and ids (16+ hex with at least one letter a-f, so card numbers stay candidates).
  /\b(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{16,}\b/g,
  // Digest prefixes: sha256:..., sha1=...
  /\b(?:sha(?:1|256|384|512)|md5)[:=-][A-Za-z0-9+/=_-]+/gi,
  // Base64 / base64url blobs (24+ chars mixing upper, lower and digits).
  /(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{24,}={0,2}/g,
  // Semantic versions (v1.2.3, 2.14.0-beta.1); not followed by another dot-number, so IPv4 stays a candidate.
  // A dotted phone number (415.555.2671) has the same shape; it is left to the phone detector.
  /(?<![\d.])(?!\d{3}\.\d{3}\.\d{4}(?!\d))v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?(?:\+[0-9A-Za-z.]+)?(?![.\d])/g,
  /\bv\d+(?:\.\d+)?\b/g,
  // API versions: in a URL path (/2010-04-01/) or after an api-version key or word.
  /\/\d{4}-\d{2}-\d{2}(?=\/)/g,
  /\bapi[ _-]?version["']?\s*[:=]?\s*["']?\d{4}-\d{2}-\d{2}/gi,
  // Error and status codes: "error 30007", "code=20003", "ErrorCode":"11200", HTTP 404.
  /(?<!(?:zip|postal)[\s_-]?)\b(?:error|err|code|errorcode|error_code|status|http|warning)["']?\s*[:=#]?\s*["']?\d{3,6}\b/gi,
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g,
  // Twilio and Segment API URLs: the account's own resources, not a person's.
  /\bhttps?:\/\/(?:[\w-]+\.)*(?:twilio\.com|twiliocdn\.com|twil\.io|segment\.(?:com|io)|segmentapis\.com)(?:[/?#][^\s"'<>]*)?/gi,
];

/** Spans of operational tokens in `text`, unsorted and possibly overlapping. */
export function operationalSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of OPERATIONAL) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      spans.push({ start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return spans;
}

export function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  for (const s of spans) if (s.start < end && start < s.end) return true;
  return false;
}
