import { describe, expect, it } from 'vitest';
import { keysRotation } from '../../src/checks/keys-rotation.ts';
import { parseConfig } from '../../src/config/index.ts';
import { checkContextFrom } from '../../src/config/apply.ts';
import { context, inventory, MASTER, res, run, SUB, verdicts } from './helpers.ts';

// context.now is 2026-01-01.
const key = (sid: string, created: string | undefined, account = MASTER) =>
  res('api.key', sid, { sid, friendly_name: 'ci', ...(created !== undefined ? { date_created: created } : {}) }, { account });
const SK = (n: number) => `SK${n.toString().padStart(32, '0')}`;

describe('TW-KEYS-ROTATION', () => {
  it('an API key older than 90 days is advisory (a recommendation), a newer one passes, an undated one is unknown', () => {
    const inv = inventory([key(SK(1), 'Mon, 01 Sep 2025 00:00:00 +0000'), key(SK(2), 'Mon, 01 Dec 2025 00:00:00 +0000'), key(SK(3), undefined)]);
    expect(verdicts(keysRotation, inv)).toEqual([`advisory ${SK(1)}`, `pass ${SK(2)}`, `unknown ${SK(3)}`]);
    const old = run(keysRotation, inv).find((f) => f.resource.sid === SK(1))!;
    expect(old.evidence).toBe('date_created = 2025-09-01: 122 days old, over the 90-day rotation age');
    expect(old).toMatchObject({ severity: 'low', resource: { kind: 'api.key' } });
  });

  it('exactly at the age limit still passes; one day over does not', () => {
    const inv = inventory([key(SK(1), '2025-10-03T00:00:00Z'), key(SK(2), '2025-10-02T00:00:00Z')]);
    expect(verdicts(keysRotation, inv)).toEqual([`advisory ${SK(2)}`, `pass ${SK(1)}`]);
  });

  it('takes the age from chaperone.yaml twilio.apiKeyMaxAgeDays', () => {
    const config = parseConfig('twilio:\n  apiKeyMaxAgeDays: 30\n', 'chaperone.yaml');
    const ctx = checkContextFrom(config, context.now);
    expect(ctx.apiKeyMaxAgeDays).toBe(30);
    expect(verdicts(keysRotation, inventory([key(SK(2), '2025-11-20T00:00:00Z')]), ctx)).toEqual([`advisory ${SK(2)}`]);
    expect(() => parseConfig('twilio:\n  apiKeyMaxAgeDays: 0\n', 'chaperone.yaml')).toThrow(/apiKeyMaxAgeDays/);
  });

  it('an account without keys passes as a whole; one whose keys could not be listed is unknown, never pass', () => {
    const accounts = [{ platform: 'twilio' as const, sid: MASTER }, { platform: 'twilio' as const, sid: SUB, parent: MASTER }];
    expect(verdicts(keysRotation, inventory([], { accounts }))).toEqual([`pass ${MASTER}`, `pass ${SUB}`]);
    const failed = run(keysRotation, inventory([key(SK(1), '2025-12-01T00:00:00Z')], { failed: ['api.key'] }));
    expect(failed.map((f) => f.status)).toEqual(['unknown']);
  });
});
