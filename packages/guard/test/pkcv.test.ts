import { createHash, generateKeyPairSync, verify as verifySignature, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startTwin, twinHttpClient, type Twin } from '@chaperone/twin';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPkcv, checkPkcv, guardTwilio, guardedHttpClient, HipaaPolicyError, pkcvHttpClient, type GuardEvent, type PkcvCredentials } from '../src/index.ts';

const FIXTURE = fileURLToPath(new URL('../../../fixtures/sample-clinic.yaml', import.meta.url));
const CREDENTIAL_SID = 'CR0ba1e00000000000000000000000b001';
const SIGNING_KEY = 'SK0ba1e00000000000000000000000b001';

interface Captured {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

// Sits between the SDK and the twin, records what arrives, forwards it unchanged.
async function startRecorder(target: string): Promise<{ base: string; seen: Captured[]; server: Server }> {
  const seen: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://recorder');
      seen.push({ method: req.method ?? '', path: url.pathname, query: url.search.slice(1), headers: req.headers, body });
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept', 'user-agent']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      void fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body }).then(async (upstream) => {
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      }, () => {
        res.statusCode = 502;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signed: string; signature: Buffer } {
  const [h, p, s] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>,
    signed: `${h}.${p}`,
    signature: Buffer.from(s!, 'base64url'),
  };
}

// The canonical request Twilio hashes into `rqh`, rebuilt independently from what arrived:
// method, path, sorted query, signed headers (host, authorization), their names, body hash.
function canonicalRequestHash(c: Captured): string {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const query = c.query === '' ? '' : c.query.split('&').sort().join('&');
  const headers = `authorization:${String(c.headers.authorization).trim()}\nhost:${String(c.headers.host).trim()}\n`;
  return sha([c.method.toUpperCase(), c.path, query, headers, 'authorization;host', c.body === '' ? '' : sha(c.body)].join('\n'));
}

describe('Public Key Client Validation through the SDK (TW-PKCV)', () => {
  let twin: Twin;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let publicKey: KeyObject;
  let otherPublicKey: KeyObject;
  let credentials: PkcvCredentials;

  beforeAll(async () => {
    twin = await startTwin({ fixture: FIXTURE, port: 0 });
    recorder = await startRecorder(twin.baseUrl);
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    publicKey = pair.publicKey;
    otherPublicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    credentials = { accountSid: twin.master.accountSid, credentialSid: CREDENTIAL_SID, signingKey: SIGNING_KEY, privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  });
  afterAll(async () => {
    recorder.server.close();
    await twin.close();
  });

  it('signs every request of a guarded client with a JWT verifiable with the public key', async () => {
    const events: GuardEvent[] = [];
    const client = twilio(twin.master.accountSid, twin.master.authToken, {
      httpClient: guardedHttpClient({ httpClient: twinHttpClient(recorder.base), pkcv: credentials, sink: (e) => events.push(e) }),
    });
    await client.api.v2010.accounts(twin.master.accountSid).fetch();
    await client.messages.create({ to: '+12125550123', from: '+14155550101', body: 'Reminder: appointment tomorrow' });
    expect(recorder.seen.length).toBeGreaterThanOrEqual(2);
    for (const request of recorder.seen.slice(-2)) {
      const header = request.headers['twilio-client-validation'];
      expect(typeof header).toBe('string');
      const jwt = decodeJwt(header as string);
      expect(jwt.header).toMatchObject({ alg: 'RS256', kid: CREDENTIAL_SID, cty: 'twilio-pkrv;v=1', typ: 'JWT' });
      expect(jwt.payload).toMatchObject({ iss: SIGNING_KEY, sub: twin.master.accountSid, hrh: 'authorization;host' });
      expect(Number(jwt.payload['exp']) - Number(jwt.payload['iat'])).toBe(300);
      expect(jwt.payload['rqh']).toBe(canonicalRequestHash(request));
      expect(verifySignature('sha256', Buffer.from(jwt.signed), publicKey, jwt.signature)).toBe(true);
      expect(verifySignature('sha256', Buffer.from(jwt.signed), otherPublicKey, jwt.signature)).toBe(false);
    }
    expect(recorder.seen.at(-1)!.method).toBe('POST');
    expect(checkPkcv(client)).toBeUndefined();
    expect(assertPkcv(client, { sink: (e) => events.push(e) })).toBe(client);
    expect(events.at(-1)).toMatchObject({ event: 'twilio.pkcv.check', outcome: 'allowed' });
    expect(JSON.stringify(events)).not.toContain('PRIVATE KEY');
  });

  it('guardTwilio({ pkcv }) signs through an existing twin client too', async () => {
    const client = guardTwilio(twilio(twin.master.accountSid, twin.master.authToken, { httpClient: twinHttpClient(recorder.base) }), { pkcv: credentials });
    const before = recorder.seen.length;
    await client.api.v2010.accounts(twin.master.accountSid).fetch();
    expect(recorder.seen).toHaveLength(before + 1);
    expect(recorder.seen.at(-1)!.headers['twilio-client-validation']).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(checkPkcv(client)).toBeUndefined();
    // Handing pkcvHttpClient an already guarded client signs the client that actually sends.
    const guarded = guardedHttpClient({ httpClient: twinHttpClient(recorder.base) });
    expect(checkPkcv(guarded)).toMatchObject({ controlId: 'TW-PKCV' });
    const viaGuard = twilio(twin.master.accountSid, twin.master.authToken, { httpClient: pkcvHttpClient(credentials, { httpClient: guarded }) });
    await viaGuard.api.v2010.accounts(twin.master.accountSid).fetch();
    expect(recorder.seen.at(-1)!.headers['twilio-client-validation']).toMatch(/^ey/);
    expect(checkPkcv(viaGuard)).toBeUndefined();
  });

  it('reports TW-PKCV for clients that do not sign, without sending anything', async () => {
    const events: GuardEvent[] = [];
    const plain = twilio(twin.master.accountSid, twin.master.authToken, { httpClient: guardedHttpClient({ httpClient: twinHttpClient(recorder.base) }) });
    expect(checkPkcv(plain)).toMatchObject({ controlId: 'TW-PKCV' });
    expect(() => assertPkcv(plain, { sink: (e) => events.push(e) })).toThrow(HipaaPolicyError);
    expect(events.at(-1)).toMatchObject({ event: 'twilio.pkcv.check', outcome: 'denied', controlIds: ['TW-PKCV'] });
    // The SDK ignores validationClient when a custom httpClient is passed: caught, not trusted.
    const ignored = twilio(twin.master.accountSid, twin.master.authToken, { validationClient: credentials, httpClient: twinHttpClient(recorder.base) });
    expect(checkPkcv(ignored)?.reason).toMatch(/custom httpClient/);
    // The SDK's own client built from validationClient does sign.
    expect(checkPkcv(twilio(twin.master.accountSid, twin.master.authToken, { validationClient: credentials }))).toBeUndefined();
    expect(checkPkcv(pkcvHttpClient(credentials))).toBeUndefined();
    expect(checkPkcv(undefined)).toMatchObject({ controlId: 'TW-PKCV' });
  });

  it('refuses bad credentials with one-line errors that name the field and never echo the key', () => {
    expect(() => pkcvHttpClient({ ...credentials, credentialSid: 'PK123' })).toThrow(/^pkcv: credentialSid must be a CR SID/);
    expect(() => pkcvHttpClient({ ...credentials, signingKey: '' })).toThrow(/^pkcv: signingKey must be a SK SID/);
    let message = '';
    try {
      pkcvHttpClient({ ...credentials, privateKey: 'not-a-key-secret-material' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^pkcv: privateKey is not a PEM private key/);
    expect(message).not.toContain('secret-material');
    expect(() => guardedHttpClient({ pkcv: credentials, httpClient: { request: () => Promise.resolve({}) } })).toThrow(/^pkcv: httpClient must be a twilio.RequestClient/);
  });
});
