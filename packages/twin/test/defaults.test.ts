// Defaults a fixture leaves out must not invent configuration: no spec example URL,
// placeholder SID, "string" or example address at any depth of any kind's defaults, and
// what the twin serves with them still validates against the spec.
import { describe, expect, it } from 'vitest';
import { startTwin } from '../src/index.ts';
import { catalog } from '../src/spec/catalog.ts';
import { validateTwinResponse } from './contract.ts';

const PLACEHOLDER = /^https?:\/\/|X{3,}|^string$|\bExample (St|Street|City)\b|^123 Main St/i;

function placeholders(value: unknown, path: string, out: string[]): string[] {
  if (typeof value === 'string' && PLACEHOLDER.test(value)) out.push(`${path} = ${value}`);
  else if (Array.isArray(value)) value.forEach((v, i) => placeholders(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) placeholders(v, `${path}.${k}`, out);
  return out;
}

const MASTER = 'AC0ba1e00000000000000000000000a001';
const TOKEN = 'deadbeefdeadbeefdeadbeef0000a001';
const SENDER = 'XE0ba1e00000000000000000000000a001';
const FIXTURE = `accounts:
  - sid: ${MASTER}
    friendly_name: Defaults clinic
    auth_token: ${TOKEN}
    resources:
      messaging:
        channels_senders:
          - sid: ${SENDER}
            sender_id: 'whatsapp:+14155550100'
      video:
        recording_settings:
          aws_storage_enabled: false
`;

describe('defaults from the spec', () => {
  it('hold no example URL, placeholder SID, "string" or example address at any depth', () => {
    const found: string[] = [];
    for (const kind of catalog().kinds.values()) placeholders(kind.defaults, kind.name, found);
    expect(found).toEqual([]);
  });

  it('serve a sender stating only sender_id, and recording settings, without phantom webhooks or names', async () => {
    const twin = await startTwin({ fixtureText: FIXTURE });
    try {
      const auth = `Basic ${Buffer.from(`${MASTER}:${TOKEN}`).toString('base64')}`;
      for (const path of [`/messaging/v2/Channels/Senders/${SENDER}`, '/video/v1/RecordingSettings/Default']) {
        const response = await fetch(`${twin.baseUrl}${path}`, { headers: { authorization: auth } });
        expect(response.status, path).toBe(200);
        const body = (await response.json()) as Record<string, unknown>;
        const contract = validateTwinResponse('GET', path, 200, body);
        expect(contract.errors, path).toEqual([]);
        expect(contract.checked, path).toBe(true);
        const { url: _url, links: _links, ...stated } = body;
        expect(placeholders(stated, path, []), path).toEqual([]);
        if (path.includes('Senders')) {
          expect(body.webhook).toMatchObject({ callback_url: null, fallback_url: null, status_callback_url: null });
          expect((body.configuration as Record<string, unknown>).voice_application_sid).toBeNull();
        } else {
          expect(body.friendly_name).not.toBe('string');
        }
      }
    } finally {
      await twin.close();
    }
  });
});
