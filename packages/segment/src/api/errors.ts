// Errors of the Segment client: one sanitized line each, never the token nor a response body
// (the cap leaves room for a long path and the fix the line ends with).

export class SegmentApiError extends Error {
  readonly status: number | undefined;
  readonly type: string;

  constructor(message: string, status: number | undefined, type: string) {
    super(message);
    this.name = 'SegmentApiError';
    this.status = status;
    this.type = type;
  }
}

/** A request the client refuses to make: a write, or a sample-values endpoint. */
export class SegmentGuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SegmentGuardError';
  }
}

/** Collapses to one line, drops the token wherever it appears, caps the length. */
export function sanitizeLine(text: string, secrets: readonly string[]): string {
  let line = text.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) {
    if (secret.length >= 4) line = line.split(secret).join('[redacted]');
  }
  line = line.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
