import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index.ts';

const AC1 = 'AC' + '1'.repeat(32);

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, 'chaperone.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

function expectOneLine(error: ConfigError) {
  expect(error.message.split('\n')).toHaveLength(1);
  expect(error.stack).toBe(`ConfigError: ${error.message}`);
  expect(error.stack).not.toMatch(/\n\s+at /);
}

const attestation = (fields: string) => `attestations:\n  - control: TW-STATIC-PROXY\n    by: ops@clinic.example\n${fields}`;

describe('parseConfig: valid files', () => {
  it('treats an empty file or comments only as an empty config', () => {
    for (const text of ['', '# nothing yet\n', '---\n']) {
      expect(parseConfig(text, 'chaperone.yaml')).toEqual({
        attestations: [],
        mutes: [],
        segment: { baaVendors: [], designatedWorkspaces: [] },
        twilio: { baaVendors: [], usTerritories: [] },
      });
    }
  });

  it('reads every section', () => {
    const config = parseConfig(
      [
        'baa:',
        '  date: 2024-03-01',
        `  designatedAccounts: [${AC1}]`,
        'attestations:',
        '  - control: TW-VOICE-RECORDING-AUTH',
        '    by: Dana <dana@clinic.example>',
        '    date: 2026-01-15',
        '    expires: 2026-07-15',
        '    note: checked in Console',
        `    accounts: [${AC1}]`,
        'mutes:',
        "  - control: TW-HTTPS",
        "    resource: '*'",
        `    account: ${AC1}`,
        '    reason: legacy number, ported away next week',
        '    expires: 2026-02-28',
        'segment:',
        '  baaVendors: [Snowflake]',
        '  designatedWorkspaces: [clinic-prod]',
        '  futureSetting: true',
        'twilio:',
        '  baaVendors: [aws]',
        '  usTerritories: [PR]',
        'webhookHosts: [Hooks.Clinic.example, "*.clinic.example"]',
      ].join('\n'),
      'chaperone.yaml',
    );
    expect(config.baa).toEqual({ date: '2024-03-01', designatedAccounts: [AC1] });
    expect(config.attestations).toEqual([
      { control: 'TW-VOICE-RECORDING-AUTH', by: 'Dana <dana@clinic.example>', date: '2026-01-15', expires: '2026-07-15', note: 'checked in Console', accounts: [AC1] },
    ]);
    expect(config.mutes).toEqual([{ control: 'TW-HTTPS', resource: '*', account: AC1, reason: 'legacy number, ported away next week', expires: '2026-02-28' }]);
    expect(config.segment).toEqual({ baaVendors: ['Snowflake'], designatedWorkspaces: ['clinic-prod'], futureSetting: true });
    expect(config.twilio).toEqual({ baaVendors: ['aws'], usTerritories: ['PR'] });
    expect(config.webhookHosts).toEqual(['hooks.clinic.example', '*.clinic.example']);
  });
});

describe('parseConfig: errors name file, line, path, problem and fix', () => {
  it('bad YAML gives the line number', () => {
    const error = errorOf('baa:\n  date: 2024-01-01\nmutes: [\n  - a\n');
    expect(error.message).toMatch(/^chaperone\.yaml:\d+: not valid YAML: .+; fix the YAML syntax on line \d+$/);
    expect(error.line).toBeGreaterThanOrEqual(3);
    expectOneLine(error);
  });

  it('duplicate keys are a YAML error on their line', () => {
    const error = errorOf('twilio: {}\nbaa:\n  date: 2024-01-01\n  date: 2024-01-02\n');
    expect(error.message).toBe('chaperone.yaml:4: not valid YAML: Map keys must be unique; fix the YAML syntax on line 4');
  });

  it('a top-level list is refused', () => {
    expect(errorOf('- baa\n').message).toBe(
      'chaperone.yaml:1: must be a mapping (key: value) at the top level; start with keys such as baa:, attestations:, mutes:',
    );
  });

  it('names the path and line of a bad date (mutes[2].expires)', () => {
    const mute = (expires: string) => `  - control: TW-HTTPS\n    resource: PN1\n    reason: r\n    expires: ${expires}\n`;
    const error = errorOf(`mutes:\n${mute('2026-01-01')}${mute('2026-01-01')}${mute('2026-13-01')}`);
    expect(error.message).toBe('chaperone.yaml:13: mutes[2].expires: 2026-13-01 is not a calendar date; write a real day as YYYY-MM-DD, e.g. 2026-06-30');
    expect(error.path).toBe('mutes[2].expires');
    expect(error.line).toBe(13);
    expectOneLine(error);
  });

  it('rejects an impossible day and a wrongly written date', () => {
    expect(errorOf('baa:\n  date: 2025-02-29\n').message).toContain('baa.date: 2025-02-29 is not a calendar date');
    expect(errorOf('baa:\n  date: 1/3/2024\n').message).toBe(
      'chaperone.yaml:2: baa.date: "1/3/2024" is not valid; write a date written YYYY-MM-DD, e.g. 2026-06-30',
    );
  });

  it('missing required fields say which and how', () => {
    expect(errorOf('mutes:\n  - control: TW-HTTPS\n    resource: PN1\n    reason: r\n').message).toBe(
      'chaperone.yaml:2: mutes[0]: missing "expires"; add expires (last day the mute counts (UTC), YYYY-MM-DD)',
    );
  });

  it('unknown keys list the valid ones and the near miss', () => {
    expect(errorOf('mute: []\n').message).toBe(
      'chaperone.yaml:1: mute: unknown key "mute"; did you mean mutes? valid keys: baa, attestations, mutes, segment, twilio, webhookHosts',
    );
    expect(errorOf(attestation('    date: 2026-01-01\n    expires: 2026-02-01\n    expiry: 2026-03-01\n')).message).toContain(
      'attestations[0].expiry: unknown key "expiry"',
    );
  });

  it('unknown control ids name the closest id', () => {
    const error = errorOf('mutes:\n  - control: TW-HTTP\n    resource: PN1\n    reason: r\n    expires: 2026-01-01\n');
    expect(error.message).toBe('chaperone.yaml:2: mutes[0].control: unknown control "TW-HTTP"; did you mean TW-HTTPS? (`chaperone controls` lists them)');
  });

  it('refuses attestations of controls not verified by attest', () => {
    expect(errorOf('attestations:\n  - control: TW-HTTPS\n    by: a\n    date: 2026-01-01\n    expires: 2026-02-01\n').message).toBe(
      'chaperone.yaml:2: attestations[0].control: TW-HTTPS cannot be attested: it is verified by scan and guard, not by a person; fix the finding, or mute it under mutes with a reason and an expiry',
    );
    expect(errorOf('attestations:\n  - control: TW-FLEX-RECORDING-AUTH\n    by: a\n    date: 2026-01-01\n    expires: 2026-02-01\n').message).toContain(
      'attest TW-VOICE-RECORDING-AUTH instead',
    );
  });

  it('refuses an attestation that expires before it was made', () => {
    expect(errorOf(attestation('    date: 2026-03-01\n    expires: 2026-02-01\n')).message).toBe(
      'chaperone.yaml:5: attestations[0].expires: 2026-02-01 is before the attestation date 2026-03-01; set expires on or after date',
    );
  });

  it('checks types, empty values, account SIDs and duplicates', () => {
    expect(errorOf('baa:\n  date: 2024-01-01\n  designatedAccounts: AC1\n').message).toContain('baa.designatedAccounts: must be a list, not "AC1"');
    expect(errorOf('baa:\n  date: 2024-01-01\n  designatedAccounts: [AC123]\n').message).toContain(
      'baa.designatedAccounts[0]: "AC123" is not valid; write a Twilio account SID: AC followed by 32 hex characters',
    );
    expect(errorOf(attestation('    date: 2026-01-01\n    expires: 2026-02-01\n').replace('ops@clinic.example', '""')).message).toContain(
      'attestations[0].by: is empty; write who attested',
    );
    expect(errorOf('webhookHosts: [a.example, b.example, a.example]\n').message).toContain('webhookHosts[2]: repeats "a.example"; remove the duplicate');
    expect(errorOf('webhookHosts: ["https://a.example/x"]\n').message).toContain('webhookHosts[0]: "https://a.example/x" is not valid; write a host name');
    expect(errorOf('mutes:\n  - control: TW-HTTPS\n    resource: 42\n    reason: r\n    expires: 2026-01-01\n').message).toContain(
      'mutes[0].resource: must be text, not 42',
    );
  });
});
