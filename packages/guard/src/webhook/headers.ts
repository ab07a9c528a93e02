export type HeaderBag = Record<string, string | string[] | undefined>;

/** One header value; a header sent twice is ambiguous and reads as absent-but-present. */
export function singleHeader(headers: HeaderBag, name: string): string | undefined | 'duplicate' {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : 'duplicate';
  return value;
}

/** First entry of a comma-separated proxy header (`X-Forwarded-Proto: https, http`). */
export function firstListValue(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const first = raw.split(',')[0]?.trim();
  return first ? first : undefined;
}

export function lowerCaseHeaders(headers: Iterable<[string, string]>): HeaderBag {
  const bag: HeaderBag = Object.create(null) as HeaderBag;
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const existing = bag[key];
    if (existing === undefined) bag[key] = value;
    else bag[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return bag;
}
