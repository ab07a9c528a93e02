import { describe, expect, it } from 'vitest';
import { CollectContext } from '../src/collect/context.ts';
import { fetchOne, listAll, PagingError } from '../src/collect/list.ts';
import { describeError, HttpStatusError } from '../src/http/sanitize.ts';
import type { TwilioClient } from '../src/twilio/client.ts';

function fakeClient(pages: Record<string, { statusCode: number; body: unknown }>) {
  const asked: string[] = [];
  const client = {
    request: async ({ uri }: { uri: string }) => {
      asked.push(uri);
      const page = pages[uri];
      if (!page) return { statusCode: 404, body: {} };
      return page;
    },
  } as unknown as TwilioClient;
  return { client, asked };
}

describe('listAll', () => {
  it('follows meta.next_page_url (v1 APIs) to the end', async () => {
    const { client, asked } = fakeClient({
      'https://sync.twilio.com/v1/Services?PageSize=1000': { statusCode: 200, body: { services: [{ sid: 'IS1' }], meta: { key: 'services', next_page_url: 'https://sync.twilio.com/v1/Services?PageSize=1000&Page=1&PageToken=PT1' } } },
      'https://sync.twilio.com/v1/Services?PageSize=1000&Page=1&PageToken=PT1': { statusCode: 200, body: { services: [{ sid: 'IS2' }], meta: { key: 'services', next_page_url: null } } },
    });
    expect((await listAll(client, 'https://sync.twilio.com/v1/Services', 'services')).map((s) => s.sid)).toEqual(['IS1', 'IS2']);
    expect(asked).toHaveLength(2);
  });

  it('follows next_page_uri (2010 API) relative to the API host', async () => {
    const { client } = fakeClient({
      'https://api.twilio.com/2010-04-01/Accounts.json?PageSize=1000': { statusCode: 200, body: { accounts: [{ sid: 'AC1' }], next_page_uri: '/2010-04-01/Accounts.json?PageSize=1000&Page=1' } },
      'https://api.twilio.com/2010-04-01/Accounts.json?PageSize=1000&Page=1': { statusCode: 200, body: { accounts: [{ sid: 'AC2' }], next_page_uri: null } },
    });
    expect((await listAll(client, 'https://api.twilio.com/2010-04-01/Accounts.json', 'accounts')).map((s) => s.sid)).toEqual(['AC1', 'AC2']);
  });

  it('fails on an error status, an unexpected shape or a paging loop, never returning a partial list', async () => {
    const { client } = fakeClient({
      'https://a.twilio.com/v1/X?PageSize=1000': { statusCode: 200, body: { items: [{ sid: '1' }], meta: { next_page_url: 'https://a.twilio.com/v1/X?PageSize=1000' } } },
      'https://b.twilio.com/v1/X?PageSize=1000': { statusCode: 200, body: { nothing: true } },
      'https://c.twilio.com/v1/X?PageSize=1000': { statusCode: 503, body: {} },
    });
    await expect(listAll(client, 'https://a.twilio.com/v1/X', 'items')).rejects.toThrow(/paging loop/);
    await expect(listAll(client, 'https://b.twilio.com/v1/X', 'items')).rejects.toThrow(/unexpected page shape/);
    await expect(listAll(client, 'https://c.twilio.com/v1/X', 'items')).rejects.toBeInstanceOf(HttpStatusError);
  });

  it('a list still paging after the page limit throws a one-line error naming the endpoint, never returns the pages read so far', async () => {
    // Every page points to a new one, as a server that never ends its list would.
    const client = {
      request: async ({ uri }: { uri: string }) => {
        const page = Number(new URL(uri).searchParams.get('Page') ?? 0);
        return { statusCode: 200, body: { items: [{ sid: `IT${page}` }], meta: { key: 'items', next_page_url: `https://sync.twilio.com/v1/Services?PageSize=1000&Page=${page + 1}` } } };
      },
    } as unknown as TwilioClient;
    const error = await listAll(client, 'https://sync.twilio.com/v1/Services', 'items', 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagingError);
    expect(describeError(error)).toBe('stopped after 3 pages of sync /v1/Services: the list is not read to its end, so its checks are unknown');

    const ctx = new CollectContext('AC1', client);
    expect(await ctx.kind('sync.service', () => listAll(client, 'https://sync.twilio.com/v1/Services', 'items', 3))).toBeUndefined();
    expect(ctx.resources).toEqual([]);
    expect(ctx.collections).toEqual([{ platform: 'twilio', account: 'AC1', kind: 'sync.service', ok: false, error: describeError(error) }]);
  });

  it('fetchOne treats 404 as absent only for singletons', async () => {
    const { client } = fakeClient({});
    expect(await fetchOne(client, 'https://flex-api.twilio.com/v1/Configuration', true)).toBeUndefined();
    await expect(fetchOne(client, 'https://flex-api.twilio.com/v1/Configuration')).rejects.toThrow('HTTP 404 from flex-api /v1/Configuration');
  });
});

describe('fetchOne never makes a record of a body it could not read', () => {
  it.each([
    ['an empty body', ''],
    ['HTML from a proxy', '<html><body>502 Bad Gateway</body></html>'],
    ['a truncated JSON document', '{"sid": "FW1", "defin'],
    ['a JSON array', '[]'],
  ])('a 2xx with %s is an error, not {}', async (_what, body) => {
    const { client } = fakeClient({ 'https://studio.twilio.com/v2/Flows/FW1': { statusCode: 200, body } });
    await expect(fetchOne(client, 'https://studio.twilio.com/v2/Flows/FW1')).rejects.toThrow(/unreadable response body .*studio \/v2\/Flows\/FW1/);
  });

  it('a 404 on a singleton that may be missing is still "absent", whatever its body', async () => {
    const { client } = fakeClient({ 'https://flex-api.twilio.com/v1/Configuration': { statusCode: 404, body: '' } });
    expect(await fetchOne(client, 'https://flex-api.twilio.com/v1/Configuration', true)).toBeUndefined();
  });
});
