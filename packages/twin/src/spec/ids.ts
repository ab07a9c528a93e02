// Identifiers the specs describe only by a `pattern`: classic SIDs (`^TK[0-9a-fA-F]{32}$`,
// `^(SM|MM)[0-9a-fA-F]{32}$`) and the newer ids (`^aia_asst_.+$`). An id is the pattern's
// literal start plus 32 hex digits, kept only when the result matches the pattern.

const META = new Set(['[', '(', ')', '.', '\\', '{', '}', '*', '+', '?', '|', '$', '^']);

/** The literal text every match of `pattern` starts with; a leading `(A|B)` group gives its first alternative. */
export function literalStart(pattern: RegExp): string {
  let source = pattern.source;
  if (!source.startsWith('^')) return '';
  source = source.slice(1);
  const group = /^\(([A-Za-z0-9_]+)(\|[A-Za-z0-9_|]+)?\)/.exec(source);
  let out = '';
  if (group) {
    out = group[1]!;
    source = source.slice(group[0].length);
  }
  for (const char of source) {
    if (META.has(char)) break;
    out += char;
  }
  return out;
}

/**
 * The prefix ids of this pattern get, when `prefix + 32 hex digits` matches it; undefined
 * when no such id fits (e.g. `^[A-Z]{2}$` country codes), so callers fall back explicitly.
 */
export function idPrefixOf(pattern: RegExp | undefined): string | undefined {
  if (!pattern) return undefined;
  const prefix = literalStart(pattern);
  return pattern.test(prefix + '0'.repeat(32)) ? prefix : undefined;
}
