// TW-VOICE-RECORDING-AUTH and TW-MMS-MEDIA-AUTH, checked for real: one unauthenticated HEAD
// per account on a recording's and an MMS item's media URL, against the twin serving them
// with each account's "Enforce HTTP Auth on Media URLs" setting.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mediaVerdict, mmsMediaAuth, recordingMediaAuth } from '../src/checks/media-auth.ts';
import { MMS_AUTH_KIND, RECORDING_AUTH_KIND } from '../src/collect/media-auth.ts';
import { headUnauthenticated } from '../src/http/unauthenticated-head.ts';
import { MASTER, inventory, res, run } from './checks/helpers.ts';
import { scanTwin, withTwin } from './integration/twin-scan.ts';

describe('media verdicts', () => {
  it('401 passes, 2xx and 3xx fail, anything else (404, 5xx, no answer) is unknown', () => {
    expect(mediaVerdict({ status: 401 }).status).toBe('pass');
    expect(mediaVerdict({ status: 200 }).status).toBe('fail');
    expect(mediaVerdict({ status: 307 }).status).toBe('fail');
    for (const probe of [{ status: 403 }, { status: 404 }, { status: 500 }, { error: 'ETIMEDOUT' }]) expect(mediaVerdict(probe).status, JSON.stringify(probe)).toBe('unknown');
  });

  it('an account with no media to probe goes to a person; a record is judged by SID', () => {
    expect(run(recordingMediaAuth, inventory([])).map((f) => `${f.status} ${f.resource.sid}`)).toEqual([`manual ${MASTER}`]);
    const [finding] = run(mmsMediaAuth, inventory([res(MMS_AUTH_KIND, 'ME1', { sid: 'ME1', status: 200 })]));
    expect(finding).toMatchObject({ control: 'TW-MMS-MEDIA-AUTH', status: 'fail', resource: { sid: 'ME1' } });
    expect(run(recordingMediaAuth, inventory([], { failed: [RECORDING_AUTH_KIND] })).map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('the unauthenticated HEAD', () => {
  it('is a HEAD without credentials, follows no redirect, and reaches only Twilio media paths', async () => {
    const seen: { method: string; headers: IncomingHttpHeaders; url: string }[] = [];
    const server = createServer((req, res) => {
      seen.push({ method: req.method ?? '', headers: req.headers, url: req.url ?? '' });
      res.writeHead(307, { location: 'https://s3-external-1.amazonaws.com/x' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const url = `https://api.twilio.com/2010-04-01/Accounts/${MASTER}/Messages/MM${'0'.repeat(32)}/Media/ME${'0'.repeat(32)}`;
      expect(await headUnauthenticated(url, { baseUrl, timeoutMs: 5000 })).toEqual({ status: 307 });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.method).toBe('HEAD');
      expect(seen[0]!.headers.authorization).toBeUndefined();
      expect(await headUnauthenticated('https://evil.example/x', { baseUrl, timeoutMs: 5000 })).toEqual({ error: 'NOT_A_TWILIO_MEDIA_URL' });
      expect(seen).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

const A = 'AC0ba1e00000000000000000000000a001';
const B = 'AC0ba1e00000000000000000000000a002';
const FIXTURE = `
accounts:
  - sid: ${A}
    auth_token: 0ba1e00000000000000000000000a001
    date_created: '2019-02-01T00:00:00Z'
    media_http_auth: { voice: true, messaging: true }
    resources:
      api:
        recordings:
          - sid: RE0ba1e00000000000000000000000a001
        messages:
          - sid: MM0ba1e00000000000000000000000a001
            num_media: '1'
            media:
              - sid: ME0ba1e00000000000000000000000a001
                content_type: image/jpeg
  - sid: ${B}
    owner_account_sid: ${A}
    auth_token: 0ba1e00000000000000000000000a002
    date_created: '2019-02-01T00:00:00Z'
    resources:
      api:
        recordings:
          - sid: RE0ba1e00000000000000000000000a002
        messages:
          - sid: MM0ba1e00000000000000000000000a002
            num_media: '1'
            media:
              - sid: ME0ba1e00000000000000000000000a002
                content_type: image/jpeg
`;

describe('media HTTP auth through the twin', () => {
  it('passes the account that enforces it and fails the one that does not, naming the media by SID', async () => {
    await withTwin({ fixtureText: FIXTURE }, async (twin) => {
      const { report } = await scanTwin(twin);
      const of = (control: string) => report.findings.filter((f) => f.control === control && (f.status === 'pass' || f.status === 'fail')).map((f) => `${f.status} ${f.account} ${f.resource.sid}`).sort();
      expect(of('TW-VOICE-RECORDING-AUTH')).toEqual([`fail ${B} RE0ba1e00000000000000000000000a002`, `pass ${A} RE0ba1e00000000000000000000000a001`]);
      expect(of('TW-MMS-MEDIA-AUTH')).toEqual([`fail ${B} ME0ba1e00000000000000000000000a002`, `pass ${A} ME0ba1e00000000000000000000000a001`]);
    });
  });
});
