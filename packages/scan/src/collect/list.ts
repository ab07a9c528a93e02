// Generic read helpers over the SDK client: fetch one JSON document, or follow Twilio's
// paging to the end. Through `client.request` so auth, headers and our httpClient apply.
import type { TwilioClient } from '../twilio/client.ts';
import { describeEndpoint, HttpStatusError, ScannerError } from '../http/sanitize.ts';

export type Json = Record<string, unknown>;

export function twilioUrl(sub: string, path: string): string {
  return `https://${sub}.twilio.com${path}`;
}

/** The body as the checks read it: a JSON object, or undefined (a string that is not JSON, an array, nothing). */
function jsonObject(body: unknown): Json | undefined {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : undefined;
}

/** A 2xx whose body is empty or not a JSON object: the resource was not read (never an empty record that checks would pass). */
export class UnreadableBodyError extends ScannerError {
  constructor(endpoint: string) {
    super(`unreadable response body (not a JSON object) from ${endpoint}`);
    this.name = 'UnreadableBodyError';
  }
}

/** GET one document; 404 gives undefined when `missingOk` (singletons like Flex Configuration). */
export async function fetchOne(client: TwilioClient, url: string, missingOk = false): Promise<Json | undefined> {
  const { statusCode: status, body: raw } = (await client.request({ method: 'get', uri: url })) as { statusCode: number; body: unknown };
  if (status === 404 && missingOk) return undefined;
  if (status < 200 || status >= 300) throw new HttpStatusError(status, describeEndpoint(url));
  const body = jsonObject(raw);
  if (!body) throw new UnreadableBodyError(describeEndpoint(url));
  return body;
}

/** A list that could not be read to its end: the kind is not collected (never a partial list). */
export class PagingError extends ScannerError {
  override name = 'PagingError';
}

/** 100 million items at 1,000 a page: past that, a list is taken for a server that pages forever. */
export const MAX_PAGES = 100_000;

/**
 * Every item of a list endpoint, page after page. `key` is the array's name in the page.
 * A list still going after `maxPages` pages throws, so its kind is recorded as not collected
 * (its checks say `unknown`) instead of being checked on the pages read so far.
 */
export async function listAll(client: TwilioClient, url: string, key: string, maxPages = MAX_PAGES): Promise<Json[]> {
  const items: Json[] = [];
  const separator = url.includes('?') ? '&' : '?';
  let next: string | undefined = `${url}${separator}PageSize=1000`;
  const seen = new Set<string>();
  for (let page = 0; next; page++) {
    if (page === maxPages) throw new PagingError(`stopped after ${maxPages} pages of ${describeEndpoint(url)}: the list is not read to its end, so its checks are unknown`);
    if (seen.has(next)) throw new PagingError(`paging loop at ${describeEndpoint(next)}`);
    seen.add(next);
    const body = await fetchOne(client, next);
    const list = body?.[key] ?? body?.[String((body?.meta as Json | undefined)?.key)];
    if (!Array.isArray(list)) throw new PagingError(`unexpected page shape from ${describeEndpoint(next)} (no "${key}" list)`);
    for (const item of list) if (item && typeof item === 'object') items.push(item as Json);
    next = nextPage(body!, next);
  }
  return items;
}

function nextPage(body: Json, current: string): string | undefined {
  const meta = body.meta as Json | undefined;
  const absolute = meta?.next_page_url;
  if (typeof absolute === 'string' && absolute) return absolute;
  const relative = body.next_page_uri;
  if (typeof relative === 'string' && relative) return new URL(relative, new URL(current).origin).href;
  return undefined;
}
