import { describe, expect, it } from 'vitest';
import type { Check } from '../src/check.ts';
import { runChecks } from '../src/engine/run-checks.ts';
import { attestationRequests, manualFindings } from '../src/engine/manual.ts';
import { exitCodeFor, FailOnError, parseFailOn } from '../src/engine/exit-code.ts';
import { twilioChecks } from '../src/checks/index.ts';
import { MASTER, SUB, context, inventory, res } from './checks/helpers.ts';
import type { Inventory, ScanReport } from '../src/types.ts';

const passesEverything: Check = {
  name: 'always-pass',
  control: 'TW-RT-SYNC',
  needs: ['sync.service'],
  run: (inv) => inv.accounts.map((a) => ({ control: 'TW-RT-SYNC', status: 'pass', severity: 'low', account: a.sid, platform: 'twilio', resource: { kind: 'x', sid: a.sid }, evidence: '', remediation: '' })),
};

describe('runChecks', () => {
  const accounts = [
    { platform: 'twilio' as const, sid: MASTER },
    { platform: 'twilio' as const, sid: SUB, parent: MASTER },
  ];

  it('replaces a check’s findings by one unknown in each account missing a needed kind', () => {
    const inv = inventory([], { accounts });
    inv.collections = inv.collections.map((c) => (c.account === SUB && c.kind === 'sync.service' ? { ...c, ok: false, error: 'ECONNRESET' } : c));
    const findings = runChecks(inv, [passesEverything], context);
    expect(findings.map((f) => `${f.status} ${f.account}`).sort()).toEqual([`pass ${MASTER}`, `unknown ${SUB}`]);
    expect(findings.find((f) => f.status === 'unknown')!.evidence).toContain('sync.service: ECONNRESET');
  });

  it('a kind with no collection record at all is unknown too', () => {
    const inv = { accounts, resources: [], collections: [] };
    expect(runChecks(inv, [passesEverything], context).map((f) => f.status)).toEqual(['unknown', 'unknown']);
  });

  it('a check that throws turns into unknown, not silence', () => {
    const broken: Check = { ...passesEverything, name: 'broken', run: () => { throw new TypeError('bug'); } };
    expect(runChecks(inventory([], { accounts }), [broken], context).map((f) => f.status)).toEqual(['unknown', 'unknown']);
  });

  it('every Twilio check is unknown, never pass, when a kind it needs was not collected', () => {
    for (const check of twilioChecks) {
      for (const kind of check.needs) {
        const inv = inventory([res(kind, 'R1', {})], { failed: [kind], accounts });
        const findings = runChecks(inv, [check], { ...context, baaDate: '2023-01-01', designatedAccounts: [MASTER] });
        expect(findings.map((f) => f.status), `${check.name} without ${kind}`).toEqual(['unknown', 'unknown']);
      }
    }
  });

  it('no check name is used twice', () => {
    const names = twilioChecks.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('manualFindings', () => {
  it('gives every uncovered Twilio control one manual finding on the master account', () => {
    const inv = inventory([res('sync.service', 'IS1', {})], { accounts: [{ platform: 'twilio', sid: MASTER }, { platform: 'twilio', sid: SUB, parent: MASTER }] });
    const findings = manualFindings(inv, twilioChecks, ['twilio']);
    expect(findings.length).toBeGreaterThan(10);
    expect(new Set(findings.map((f) => f.account))).toEqual(new Set([MASTER]));
    const controls = findings.map((f) => f.control);
    expect(controls).toContain('TW-SUPPORT-NO-PHI');
    expect(controls).not.toContain('TW-HTTPS');
    expect(controls.every((c) => c.startsWith('TW-'))).toBe(true);
  });
});

describe('scan + attest means both', () => {
  it('a control verified by scan and attest asks a person even when its scan passes; an attest-only alternative (SIP over Interconnect) does not', () => {
    const inv: Inventory = { accounts: [{ platform: 'twilio', sid: MASTER }], resources: [], collections: [] };
    // TW-RT-SYNC's scan passed (no open finding); TW-HTTPS is scan-only, so never asked.
    const asked = attestationRequests(inv, twilioChecks, new Map([['TW-RT-STUDIO', 2]]), ['twilio']);
    const sync = asked.find((f) => f.control === 'TW-RT-SYNC')!;
    expect(sync).toMatchObject({ status: 'manual', account: MASTER, resource: { kind: 'twilio.attestation', sid: MASTER } });
    expect(sync.evidence).toMatch(/^scan passed; attestation required as well/);
    expect(asked.find((f) => f.control === 'TW-RT-STUDIO')!.evidence).toMatch(/^scan found 2 finding\(s\) to settle/);
    const controls = asked.map((f) => f.control);
    for (const id of ['TW-RT-STUDIO', 'TW-RT-DEBUGGER', 'TW-EVENTS-SINKS', 'TW-FLEX-PLUGINS', 'TW-ACCT-DESIGNATION']) expect(controls).toContain(id);
    expect(controls).not.toContain('TW-SIP-TRUNK-SECURE');
    expect(controls).not.toContain('TW-HTTPS');
  });
});

describe('exitCodeFor', () => {
  const report = (statuses: string[], complete = true) => ({ scan: { complete }, findings: statuses.map((status) => ({ status })) }) as unknown as ScanReport;
  it('0 clean, 1 failing, 3 incomplete without failures', () => {
    expect(exitCodeFor(report(['pass', 'manual']))).toBe(0);
    expect(exitCodeFor(report(['pass', 'fail', 'unknown'], false))).toBe(1);
    expect(exitCodeFor(report(['pass', 'unknown']))).toBe(3);
    expect(exitCodeFor(report(['pass'], false))).toBe(3);
  });

  it('advisory and manual never fail the run by default', () => {
    expect(exitCodeFor(report(['pass', 'advisory', 'manual', 'attested', 'muted']))).toBe(0);
    expect(exitCodeFor(report(['advisory', 'unknown']))).toBe(3);
  });

  const sev = (pairs: [string, string][], complete = true) =>
    ({ scan: { complete }, findings: pairs.map(([status, severity]) => ({ status, severity })) }) as unknown as ScanReport;

  it('--fail-on adds statuses, sets a minimum severity, or both', () => {
    const r = sev([['advisory', 'medium'], ['fail', 'low'], ['pass', 'high']]);
    expect(exitCodeFor(r)).toBe(1);
    expect(exitCodeFor(r, parseFailOn(['high']))).toBe(0);
    expect(exitCodeFor(r, parseFailOn(['low']))).toBe(1);
    expect(exitCodeFor(sev([['advisory', 'medium']]), parseFailOn(['advisory']))).toBe(1);
    expect(exitCodeFor(sev([['advisory', 'medium']]), parseFailOn(['advisory,high']))).toBe(0);
    expect(exitCodeFor(sev([['advisory', 'high']]), parseFailOn(['advisory', 'high']))).toBe(1);
    expect(exitCodeFor(sev([['manual', 'info']]), parseFailOn(['manual']))).toBe(1);
    // unknown under --fail-on unknown is 1, otherwise the run is incomplete (3).
    expect(exitCodeFor(sev([['unknown', 'low']]), parseFailOn(['unknown']))).toBe(1);
    expect(exitCodeFor(sev([['fail', 'low'], ['unknown', 'low']]), parseFailOn(['critical']))).toBe(3);
  });

  it('--fail-on refuses a word that is neither a status nor a severity, naming it', () => {
    expect(() => parseFailOn(['advisory,hihg'])).toThrow(FailOnError);
    expect(() => parseFailOn(['pass'])).toThrow('--fail-on "pass" is neither a status');
    expect(parseFailOn(['HIGH', 'medium']).minSeverity).toBe('medium');
  });
});
