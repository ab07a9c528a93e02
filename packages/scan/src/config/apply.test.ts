import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus } from '../types.ts';
import { applyConfig, checkContextFrom, emptyConfig, parseConfig, type ChaperoneConfig } from './index.ts';

const AC1 = 'AC' + '1'.repeat(32);
const AC2 = 'AC' + '2'.repeat(32);

function finding(control: Finding['control'], status: FindingStatus, sid: string, account = AC1): Finding {
  return {
    control,
    status,
    severity: 'high',
    account,
    platform: 'twilio',
    resource: { kind: 'api.incoming_phone_number', sid },
    evidence: 'voice_url = http://clinic.example/voice',
    remediation: 'use https',
  };
}

function config(text: string): ChaperoneConfig {
  return parseConfig(text, 'chaperone.yaml');
}

const at = (iso: string) => new Date(iso);

describe('attestations', () => {
  const attested = config(
    [
      'attestations:',
      '  - control: TW-STATIC-PROXY',
      '    by: ops@clinic.example',
      '    date: 2026-01-01',
      '    expires: 2026-06-30',
      '    note: proxy on',
      '  - control: TW-SMS-GEO-PERMISSIONS',
      '    by: Dana',
      '    date: 2026-01-01',
      '    expires: 2026-06-30',
      `    accounts: [${AC2}]`,
    ].join('\n'),
  );

  it('turn a covered manual finding into attested, naming who and until when', () => {
    const { findings, expired } = applyConfig([finding('TW-STATIC-PROXY', 'manual', AC1)], attested, at('2026-03-01T12:00:00Z'));
    expect(findings[0]).toMatchObject({ status: 'attested', note: 'attested by ops@clinic.example on 2026-01-01, valid until 2026-06-30: proxy on' });
    expect(expired).toEqual([]);
  });

  it('count through the whole of the expiry day (UTC) and stop the next day', () => {
    const input = [finding('TW-STATIC-PROXY', 'manual', AC1)];
    expect(applyConfig(input, attested, at('2026-06-30T00:00:00Z')).findings[0]!.status).toBe('attested');
    expect(applyConfig(input, attested, at('2026-06-30T23:59:59.999Z')).findings[0]!.status).toBe('attested');
    const after = applyConfig(input, attested, at('2026-07-01T00:00:00Z'));
    expect(after.findings[0]!.status).toBe('manual');
    expect(after.findings[0]!.note).toBeUndefined();
    expect(after.expired).toEqual([
      { kind: 'attestation', control: 'TW-STATIC-PROXY', expired: '2026-06-30' },
      { kind: 'attestation', control: 'TW-SMS-GEO-PERMISSIONS', expired: '2026-06-30' },
    ]);
  });

  it('do not count before their date', () => {
    const { findings } = applyConfig([finding('TW-STATIC-PROXY', 'manual', AC1)], attested, at('2025-12-31T23:59:59Z'));
    expect(findings[0]!.status).toBe('manual');
  });

  it('respect the accounts they list', () => {
    const now = at('2026-03-01T00:00:00Z');
    const input = [finding('TW-SMS-GEO-PERMISSIONS', 'manual', AC1, AC1), finding('TW-SMS-GEO-PERMISSIONS', 'manual', AC2, AC2)];
    expect(applyConfig(input, attested, now).findings.map((f) => f.status)).toEqual(['manual', 'attested']);
  });

  it('never change fail, unknown or pass findings', () => {
    const now = at('2026-03-01T00:00:00Z');
    const input = (['fail', 'unknown', 'pass'] as const).map((s) => finding('TW-STATIC-PROXY', s, AC1));
    expect(applyConfig(input, attested, now).findings).toEqual(input);
  });
});

describe('mutes', () => {
  const muted = config(
    [
      'mutes:',
      '  - control: TW-HTTPS',
      '    resource: PN1',
      '    reason: number being ported away',
      '    expires: 2026-02-28',
      '  - control: TW-SIP-TRUNK-SECURE',
      "    resource: '*'",
      `    account: ${AC2}`,
      '    reason: test trunks only',
      '    expires: 2026-12-31',
    ].join('\n'),
  );

  it('turn a matching failing finding into muted with the reason and expiry', () => {
    const input = [finding('TW-HTTPS', 'fail', 'PN1'), finding('TW-HTTPS', 'fail', 'PN2'), finding('TW-PKCV', 'fail', 'PN1')];
    const { findings } = applyConfig(input, muted, at('2026-02-28T18:00:00Z'));
    expect(findings.map((f) => f.status)).toEqual(['muted', 'fail', 'fail']);
    expect(findings[0]!.note).toBe('muted until 2026-02-28: number being ported away');
  });

  it("match every resource with '*', limited to the account given", () => {
    const input = [finding('TW-SIP-TRUNK-SECURE', 'fail', 'TK1', AC2), finding('TW-SIP-TRUNK-SECURE', 'fail', 'TK2', AC1)];
    expect(applyConfig(input, muted, at('2026-03-01T00:00:00Z')).findings.map((f) => f.status)).toEqual(['muted', 'fail']);
  });

  it('never hide unknown findings (data not collected is not an accepted risk), but accept an advisory or a review', () => {
    const input = [finding('TW-HTTPS', 'unknown', 'PN1'), finding('TW-HTTPS', 'manual', 'PN1'), finding('TW-HTTPS', 'advisory', 'PN1'), finding('TW-HTTPS', 'pass', 'PN1')];
    expect(applyConfig(input, muted, at('2026-02-01T00:00:00Z')).findings.map((f) => f.status)).toEqual(['unknown', 'muted', 'muted', 'pass']);
  });

  it('stop counting after the expiry day and are reported', () => {
    const { findings, expired } = applyConfig([finding('TW-HTTPS', 'fail', 'PN1')], muted, at('2026-03-01T00:00:00Z'));
    expect(findings[0]!.status).toBe('fail');
    expect(expired).toEqual([{ kind: 'mute', control: 'TW-HTTPS', resource: 'PN1', expired: '2026-02-28' }]);
  });

  it('leave the input untouched', () => {
    const input = [finding('TW-HTTPS', 'fail', 'PN1')];
    const copy = structuredClone(input);
    applyConfig(input, muted, at('2026-02-01T00:00:00Z'));
    expect(input).toEqual(copy);
  });
});

describe('checkContextFrom', () => {
  it('carries the BAA, designated accounts and workspaces, and lower-cased vendors', () => {
    const now = at('2026-03-01T00:00:00Z');
    const context = checkContextFrom(
      config(
        [
          'baa:',
          '  date: 2024-03-01',
          `  designatedAccounts: [${AC1}]`,
          'segment:',
          '  baaVendors: [Snowflake, amplitude]',
          '  designatedWorkspaces: [clinic-prod]',
          'twilio:',
          '  baaVendors: [AWS, snowflake]',
          '  usTerritories: [PR, VI]',
        ].join('\n'),
      ),
      now,
    );
    expect(context).toEqual({
      now,
      baaDate: '2024-03-01',
      designatedAccounts: [AC1, 'clinic-prod'],
      baaVendors: ['snowflake', 'amplitude', 'aws'],
      usTerritories: ['PR', 'VI'],
    });
  });

  it('is empty (no BAA date, nothing designated) without a config', () => {
    const now = at('2026-03-01T00:00:00Z');
    expect(checkContextFrom(emptyConfig(), now)).toEqual({ now, designatedAccounts: [], baaVendors: [], usTerritories: [] });
  });
});

describe('warnings: nothing in chaperone.yaml counts for less than it seems without a word', () => {
  const now = at('2026-03-01T12:00:00Z');

  it('a mute of resource "*" warns, naming the entry', () => {
    const c = config(`mutes:\n  - control: TW-HTTPS\n    resource: '*'\n    reason: r\n    expires: 2026-06-01\n`);
    const { findings, warnings } = applyConfig([finding('TW-HTTPS', 'fail', 'PN1')], c, now);
    expect(findings[0]!.status).toBe('muted');
    expect(warnings).toEqual(['mutes[0] (TW-HTTPS): resource "*" mutes the control on every resource of every account']);
  });

  it('a mute longer than muteMaxDays (default 365) does not count and says so; muteMaxDays raises the cap', () => {
    const long = `mutes:\n  - control: TW-HTTPS\n    resource: PN1\n    reason: r\n    expires: 2030-12-31\n`;
    const capped = applyConfig([finding('TW-HTTPS', 'fail', 'PN1')], config(long), now);
    expect(capped.findings[0]!.status).toBe('fail');
    expect(capped.warnings).toEqual(['mutes[0] (TW-HTTPS): lasts 1766 days, more than muteMaxDays (365): it does not count; set an earlier expires, or raise muteMaxDays']);
    const raised = applyConfig([finding('TW-HTTPS', 'fail', 'PN1')], config(`muteMaxDays: 2000\n${long}`), now);
    expect(raised.findings[0]!.status).toBe('muted');
    expect(raised.warnings).toEqual([]);
    // Counted from the mute's own date when it has one.
    const dated = config(`mutes:\n  - control: TW-HTTPS\n    resource: PN1\n    reason: r\n    date: 2025-01-01\n    expires: 2026-06-01\n`);
    expect(applyConfig([finding('TW-HTTPS', 'fail', 'PN1')], dated, now).findings[0]!.status).toBe('fail');
  });

  it('mutes and attestations that match nothing, future-dated attestations and unknown accounts each warn', () => {
    const c = config(
      [
        'attestations:',
        '  - control: TW-STATIC-PROXY',
        '    by: a',
        '    date: 2029-01-01',
        '    expires: 2030-01-01',
        '  - control: TW-SMS-GEO-PERMISSIONS',
        '    by: a',
        '    date: 2026-01-01',
        '    expires: 2026-06-01',
        '    accounts: [not-an-account]',
        'mutes:',
        '  - control: TW-HTTPS',
        '    resource: PN404',
        '    reason: r',
        '    expires: 2026-06-01',
      ].join('\n'),
    );
    const findings = [finding('TW-STATIC-PROXY', 'manual', AC1), finding('TW-HTTPS', 'fail', 'PN1')];
    const { warnings } = applyConfig(findings, c, now, { accounts: [AC1] });
    expect(warnings).toEqual([
      'attestations[0] (TW-STATIC-PROXY): dated 2029-01-01, in the future: it does not count until that day',
      'attestations[1] (TW-SMS-GEO-PERMISSIONS): accounts[0] is not an account of this scan',
      'attestations[1] (TW-SMS-GEO-PERMISSIONS): matches no finding of this scan that a person can settle',
      'mutes[0] (TW-HTTPS): matches no failing, advisory or manual finding of this scan',
    ]);
    // The warnings name entries by place and control, never by their values.
    for (const w of warnings) expect(w).not.toMatch(/not-an-account|PN404/);
  });
});

describe('an attestation settles a fail only where the catalog says a person can confirm the alternative', () => {
  it('TW-SIP-TRUNK-SECURE over Interconnect: attested with who and until when, for the trunk named', () => {
    const c = config(
      ['attestations:', '  - control: TW-SIP-TRUNK-SECURE', '    by: Dana', '    date: 2026-01-01', '    expires: 2026-12-31', '    note: Interconnect circuit IC-7', '    resources: [TK1]'].join('\n'),
    );
    const input = [finding('TW-SIP-TRUNK-SECURE', 'fail', 'TK1'), finding('TW-SIP-TRUNK-SECURE', 'fail', 'TK2')];
    const { findings } = applyConfig(input, c, at('2026-03-01T00:00:00Z'));
    expect(findings.map((f) => f.status)).toEqual(['attested', 'fail']);
    expect(findings[0]!.note).toBe("attested by Dana on 2026-01-01, valid until 2026-12-31 (the guide's alternative: trunk traffic runs over Twilio Interconnect): Interconnect circuit IC-7");
  });

  it('a fail of any other attest control stays fail', () => {
    const c = config(['attestations:', '  - control: TW-ACCT-DESIGNATION', '    by: Dana', '    date: 2026-01-01', '    expires: 2026-12-31'].join('\n'));
    expect(applyConfig([finding('TW-ACCT-DESIGNATION', 'fail', AC1)], c, at('2026-03-01T00:00:00Z')).findings[0]!.status).toBe('fail');
  });
});
