// Is a request path one of the sample-values endpoints? Those return real property and trait
// values, which may be PHI, so the client must never call them however the path is spelled.
// A plain regex on the raw path misses `sample%2Dvalues`, `Sample-Values`, `x/../sample-values`
// or `sample-values/.`; servers and proxies decode and normalise such spellings before routing,
// so we normalise first and judge the result. Anything we cannot normalise is refused.

/** Decodes percent-encoding until stable (double encoding included); undefined when malformed. */
function decodeFully(text: string): string | undefined {
  let current = text;
  for (let round = 0; round < 8; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  // Still changing after 8 rounds: nobody encodes a path that deep in good faith.
  return undefined;
}

/**
 * The path's segments after decoding, case-folding, treating `\` as `/`, collapsing empty
 * segments (`//`) and resolving `.` and `..`; undefined when the path cannot be decoded.
 */
export function normalisedSegments(path: string): string[] | undefined {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? '';
  const decoded = decodeFully(withoutQuery);
  if (decoded === undefined) return undefined;
  const segments: string[] = [];
  for (const raw of decoded.toLowerCase().replace(/\\/g, '/').split('/')) {
    // Matrix parameters (`;x=1`) and surrounding blanks are not part of what a router matches.
    const segment = raw.split(';', 1)[0]!.trim();
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}

/**
 * True when the path names a sample-values endpoint, or cannot be judged (fail closed).
 * Separators inside the segment are ignored so `sample_values` and `sample.values` count too.
 */
export function isSampleValuesPath(path: string): boolean {
  const segments = normalisedSegments(path);
  if (!segments) return true;
  return segments.some((segment) => segment.replace(/[^a-z0-9]/g, '') === 'samplevalues');
}
