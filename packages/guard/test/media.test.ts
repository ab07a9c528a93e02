import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptRecording, fetchTwilioMedia, RecordingDecryptionError, TwilioMediaError } from '../src/index.ts';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'media-auth-token-5e1f';
const PRESIGNED_SECRET = 'X-Amz-Signature=deadbeefcafe0123456789';
const MEDIA = randomBytes(300_000);

// Stands in for api.twilio.com (authenticated, redirects) and the storage bucket (pre-signed,
// no auth). Twilio and S3 hosts are mapped onto it by the injected fetch.
let server: Server;
let port: number;
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
    if (req.url?.startsWith('/api/')) {
      if (req.headers.authorization !== expected) return res.writeHead(401).end();
      if (req.url.includes('/Missing')) return res.writeHead(404).end('{"message":"not found"}');
      if (req.url.includes('/Insecure')) return res.writeHead(302, { location: 'http://bucket.s3.amazonaws.com/x' }).end();
      return res.writeHead(307, { location: `https://bucket.s3.amazonaws.com/media/ME1?${PRESIGNED_SECRET}` }).end();
    }
    if (req.url?.startsWith('/s3/')) {
      if (req.headers.authorization) return res.writeHead(400).end('both auth and signature');
      if (!req.url.includes(PRESIGNED_SECRET)) return res.writeHead(403).end();
      if (req.url.includes('expired')) return res.writeHead(403).end();
      res.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': String(MEDIA.length) });
      return Readable.from([MEDIA.subarray(0, 100_000), MEDIA.subarray(100_000)]).pipe(res);
    }
    res.writeHead(500).end();
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

const mappedFetch: typeof fetch = (input, init) => {
  const url = new URL(String(input));
  const prefix = url.hostname === 'api.twilio.com' ? '/api' : url.hostname.endsWith('amazonaws.com') ? '/s3' : '/other';
  return fetch(`http://127.0.0.1:${port}${prefix}${url.pathname}${url.search}`, init);
};
const creds = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
const mediaUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM0123456789abcdef0123456789abcdef/Media/ME0123456789abcdef0123456789abcdef`;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('fetchTwilioMedia', () => {
  it('authenticates to Twilio, follows the redirect without credentials, streams the bytes, and never exposes the pre-signed URL', async () => {
    seen.length = 0;
    const media = await fetchTwilioMedia(mediaUrl, creds, { fetch: mappedFetch });
    expect(media).toMatchObject({ status: 200, contentType: 'audio/x-wav', contentLength: MEDIA.length });
    expect(media.body).toBeInstanceOf(Readable);
    expect((await collect(media.body)).equals(MEDIA)).toBe(true);
    expect(seen.map((s) => s.path.split('/')[1])).toEqual(['api', 's3']);
    expect(seen[1]!.headers.authorization).toBeUndefined();
    const exposed = JSON.stringify(media, (_k, v: unknown) => (v instanceof Readable ? Object.keys(v) : v));
    expect(exposed).not.toContain('X-Amz');
    expect(exposed).not.toContain('amazonaws');
  });

  it('errors name a host kind and a status, never the URL or the token', async () => {
    const errors: unknown[] = [];
    for (const url of [mediaUrl.replace('/Media/', '/Missing/'), mediaUrl.replace('/Media/', '/Insecure/')]) {
      errors.push(await fetchTwilioMedia(url, creds, { fetch: mappedFetch }).catch((e: unknown) => e));
    }
    errors.push(await fetchTwilioMedia(mediaUrl, { accountSid: ACCOUNT_SID, authToken: 'wrong' }, { fetch: mappedFetch }).catch((e: unknown) => e));
    const expiredFetch: typeof fetch = (input, init) => mappedFetch(String(input).includes('amazonaws') ? `${String(input)}&expired=1` : input, init);
    errors.push(await fetchTwilioMedia(mediaUrl, creds, { fetch: expiredFetch }).catch((e: unknown) => e));
    errors.push(await fetchTwilioMedia(mediaUrl, creds, { fetch: () => Promise.reject(new TypeError(`fetch failed https://bucket.s3.amazonaws.com/?${PRESIGNED_SECRET}`)) }).catch((e: unknown) => e));
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'media fetch failed: HTTP 404 from api.twilio.com',
      'media fetch failed: api.twilio.com redirected to a non-https URL',
      'media fetch failed: HTTP 401 from api.twilio.com',
      'media fetch failed: HTTP 403 from the pre-signed storage URL',
      'media fetch failed: network error reaching api.twilio.com',
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(TwilioMediaError);
      const text = JSON.stringify({ m: (e as Error).message, s: (e as Error).stack, c: (e as Error).cause });
      for (const secret of [PRESIGNED_SECRET, AUTH_TOKEN, 'amazonaws']) expect(text).not.toContain(secret);
    }
  });

  it('refuses to send credentials anywhere but https://*.twilio.com', async () => {
    await expect(fetchTwilioMedia('https://evil.example.com/2010-04-01/Recordings/RE1', creds, { fetch: mappedFetch })).rejects.toThrow(/only ever sent to Twilio/);
    await expect(fetchTwilioMedia('http://api.twilio.com/x', creds, { fetch: mappedFetch })).rejects.toThrow(/https/);
    await expect(fetchTwilioMedia('https://api.twilio.com.evil.com/x', creds, { fetch: mappedFetch })).rejects.toThrow(TwilioMediaError);
  });
});

// Encrypts the way Twilio documents Voice Recording Encryption: random 256-bit CEK, AES-256-GCM
// with a 12-byte IV and the tag appended, CEK wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256).
function encryptLikeTwilio(plain: Buffer, publicKey: string) {
  const cek = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const encryptedCek = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
  return { body, details: { type: 'rsa-aes', public_key_sid: 'CR0123456789abcdef0123456789abcdef', encrypted_cek: encryptedCek.toString('base64'), iv: iv.toString('base64') } };
}

describe('decryptRecording (Voice Recording Encryption)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const recording = randomBytes(1_000_003);

  it('streams the plaintext back from odd-sized chunks', async () => {
    const { body, details } = encryptLikeTwilio(recording, publicKey);
    const chunks = [1, 7, 16, 15, 100_000, 17].reduce<{ parts: Buffer[]; at: number }>((acc, size) => ({ parts: [...acc.parts, body.subarray(acc.at, acc.at + size)], at: acc.at + size }), { parts: [], at: 0 });
    const source = Readable.from([...chunks.parts, body.subarray(chunks.at)]);
    const out = await collect(source.pipe(decryptRecording(details, privateKey)));
    expect(out.equals(recording)).toBe(true);
  });

  it('accepts encryption_details as JSON text, decrypts an empty recording', async () => {
    const { body, details } = encryptLikeTwilio(Buffer.alloc(0), publicKey);
    expect((await collect(Readable.from([body]).pipe(decryptRecording(JSON.stringify(details), privateKey)))).length).toBe(0);
  });

  it('fails the stream when the recording was altered or truncated', async () => {
    const { body, details } = encryptLikeTwilio(recording, publicKey);
    const altered = Buffer.from(body);
    altered[5000] = altered[5000]! ^ 1;
    await expect(pipeline(Readable.from([altered]), decryptRecording(details, privateKey), async function* (s) { for await (const _ of s) yield; })).rejects.toThrow(/failed authentication/);
    await expect(pipeline(Readable.from([body.subarray(0, 10)]), decryptRecording(details, privateKey), async function* (s) { for await (const _ of s) yield; })).rejects.toThrow(/truncated/);
  });

  it('refuses the wrong private key and unknown schemes with one-line errors', () => {
    const { details } = encryptLikeTwilio(recording.subarray(0, 10), publicKey);
    expect(() => decryptRecording(details, other.privateKey)).toThrow(RecordingDecryptionError);
    expect(() => decryptRecording(details, other.privateKey)).toThrow(/use the private key matching public_key_sid/);
    expect(() => decryptRecording({ ...details, type: 'aes' }, privateKey)).toThrow(/only "rsa-aes"/);
  });
});
