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
        muteMaxDays: 365,
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
    expect(config.segment).toEqual({ baaVendors: ['Snowflake'], designatedWorkspaces: ['clinic-prod'] });
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
    expect(error.message).toBe('chaperone.yaml:13: mutes[2].expires: is not a calendar date; write a real day as YYYY-MM-DD, e.g. 2026-06-30');
    expect(error.path).toBe('mutes[2].expires');
    expect(error.line).toBe(13);
    expectOneLine(error);
  });

  it('rejects an impossible day and a wrongly written date', () => {
    expect(errorOf('baa:\n  date: 2025-02-29\n').message).toContain('baa.date: is not a calendar date');
    expect(errorOf('baa:\n  date: 1/3/2024\n').message).toBe(
      'chaperone.yaml:2: baa.date: is not valid; write a date written YYYY-MM-DD, e.g. 2026-06-30',
    );
  });

  it('missing required fields say which and how', () => {
    expect(errorOf('mutes:\n  - control: TW-HTTPS\n    resource: PN1\n    reason: r\n').message).toBe(
      'chaperone.yaml:2: mutes[0]: missing "expires"; add expires (last day the mute counts (UTC), YYYY-MM-DD)',
    );
  });

  it('unknown keys list the valid ones and the near miss', () => {
    expect(errorOf('mute: []\n').message).toBe(
      'chaperone.yaml:1: the top level has a key that is not one of its keys (the key is not shown: it may be a pasted secret); did you mean mutes? valid keys: baa, attestations, mutes, muteMaxDays, segment, twilio, webhookHosts',
    );
    expect(errorOf(attestation('    date: 2026-01-01\n    expires: 2026-02-01\n    expiry: 2026-03-01\n')).message).toContain(
      'chaperone.yaml:6: attestations[0]: has a key that is not one of its keys',
    );
  });

  it('a typo under segment: is an error naming the path, not a silently ignored key', () => {
    expect(errorOf('segment:\n  baaVendor: [braze]\n').message).toBe(
      'chaperone.yaml:2: segment: has a key that is not one of its keys (the key is not shown: it may be a pasted secret); did you mean baaVendors? valid keys: baaVendors, designatedWorkspaces',
    );
  });

  it('never echoes the offending value: a pasted token, a secret in a date, the first line of /etc/shadow', () => {
    const token = 'deadbeefdeadbeefdeadbeef0000b001';
    const cases = [
      `TWILIO_AUTH_TOKEN=${token}: 1\n`,
      `mutes:\n  - control: TW-HTTPS\n    resource: PN1\n    reason: r\n    expires: ${token}\n`,
      `baa:\n  date: 2024-01-01\n  designatedAccounts: [${token}]\n`,
      `webhookHosts: ["${token}/x"]\n`,
      `baa:\n  date: 2024-01-01\n  designatedAccounts: ${token}\n`,
      `webhookHosts: [${token}, ${token}]\n`,
      `mutes:\n  - control: TW-${token.toUpperCase()}\n    resource: PN1\n    reason: r\n    expires: 2026-01-01\n`,
      'root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n',
    ];
    for (const text of cases) {
      const error = errorOf(text);
      expect(error.message, text).not.toMatch(/deadbeef|DEADBEEF|root:|20228/);
      expectOneLine(error);
    }
  });

  it('an alias bomb is one line naming the file and the fix, not the library text', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const error = errorOf(`${bomb}\n`);
    expect(error.message).toMatch(/^chaperone\.yaml: not usable YAML: too many or broken aliases/);
    expect(error.message).not.toContain('resource exhaustion');
  });

  it('unknown control ids name the closest id', () => {
    const error = errorOf('mutes:\n  - control: TW-HTTP\n    resource: PN1\n    reason: r\n    expires: 2026-01-01\n');
    expect(error.message).toBe('chaperone.yaml:2: mutes[0].control: is not a control of the catalog; did you mean TW-HTTPS? (`chaperone controls` lists them)');
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
      'chaperone.yaml:5: attestations[0].expires: is before the attestation date; set expires on or after date',
    );
  });

  it('checks types, empty values, account SIDs and duplicates', () => {
    expect(errorOf('baa:\n  date: 2024-01-01\n  designatedAccounts: AC1\n').message).toContain('baa.designatedAccounts: must be a list, not text');
    expect(errorOf('baa:\n  date: 2024-01-01\n  designatedAccounts: [AC123]\n').message).toContain(
      'baa.designatedAccounts[0]: is not valid; write a Twilio account SID: AC followed by 32 hex characters',
    );
    expect(errorOf(attestation('    date: 2026-01-01\n    expires: 2026-02-01\n').replace('ops@clinic.example', '""')).message).toContain(
      'attestations[0].by: is empty; write who attested',
    );
    expect(errorOf('webhookHosts: [a.example, b.example, a.example]\n').message).toContain('webhookHosts[2]: repeats item 0; remove the duplicate');
    expect(errorOf('webhookHosts: ["https://a.example/x"]\n').message).toContain('webhookHosts[0]: is not valid; write a host name');
    expect(errorOf('mutes:\n  - control: TW-HTTPS\n    resource: 42\n    reason: r\n    expires: 2026-01-01\n').message).toContain(
      'mutes[0].resource: must be text, not a number',
    );
  });
});
