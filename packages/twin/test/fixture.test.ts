// Fixture validation: every bad input names the file, the line, the path inside it and
// the fix; secrets never appear in an error.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { FixtureError } from '../src/errors.ts';
import { loadFixtureText } from '../src/fixture.ts';
import { catalog } from '../src/spec/catalog.ts';
import { TwinState } from '../src/state.ts';
import { startTwin, type TwinExtension } from '../src/index.ts';

const MASTER = `accounts:
  - sid: AC00000000000000000000000000000001
    auth_token: deadbeefdeadbeefdeadbeef00000001
`;

function load(text: string, extensions: TwinExtension[] = []): TwinState {
  const state = new TwinState(catalog(), 1);
  loadFixtureText(state, text, 'clinic.yaml', { extensions });
  return state;
}

function errorOf(text: string): FixtureError {
  try {
    load(text);
  } catch (error) {
    if (error instanceof FixtureError) return error;
    throw error;
  }
  throw new Error('expected a FixtureError');
}

describe('fixture validation', () => {
  it('loads the sample clinic fixture', () => {
    const text = readFileSync(fileURLToPath(new URL('../../../fixtures/sample-clinic.yaml', import.meta.url)), 'utf8');
    const state = load(text);
    expect(state.masters().map((a) => a.friendlyName)).toEqual(['Bayview Family Clinic']);
    expect(state.subaccountsOf('AC0ba1e00000000000000000000000b001').length).toBeGreaterThanOrEqual(3);
  });

  it('names an unknown field with file, line, path and the closest fix', () => {
    const error = errorOf(`${MASTER}    resources:
      trunking:
        trunks:
          - friendly_name: pbx
            secured: false
`);
    expect(error.message).toBe('clinic.yaml:8: accounts[0].resources.trunking.trunks[0].secured: unknown field "secured" of trunking.trunks; fix: did you mean "secure"? Otherwise remove it');
  });

  it('names an unknown resource kind and API', () => {
    expect(errorOf(`${MASTER}    resources:\n      trunking:\n        trunk: []\n`).message).toMatch(
      /^clinic\.yaml:6: accounts\[0\]\.resources\.trunking\.trunk: unknown resource kind "trunking\.trunk"; fix: did you mean "trunks"\?/,
    );
    expect(errorOf(`${MASTER}    resources:\n      trunkin: {}\n`).message).toMatch(/accounts\[0\]\.resources\.trunkin: unknown API "trunkin"; fix: did you mean "trunking"\?/);
  });

  it('rejects a malformed SID with the expected shape', () => {
    const error = errorOf(`${MASTER}    resources:\n      trunking:\n        trunks:\n          - sid: TK123\n`);
    expect(error.path).toBe('accounts[0].resources.trunking.trunks[0].sid');
    expect(error.message).toContain('sid "TK123" is malformed; fix: a sid is "TK" followed by 32 hex digits');
  });

  it('rejects a dangling reference', () => {
    const error = errorOf(`${MASTER}    resources:
      flex:
        flex_flows:
          - chat_service_sid: IS00000000000000000000000000000009
`);
    expect(error.path).toBe('accounts[0].resources.flex.flex_flows[0].chat_service_sid');
    expect(error.message).toContain('dangling reference: chat_service_sid IS00000000000000000000000000000009 is not declared in this fixture; fix: declare it');
  });

  it('rejects a wrong type and a value outside the enum', () => {
    expect(errorOf(`${MASTER}    resources:\n      trunking:\n        trunks:\n          - secure: "no"\n`).message).toContain('secure must be true or false; fix: write true or false');
    expect(errorOf(`${MASTER}    resources:\n      video:\n        rooms:\n          - type: huge\n`).message).toContain('type "huge" is not allowed; fix: use one of: go, peer-to-peer, group, group-small');
  });

  it('rejects a subaccount whose owner is not declared, and never prints the token', () => {
    const error = errorOf(`${MASTER}  - sid: AC00000000000000000000000000000002
    owner_account_sid: AC00000000000000000000000000000003
    auth_token: deadbeefdeadbeefdeadbeef00000002
`);
    expect(error.path).toBe('accounts[1].owner_account_sid');
    expect(error.message).toContain('dangling reference');
    expect(error.message).not.toContain('deadbeef');
  });

  it('rejects a malformed auth token without printing it', () => {
    const error = errorOf(`accounts:\n  - sid: AC00000000000000000000000000000001\n    auth_token: my-real-token-value\n`);
    expect(error.message).toBe('clinic.yaml:3: accounts[0].auth_token: auth_token is missing or malformed; fix: use 32 hex digits (0-9, a-f), clearly fake');
  });

  it('reports YAML syntax errors with a line', () => {
    expect(errorOf('accounts:\n  - sid: [unclosed\n').message).toMatch(/^clinic\.yaml:\d+: \(yaml\): .+; fix: correct the YAML syntax$/);
  });

  it('rejects unknown top-level keys but leaves reserved extension keys to their extension', () => {
    expect(errorOf(`${MASTER}segmnt: {}\n`).message).toContain('unknown top-level key "segmnt"');
    expect(() => load(`${MASTER}segment: { workspaces: [] }\n`)).not.toThrow();
    const seen: unknown[] = [];
    const extension: TwinExtension = { key: 'segment', pathPrefix: '/segment', load: (value, where) => void seen.push(value, where), handle: async () => {} };
    load(`${MASTER}segment: { workspaces: [] }\n`, [extension]);
    expect(seen).toEqual([{ workspaces: [] }, { file: 'clinic.yaml', path: 'segment' }]);
  });

  it('fills omitted fields from the spec defaults', async () => {
    const twin = await startTwin({ fixtureText: `${MASTER}    resources:\n      trunking:\n        trunks:\n          - sid: TK00000000000000000000000000000001\n`, fixtureName: 'inline.yaml' });
    try {
      const auth = 'Basic ' + Buffer.from(`${twin.master.accountSid}:${twin.master.authToken}`).toString('base64');
      const trunk = (await (await fetch(`${twin.baseUrl}/trunking/v1/Trunks/TK00000000000000000000000000000001`, { headers: { authorization: auth } })).json()) as Record<string, unknown>;
      expect(trunk).toMatchObject({ transfer_mode: 'disable-all', cnam_lookup_enabled: false, disaster_recovery_url: null });
    } finally {
      await twin.close();
    }
  });
});
