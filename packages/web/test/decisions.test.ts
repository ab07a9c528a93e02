import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '@chaperone/scan';
import { DECISION_KIND, DecisionInputError, decisionStates, exportYaml, reasonProblem, recordDecision, validateDecision, type DecisionBody, type DecisionWriter } from '../src/data/decisions.ts';
import { LedgerFixture } from './ledger-fixture.ts';

const NOW = Date.UTC(2026, 11, 3, 9);
const DAY = 86_400_000;
const A = 'AC00000000000000000000000000000001';

let fixture: LedgerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Stands in for the ledger's append in these unit tests: numbers entries like the ledger does. */
function counterWriter(): DecisionWriter & { bodies: DecisionBody[] } {
  const bodies: DecisionBody[] = [];
  const write = (async (body: DecisionBody) => {
    bodies.push(body);
    return { seq: 100 + bodies.length, at: new Date(NOW).toISOString() };
  }) as DecisionWriter & { bodies: DecisionBody[] };
  write.bodies = bodies;
  return write;
}

const attest = { action: 'record', entry: 'attestation', control: 'TW-VOICE-RECORDING-AUTH', reason: 'Enforce HTTP Auth on Media URLs is on in Console', expires: '2027-06-01' };

describe('validateDecision', () => {
  it('accepts an attestation of an attest control and records who and when', () => {
    const body = validateDecision(attest, 'ana', NOW, new Map());
    expect(body).toEqual({ kind: DECISION_KIND, action: 'record', entry: 'attestation', control: 'TW-VOICE-RECORDING-AUTH', by: 'ana', reason: attest.reason, date: '2026-12-03', expires: '2027-06-01' });
  });

  it('refuses a reason that holds PHI, naming the kind of identifier and never the text', () => {
    const message = reasonProblem('Patient Maria Lopez called from 415-555-2671');
    expect(message).toContain('NAME');
    expect(message).toContain('PHONE');
    expect(message).not.toContain('Maria');
    expect(() => validateDecision({ ...attest, reason: 'SSN 219-09-9999 on file' }, 'ana', NOW, new Map())).toThrow(DecisionInputError);
  });

  it('refuses scan-verified controls as attestations, mutes without a resource, past and too long expiries', () => {
    expect(() => validateDecision({ ...attest, control: 'TW-HTTPS' }, 'ana', NOW, new Map())).toThrow('cannot be attested');
    expect(() => validateDecision({ ...attest, entry: 'mute', control: 'TW-HTTPS' }, 'ana', NOW, new Map())).toThrow('A mute names its resource SID');
    expect(() => validateDecision({ ...attest, expires: '2026-12-02' }, 'ana', NOW, new Map())).toThrow('in the past');
    expect(() => validateDecision({ ...attest, expires: '2026-02-30' }, 'ana', NOW, new Map())).toThrow('YYYY-MM-DD');
    expect(() => validateDecision({ ...attest, entry: 'mute', control: 'TW-HTTPS', resource: '*', expires: '2028-01-01' }, 'ana', NOW, new Map())).toThrow('365 days at most');
    expect(() => validateDecision({ ...attest, control: 'TW-NOPE' }, 'ana', NOW, new Map())).toThrow('from the catalog');
    expect(() => validateDecision({ ...attest, action: 'renew' }, 'ana', NOW, new Map())).toThrow('no attestation of TW-VOICE-RECORDING-AUTH');
  });
});

describe('decision states and export', () => {
  it('folds record, renew and revoke, flags expiring soon, and exports what is in force as chaperone.yaml the scanner reads', async () => {
    fixture = await LedgerFixture.create();
    const write = counterWriter();
    const states = () => decisionStates(fixture!.db, NOW);
    await recordDecision(fixture.db, write, validateDecision(attest, 'ana', NOW, await states()));
    const mute = { action: 'record', entry: 'mute', control: 'TW-HTTPS', account: A, resource: 'PN00000000000000000000000000000001', reason: 'number is being ported away', expires: '2026-12-20' };
    await recordDecision(fixture.db, write, validateDecision(mute, 'ana', NOW, await states()));
    let s = [...(await states()).values()];
    expect(s.map((x) => [x.entry, x.state])).toEqual([
      ['attestation', 'active'],
      ['mute', 'expiring'],
    ]);
    await recordDecision(fixture.db, write, validateDecision({ ...mute, action: 'renew', expires: '2027-03-01', reason: 'port delayed' }, 'ana', NOW, await states()));
    expect([...(await states()).values()][1]).toMatchObject({ state: 'active', expires: '2027-03-01', reason: 'port delayed' });

    const config = parseConfig(exportYaml((await states()).values(), new Date(NOW).toISOString()), 'chaperone.yaml');
    expect(config.attestations).toEqual([{ control: 'TW-VOICE-RECORDING-AUTH', by: 'ana', date: '2026-12-03', expires: '2027-06-01', note: attest.reason }]);
    expect(config.mutes).toEqual([{ control: 'TW-HTTPS', resource: 'PN00000000000000000000000000000001', account: A, reason: 'port delayed', date: '2026-12-03', expires: '2027-03-01' }]);

    await recordDecision(fixture.db, write, validateDecision({ ...attest, action: 'revoke', reason: 'setting turned off' }, 'ana', NOW, await states()));
    s = [...(await states()).values()];
    expect(s[0]).toMatchObject({ state: 'revoked' });
    expect(s[0]!.history.map((h) => h.action)).toEqual(['record', 'revoke']);
    expect(parseConfig(exportYaml(s, new Date(NOW).toISOString()), 'chaperone.yaml').attestations).toEqual([]);
    expect(write.bodies).toHaveLength(4);
    // A month later the renewed mute has expired.
    expect([...(await decisionStates(fixture.db, NOW + 120 * DAY)).values()][1]!.state).toBe('expired');
  });
});
