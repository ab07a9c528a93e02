// The twin serves media URLs with each account's "Enforce HTTP Auth on Media URLs" setting,
// as Twilio does: 401 without credentials where enforced; otherwise a recording answers 200
// and an MMS item redirects to a public location. Twilio's defaults where a fixture is silent:
// recordings enforced for accounts created from 31 July 2023, MMS not enforced.
import { describe, expect, it } from 'vitest';
import { FixtureError, startTwin } from '../src/index.ts';

const A = 'AC0ba1e00000000000000000000000a001';
const B = 'AC0ba1e00000000000000000000000a002';
const account = (sid: string, token: string, extra: string) => `
  - sid: ${sid}
    auth_token: ${token}
${extra}
    resources:
      api:
        recordings:
          - sid: RE${sid.slice(2)}
        messages:
          - sid: MM${sid.slice(2)}
            num_media: '1'
            media:
              - sid: ME${sid.slice(2)}
`;
const FIXTURE = `accounts:${account(A, '0ba1e00000000000000000000000a001', "    date_created: '2024-01-01T00:00:00Z'")}${account(B, '0ba1e00000000000000000000000a002', `    owner_account_sid: ${A}\n    date_created: '2019-01-01T00:00:00Z'\n    media_http_auth: { messaging: true }`)}`;

describe('media URLs in the twin', () => {
  it('answer each account’s setting, with Twilio’s defaults where the fixture is silent', async () => {
    const twin = await startTwin({ fixtureText: FIXTURE });
    try {
      const at = (sid: string, path: string) => `${twin.baseUrl}/api/2010-04-01/Accounts/${sid}/${path}`;
      const head = async (url: string, auth?: string) => {
        const response = await fetch(url, { method: 'HEAD', redirect: 'manual', ...(auth ? { headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}` } } : {}) });
        return { status: response.status, location: response.headers.get('location'), length: (await response.arrayBuffer()).byteLength };
      };
      // A: created 2024, recordings enforced by default; MMS not stated, so not enforced.
      expect((await head(at(A, `Recordings/RE${A.slice(2)}`))).status).toBe(401);
      expect((await head(at(A, `Recordings/RE${A.slice(2)}.mp3`), `${A}:0ba1e00000000000000000000000a001`)).status).toBe(200);
      const mms = await head(at(A, `Messages/MM${A.slice(2)}/Media/ME${A.slice(2)}`));
      expect(mms.status).toBe(307);
      expect(mms.location).toMatch(/^https:\/\/s3-external-1\.amazonaws\.com\//);
      // B: created 2019, recordings not enforced by default; MMS enforced by the fixture.
      expect(await head(at(B, `Recordings/RE${B.slice(2)}`))).toEqual({ status: 200, location: null, length: 0 });
      expect((await head(at(B, `Messages/MM${B.slice(2)}/Media/ME${B.slice(2)}`))).status).toBe(401);
      // The master's credentials reach its subaccount's media; an unknown item is 404 once authorised.
      expect((await head(at(B, `Messages/MM${B.slice(2)}/Media/ME${B.slice(2)}`), `${A}:0ba1e00000000000000000000000a001`)).status).toBe(307);
      expect((await head(at(B, `Recordings/RE${'f'.repeat(32)}`))).status).toBe(404);
    } finally {
      await twin.close();
    }
  });

  it('refuses a media_http_auth that is not a mapping of booleans, naming the field', async () => {
    const bad = `accounts:\n  - sid: ${A}\n    auth_token: 0ba1e00000000000000000000000a001\n    media_http_auth: { voice: 'yes' }\n`;
    await expect(startTwin({ fixtureText: bad })).rejects.toBeInstanceOf(FixtureError);
    await expect(startTwin({ fixtureText: bad })).rejects.toThrow(/media_http_auth.voice/);
  });
});
