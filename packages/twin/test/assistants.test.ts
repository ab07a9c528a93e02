// The AI Assistants API (assistants.twilio.com/v1), the first served spec whose items declare
// required fields, `aia_*` ids instead of SIDs, `{id}` parent params and JSON request bodies.
// twilio-node 6.2 has no `client.assistants` domain, so these go through the SDK's generic
// `client.request` (as the scanner does), with every response contract-checked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { startTwin, type Twin } from '../src/index.ts';
import { FixtureError } from '../src/errors.ts';
import { loadFixtureText } from '../src/fixture.ts';
import { catalog } from '../src/spec/catalog.ts';
import { TwinState } from '../src/state.ts';
import { idPrefixOf, literalStart } from '../src/spec/ids.ts';
import { ContractCheckingClient } from './checking-client.ts';

const MASTER = 'AC00000000000000000000000000000001';
const TOKEN = 'deadbeefdeadbeefdeadbeef00000001';
const ASSISTANT = 'aia_asst_00000000000000000000000000000a01';
const FIXTURE = `accounts:
  - sid: ${MASTER}
    auth_token: ${TOKEN}
    resources:
      assistants:
        assistants:
          - id: ${ASSISTANT}
            name: Symptom triage bot
            owner: Test clinic
            model: gpt-4o-mini
            personality_prompt: Ask about symptoms.
          - name: Generated id
`;
const BASE = 'https://assistants.twilio.com/v1';

let twin: Twin;
let checking: ContractCheckingClient;
let client: ReturnType<typeof twilio>;

interface Reply {
  statusCode: number;
  body: Record<string, unknown>;
}

async function call(method: 'get' | 'post' | 'put' | 'delete', path: string, data?: object, contentType = 'application/json'): Promise<Reply> {
  const response = (await client.request({
    method,
    uri: BASE + path,
    ...(data === undefined ? {} : { data, headers: { 'Content-Type': contentType } }),
  })) as { statusCode: number; body: unknown };
  const body = typeof response.body === 'string' ? (response.body ? JSON.parse(response.body) : {}) : response.body;
  return { statusCode: response.statusCode, body: (body ?? {}) as Record<string, unknown> };
}

beforeAll(async () => {
  twin = await startTwin({ fixtureText: FIXTURE, fixtureName: 'assistants.yaml', seed: 3 });
  checking = new ContractCheckingClient(twin.baseUrl);
  client = twilio(MASTER, TOKEN, { httpClient: checking });
});

afterAll(async () => {
  await twin.close();
});

afterEach(() => {
  expect(checking.violations).toEqual([]);
});

describe('AI Assistants from a fixture', () => {
  it('lists the declared assistants, with required fields filled and a pattern id generated', async () => {
    const { statusCode, body } = await call('get', '/Assistants');
    expect(statusCode).toBe(200);
    const items = body.assistants as Record<string, unknown>[];
    expect(items.map((a) => a.name)).toEqual(['Symptom triage bot', 'Generated id']);
    expect(items[0]).toMatchObject({ id: ASSISTANT, account_sid: MASTER, model: 'gpt-4o-mini', url: `${BASE}/Assistants/${ASSISTANT}` });
    expect(items[1]!.id).toMatch(/^aia_asst_[0-9a-f]{32}$/);
    expect(items[1]!.customer_ai).toEqual({});
    expect(checking.checked).toBeGreaterThan(0);
  });

  it('rejects a malformed id with the prefix its pattern requires', () => {
    const bad = FIXTURE.replace(ASSISTANT, 'asst_1');
    let error: unknown;
    try {
      loadFixtureText(new TwinState(catalog(), 1), bad, 'assistants.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FixtureError);
    expect(String((error as Error).message)).toMatch(/assistants\.yaml:7: .*assistants\.assistants\[0\]\.id: id "asst_1" is malformed; fix: .*"aia_asst_"/);
  });

  it('fetches one as the richer instance schema (knowledge and tools lists)', async () => {
    const { statusCode, body } = await call('get', `/Assistants/${ASSISTANT}`);
    expect(statusCode).toBe(200);
    expect(body).toMatchObject({ id: ASSISTANT, knowledge: [], tools: [] });
  });
});

describe('writes with JSON bodies', () => {
  it('creates from JSON, updates with PUT, deletes', async () => {
    const created = await call('post', '/Assistants', { name: 'Intake helper', customer_ai: { perception_engine_enabled: false, personalization_engine_enabled: false } });
    expect(created.statusCode).toBe(201);
    const id = String(created.body.id);
    expect(id).toMatch(/^aia_asst_/);
    expect(created.body.customer_ai).toEqual({ perception_engine_enabled: false, personalization_engine_enabled: false });

    const updated = await call('put', `/Assistants/${id}`, { owner: 'Front desk' });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Intake helper', owner: 'Front desk' });

    expect((await call('delete', `/Assistants/${id}`)).statusCode).toBe(204);
    expect((await call('get', `/Assistants/${id}`)).statusCode).toBe(404);
  });

  it('answers 400 for a missing required property, a wrong type, or form params where JSON is due', async () => {
    const missing = await call('post', '/Assistants', { owner: 'nobody' });
    expect(missing).toMatchObject({ statusCode: 400, body: { code: 20001 } });
    expect(String(missing.body.message)).toContain('name');
    expect((await call('post', '/Assistants', { name: 42 })).statusCode).toBe(400);
    expect((await call('post', '/Assistants', { name: 'x' }, 'application/x-www-form-urlencoded')).statusCode).toBe(400);
  });

  it('nests feedbacks under an {id} parent, carrying the parent in assistant_id', async () => {
    const created = await call('post', `/Assistants/${ASSISTANT}/Feedbacks`, { session_id: 'session-1', score: 0.5, text: 'helpful' });
    expect(created.statusCode).toBe(201);
    expect(created.body).toMatchObject({ assistant_id: ASSISTANT, session_id: 'session-1', score: 0.5 });
    expect(String(created.body.id)).toMatch(/^aia_fdbk_/);
    const listed = await call('get', `/Assistants/${ASSISTANT}/Feedbacks`);
    expect((listed.body.feedbacks as unknown[]).length).toBe(1);
    expect((await call('get', '/Assistants/aia_asst_unknown/Feedbacks')).statusCode).toBe(404);
  });

  it('links a tool to an assistant with a bodyless POST answered 204', async () => {
    const tool = await call('post', '/Tools', { assistant_id: ASSISTANT, name: 'lookup', type: 'WEBHOOK', enabled: true, meta: {} });
    expect(tool.statusCode).toBe(201);
    const toolId = String(tool.body.id);
    expect(toolId).toMatch(/^aia_tool_/);
    expect((await call('post', `/Assistants/${ASSISTANT}/Tools/${toolId}`)).statusCode).toBe(204);
    const linked = await call('get', `/Assistants/${ASSISTANT}/Tools`);
    expect((linked.body.tools as Record<string, unknown>[]).map((t) => t.id)).toEqual([toolId]);
  });

  it('reaches lists nested under {id} parents (knowledge chunks)', async () => {
    const knowledge = await call('post', '/Knowledge', { name: 'FAQ', type: 'Text' });
    expect(knowledge.statusCode).toBe(201);
    const chunks = await call('get', `/Knowledge/${String(knowledge.body.id)}/Chunks`);
    expect(chunks.statusCode).toBe(200);
    expect(chunks.body.chunks).toEqual([]);
  });
});

describe('ids from spec patterns', () => {
  it('takes the literal start of a pattern, the first alternative of a leading group', () => {
    expect(literalStart(/^aia_asst_.+$/)).toBe('aia_asst_');
    expect(literalStart(/^TK[0-9a-fA-F]{32}$/)).toBe('TK');
    expect(literalStart(/^(SM|MM)[0-9a-fA-F]{32}$/)).toBe('SM');
    expect(idPrefixOf(/^[A-Z]{2}$/)).toBeUndefined();
    expect(idPrefixOf(undefined)).toBeUndefined();
  });

  it('gives every assistants kind keyed by a patterned id that prefix', () => {
    const kinds = catalog().kinds;
    expect(kinds.get('assistants.assistants')!.keyPrefix).toBe('aia_asst_');
    expect(kinds.get('assistants.tools')!.keyPrefix).toBe('aia_tool_');
    expect(kinds.get('assistants.assistants.feedbacks')!.keyPrefix).toBe('aia_fdbk_');
    expect(kinds.get('trunking.trunks')!.keyPrefix).toBe('TK');
  });
});
