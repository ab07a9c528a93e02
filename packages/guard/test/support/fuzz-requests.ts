// Generates signed Twilio webhook requests and corrupts some of them, with an
// independent oracle (a direct HMAC-SHA1 over the URL and sorted parameters, written
// here from Twilio's documented algorithm rather than through the SDK) that says
// whether a request is genuinely signed.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import twilio from 'twilio';

export const FUZZ_TOKEN = 'fuzz-auth-token-0123456789abcdef';
export const FUZZ_MAX_BODY = 4096;

export type Mutation =
  | 'none' | 'forge-signature' | 'wrong-token' | 'change-param' | 'add-param' | 'drop-param'
  | 'truncate-body' | 'oversize-body' | 'garbage-body' | 'insecure-scheme' | 'change-host'
  | 'change-path' | 'no-signature' | 'duplicate-signature' | 'bad-method' | 'replay' | 'json-tamper';

export interface FuzzRequest {
  mutation: Mutation;
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** Send the same request twice; the second answer is the one judged. */
  sendTwice: boolean;
}

const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
const value = fc.string({ unit: 'grapheme', maxLength: 24 });
const params = fc.dictionary(key, value, { maxKeys: 8 });
const path = fc.tuple(fc.constantFrom('/sms', '/voice', '/a/b.php', '/status'), fc.option(fc.dictionary(key, fc.stringMatching(/^[a-z0-9]{0,6}$/), { maxKeys: 3 })))
  .map(([p, q]) => (q && Object.keys(q).length ? `${p}?${new URLSearchParams(q).toString()}` : p));
const mutation = fc.constantFrom<Mutation>(
  'none', 'forge-signature', 'wrong-token', 'change-param', 'add-param', 'drop-param', 'truncate-body', 'oversize-body',
  'garbage-body', 'insecure-scheme', 'change-host', 'change-path', 'no-signature', 'duplicate-signature', 'bad-method', 'replay', 'json-tamper',
);

let idempotencySerial = 0;

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({ params, path, mutation, json: fc.boolean(), noise: fc.uint8Array({ minLength: 1, maxLength: 64 }), cut: fc.nat(), forged: fc.base64String({ minLength: 4, maxLength: 40 }) })
  .map(({ params: p, path: rawPath, mutation: m, json, noise, cut, forged }) => {
    const host = 'hooks.example.com';
    let body: Buffer;
    let url: string;
    let signature: string;
    let contentType: string;
    if (json || m === 'json-tamper') {
      const text = JSON.stringify(p);
      const hash = createHash('sha256').update(text, 'utf8').digest('hex');
      url = `https://${host}${rawPath}${rawPath.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
      body = Buffer.from(text);
      signature = twilio.getExpectedTwilioSignature(FUZZ_TOKEN, url, {});
      contentType = 'application/json';
    } else {
      url = `https://${host}${rawPath}`;
      body = Buffer.from(new URLSearchParams(p).toString());
      signature = twilio.getExpectedTwilioSignature(FUZZ_TOKEN, url, p);
      contentType = 'application/x-www-form-urlencoded';
    }
    let method = 'POST';
    const headers: Record<string, string | string[]> = { 'content-type': contentType, 'x-twilio-signature': signature, 'i-twilio-idempotency-token': `idem-${++idempotencySerial}` };
    const firstKey = Object.keys(p)[0];
    switch (m) {
      case 'forge-signature': headers['x-twilio-signature'] = forged; break;
      case 'wrong-token': headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature('another-token', url, json ? {} : p); break;
      case 'change-param': body = json ? Buffer.from(JSON.stringify({ ...p, [firstKey ?? 'X']: 'changed' })) : Buffer.from(new URLSearchParams({ ...p, [firstKey ?? 'X']: 'changed' }).toString()); break;
      case 'add-param': body = Buffer.concat([body, Buffer.from(json ? ' ' : '&Injected=1')]); break;
      case 'drop-param': body = Buffer.from(body.toString('utf8').split('&').slice(1).join('&')); break;
      case 'truncate-body': body = body.subarray(0, body.length === 0 ? 0 : cut % body.length); break;
      case 'oversize-body': body = Buffer.concat([body, Buffer.alloc(FUZZ_MAX_BODY + 1, 0x61)]); break;
      case 'garbage-body': body = Buffer.from(noise); break;
      case 'insecure-scheme': url = url.replace('https://', 'http://'); break;
      case 'change-host': url = url.replace(host, 'evil.example.com'); break;
      case 'change-path': url = url.replace(host + '/', host + '/x'); break;
      case 'no-signature': delete headers['x-twilio-signature']; break;
      case 'duplicate-signature': headers['x-twilio-signature'] = [signature, signature]; break;
      case 'bad-method': method = 'PUT'; break;
      case 'json-tamper': body = Buffer.from(body.toString('utf8').replace(/}$/, ',"x":1}')); break;
      default: break;
    }
    return { mutation: m, method, url, headers, body, sendTwice: m === 'replay' };
  });

/** Independent judgement: is this request genuinely signed with FUZZ_TOKEN and acceptable? */
export function genuinelySigned(request: FuzzRequest): boolean {
  if (request.method !== 'POST' || request.sendTwice) return false;
  if (!request.url.startsWith('https://')) return false;
  if (request.body.length > FUZZ_MAX_BODY) return false;
  const header = request.headers['x-twilio-signature'];
  if (typeof header !== 'string') return false;
  const url = new URL(request.url);
  const hash = url.searchParams.get('bodySHA256');
  let data: string;
  if (hash !== null) {
    if (createHash('sha256').update(request.body).digest('hex') !== hash) return false;
    data = request.url;
  } else {
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') return false;
    const pairs = [...new URLSearchParams(request.body.toString('utf8'))];
    const grouped = new Map<string, Set<string>>();
    for (const [k, v] of pairs) grouped.set(k, (grouped.get(k) ?? new Set()).add(v));
    data = request.url + [...grouped.keys()].sort().map((k) => [...grouped.get(k)!].sort().map((v) => k + v).join('')).join('');
  }
  const withPort = request.url.replace('hooks.example.com/', 'hooks.example.com:443/');
  const variants = [data, data.replace(request.url, withPort)];
  return variants.some((d) => {
    const expected = createHmac('sha1', FUZZ_TOKEN).update(Buffer.from(d, 'utf8')).digest();
    const got = Buffer.from(header, 'base64');
    return got.length === expected.length && timingSafeEqual(got, expected) && Buffer.from(header, 'base64').toString('base64') === header;
  });
}
