import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, startAdapter, type AdapterUnderTest } from './support/adapters.ts';
import { SIGNATURE_VECTORS, VECTOR_TOKEN } from './vectors.ts';

describe('published signature vectors', () => {
  it.each(SIGNATURE_VECTORS)('the twilio SDK agrees with the vector: $name', (v) => {
    const url = `${v.proto}://${v.host}${v.path}`;
    const valid = v.contentType === 'application/json'
      ? twilio.validateRequestWithBody(VECTOR_TOKEN, v.signature, url, v.body)
      : twilio.validateRequest(VECTOR_TOKEN, v.signature, url, Object.fromEntries(groupParams(v.body)));
    expect(valid).toBe(v.sdkValid);
  });
});

function groupParams(body: string): Map<string, string | string[]> {
  const map = new Map<string, string | string[]>();
  for (const [k, val] of new URLSearchParams(body)) {
    const prev = map.get(k);
    map.set(k, prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val]);
  }
  return map;
}

describe.each(ADAPTERS)('adapter %s', (name) => {
  let behindProxy: AdapterUnderTest;
  let withPublicUrl: AdapterUnderTest;
  beforeAll(async () => {
    behindProxy = await startAdapter(name, { authToken: VECTOR_TOKEN, trustProxy: true, replayStore: false });
    withPublicUrl = await startAdapter(name, { authToken: VECTOR_TOKEN, publicUrl: 'https://mycompany.com', replayStore: false });
  });
  afterAll(async () => {
    await behindProxy.close();
    await withPublicUrl.close();
  });

  // Twilio Functions parse the body before the handler runs, so a bodySHA256 (JSON)
  // request cannot be re-hashed there: the wrapper refuses it rather than guess.
  const accepts = (v: (typeof SIGNATURE_VECTORS)[number]): boolean => v.guardAccepts && !(name === 'functions' && v.contentType === 'application/json');

  it.each(SIGNATURE_VECTORS)('behind a trusted proxy: $name', async (v) => {
    const before = behindProxy.handled.length;
    const reply = await behindProxy.send({
      path: v.path,
      headers: { host: '127.0.0.1', 'x-forwarded-proto': v.proto, 'x-forwarded-host': v.host, 'content-type': v.contentType, 'x-twilio-signature': v.signature },
      body: v.body,
    });
    expect(reply.status).toBe(accepts(v) ? 200 : 403);
    expect(behindProxy.handled.length).toBe(before + (accepts(v) ? 1 : 0));
    if (!accepts(v)) expect(reply.body).toBe('Forbidden');
  });

  it.each(SIGNATURE_VECTORS.filter((v) => v.proto === 'https' && v.host === 'mycompany.com'))('with an explicit publicUrl: $name', async (v) => {
    const reply = await withPublicUrl.send({
      path: v.path,
      headers: { host: 'internal.local:8080', 'content-type': v.contentType, 'x-twilio-signature': v.signature },
      body: v.body,
    });
    expect(reply.status).toBe(accepts(v) ? 200 : 403);
  });

  it('passes the verified parameters to the handler, repeated keys as arrays', async () => {
    const v = SIGNATURE_VECTORS.find((x) => x.name.startsWith('repeated'))!;
    await behindProxy.send({ path: v.path, headers: { host: 'x', 'x-forwarded-proto': 'https', 'x-forwarded-host': v.host, 'content-type': v.contentType, 'x-twilio-signature': v.signature }, body: v.body });
    const params = behindProxy.handled.at(-1)!;
    expect(params['Sid']).toBe('CA123');
    expect([...(params['Digits'] as string[])].sort()).toEqual(['1234', '5678']);
  });

  it('ignores X-Forwarded-* unless trustProxy is set', async () => {
    if (name === 'functions') return; // the Functions runtime has no proxy headers to trust
    const plain = await startAdapter(name, { authToken: VECTOR_TOKEN, replayStore: false });
    try {
      const v = SIGNATURE_VECTORS[0]!;
      const reply = await plain.send({ path: v.path, headers: { host: v.host, 'x-forwarded-proto': 'https', 'x-forwarded-host': v.host, 'content-type': v.contentType, 'x-twilio-signature': v.signature }, body: v.body });
      // The socket is plain http, so without trusting the proxy the request is refused.
      expect(reply.status).toBe(403);
    } finally {
      await plain.close();
    }
  });
});
