// Errors the transparency-log core throws. Their messages name where the problem is
// (a path into the value, a line of a note, a file) and never the offending value itself:
// ledger bodies may be near PHI, and key material must never reach a log.

/** A value that cannot become a ledger entry or a log structure (bad JSON value, bad size, bad hash). */
export class LedgerInputError extends Error {
  override name = 'LedgerInputError';
}

/** A signed note that does not open: malformed, signed by no key we know, or a signature that does not verify. */
export class NoteVerificationError extends Error {
  override name = 'NoteVerificationError';
  constructor(
    readonly reason: 'malformed' | 'unknown key' | 'bad signature',
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}
