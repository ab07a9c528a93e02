// Evidence text: what was observed, with secrets and PHI kept out. URLs lose their
// userinfo and query (credentials and tokens live there), numbers lose their last four
// digits, JSON findings name the path and PHI type, never the value.
import { maskPhoneNumber } from '@chaperone/phi';
import { redactUrl } from '../http/sanitize.ts';

export function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function hasUserinfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

export function urlEvidence(field: string, url: string): string {
  return `${field} = ${redactUrl(url)}`;
}

export function numberEvidence(field: string, value: string, detail: string): string {
  return `${field} = ${maskPhoneNumber(value)} (${detail})`;
}

/** `a.b: NAME` for each hit, deduplicated, in a stable order. */
export function phiEvidence(hits: readonly { path: string; type: string }[]): string {
  return [...new Set(hits.map((h) => `${h.path}: ${h.type}`))].sort().join('; ');
}

/** Text that is a JSON document parses; anything else stays as it is. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

/** Reads a dotted path (`sink_configuration.destination`) from a fields object. */
export function fieldAt(fields: Record<string, unknown>, path: string): unknown {
  let value: unknown = fields;
  for (const part of path.split('.')) {
    value = parseMaybeJson(value);
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
